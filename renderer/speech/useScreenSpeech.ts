import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSpeech } from './context';
import type { Utterance } from './scripts';

/**
 * Speaks a screen's script when it appears and whenever `trigger` changes
 * (new page, new errors, "Meine Angaben vorlesen" switched), in the language
 * the screen is shown in; and makes it what "Vorlesen" repeats.
 */
export function useScreenSpeech(trigger: string, script: readonly Utterance[]): void {
  const speech = useSpeech();
  const { i18n } = useTranslation();
  const current = useRef(script);
  useLayoutEffect(() => {
    current.current = script;
  });
  useEffect(() => speech.register(() => current.current), [speech]);
  const language = i18n.language;
  useEffect(() => {
    // After the new screen is painted: after a tap, React runs this effect before the browser
    // paints, and starting playback there (stopping the last one, asking the core for audio)
    // would hold the next screen back. One frame is far below what a listener notices.
    let cancelled = false;
    const frame = requestAnimationFrame(() =>
      setTimeout(() => {
        if (!cancelled) speech.speak(current.current, { language });
      }, 0),
    );
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
    };
  }, [speech, trigger, language]);
}
