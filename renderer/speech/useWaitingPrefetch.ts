import { useEffect, useRef } from 'react';
import type { i18n as I18n } from 'i18next';
import type { SpeechRate } from '../../contract';
import { LANGUAGE_CODES } from '../../contract/languages';
import { isLanguage } from './context';
import { waitingScript } from './dialog-scripts';
import type { SpeechPlayer } from './player';

/** Long enough after a change of language or rate for the screen's own speech to have its turn. */
const PREFETCH_AFTER_MS = 6_000;

/**
 * "Einen Moment bitte …" is made ahead, in the language and rate shown, once the kiosk is up and
 * speech is idle: while the core is away (its process restarting after a crash, the server gone)
 * nobody could make it, and the waiting screen must still be spoken. Once per language and rate.
 */
export function useWaitingPrefetch(
  player: SpeechPlayer,
  i18n: I18n,
  language: string,
  rate: SpeechRate,
  ready: boolean,
): void {
  const done = useRef(new Set<string>());
  useEffect(() => {
    const key = `${language}|${rate}`;
    if (!ready || done.current.has(key) || !isLanguage(language, LANGUAGE_CODES)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    const attempt = () => {
      timer = undefined;
      if (cancelled) return;
      // Speech has the synthesiser first; try again a little later.
      if (player.state.status !== 'idle') return void (timer = setTimeout(attempt, PREFETCH_AFTER_MS));
      done.current.add(key);
      void player.prefetch(waitingScript(i18n.getFixedT(language)), language, rate).then((complete) => {
        if (complete) return;
        done.current.delete(key);
        if (!cancelled) timer = setTimeout(attempt, PREFETCH_AFTER_MS);
      });
    };
    timer = setTimeout(attempt, PREFETCH_AFTER_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [player, i18n, language, rate, ready]);
}
