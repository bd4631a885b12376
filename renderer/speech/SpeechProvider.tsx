import { useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskBridge, LanguageCode } from '../../contract';
import { LANGUAGE_CODES } from '../../contract/languages';
import { useKiosk } from '../app/context';
import { SPEECH_VOLUME_LEVELS } from '../app/state';
import { isLanguage, SpeechContext, type SpeechContextValue } from './context';
import { SpeechPlayer } from './player';
import type { Utterance } from './scripts';
import { useWaitingPrefetch } from './useWaitingPrefetch';

/**
 * The terminal's own voice: prompts come from the core through the one API
 * and play here. Any touch or key stops speech; rate and volume follow the
 * session's settings, which the session's end resets.
 */
export function SpeechProvider({ bridge, children }: { bridge: KioskBridge; children: ReactNode }) {
  const { state } = useKiosk();
  const { i18n } = useTranslation();
  const player = useMemo(
    () =>
      new SpeechPlayer(async (request) => {
        try {
          const result = await bridge.call('speech.synthesize', request);
          return result.ok ? result.value : null;
        } catch {
          return null; // the core is away: the page stays silent, the waiting screen says why
        }
      }),
    [bridge],
  );

  const settings = useRef({ rate: state.speech.rate, language: i18n.language });
  const sessionId = useRef(state.view?.sessionId);
  useLayoutEffect(() => {
    settings.current = { rate: state.speech.rate, language: i18n.language };
    sessionId.current = state.view?.sessionId;
  });

  useEffect(() => {
    player.setVolume(state.speech.volume / SPEECH_VOLUME_LEVELS);
  }, [player, state.speech.volume]);

  // The waiting screen's prompt, made while the core is there to make it.
  useWaitingPrefetch(player, i18n, i18n.language, state.speech.rate, state.booted && state.connected);

  // The resident acts: speech stops at once (a new screen or "Vorlesen" starts it again). A click
  // on its own counts too: a screen reader or switch activates a button with a click alone, no
  // pointer or key before it (the click after a touch or a key changes nothing: speech stopped at
  // the touch, and what the button started since must go on). The stopped screen's audio, still on
  // its way, is then never decoded during the next transition.
  useEffect(() => {
    let touched = false;
    const stop = () => {
      touched = true;
      player.stop();
    };
    const click = () => {
      if (!touched) player.stop();
      touched = false;
    };
    const options = { capture: true, passive: true } as const;
    window.addEventListener('pointerdown', stop, options);
    window.addEventListener('keydown', stop, options);
    window.addEventListener('click', click, options);
    return () => {
      window.removeEventListener('pointerdown', stop, options);
      window.removeEventListener('keydown', stop, options);
      window.removeEventListener('click', click, options);
      player.stop();
    };
  }, [player]);

  const scripts = useRef<{ script: () => readonly Utterance[] }[]>([]);
  const value = useMemo<SpeechContextValue>(() => {
    const speak: SpeechContextValue['speak'] = (script, options = {}) => {
      const wanted = options.language ?? settings.current.language;
      const language: LanguageCode = isLanguage(wanted, LANGUAGE_CODES) ? wanted : LANGUAGE_CODES[0];
      void player.speak(script, language, options.rate ?? settings.current.rate);
    };
    return {
      player,
      speak,
      repeat() {
        const top = scripts.current.at(-1);
        if (top) speak(top.script());
        // "Vorlesen": the resident used speech, counted in the anonymous figures (issue 18).
        const id = sessionId.current;
        if (id) void bridge.call('usage.settings', { sessionId: id, speech: true }).catch(() => undefined);
      },
      register(script) {
        const entry = { script };
        scripts.current.push(entry);
        return () => {
          scripts.current = scripts.current.filter((candidate) => candidate !== entry);
        };
      },
      isTopmost: (script) => scripts.current.at(-1)?.script === script,
      stop: () => player.stop(),
    };
  }, [player, bridge]);

  return <SpeechContext.Provider value={value}>{children}</SpeechContext.Provider>;
}
