import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSpeech } from './context';
import { afterNextPaint } from '../app/after-paint';
import { scriptOf, type Script } from './scripts';

/**
 * Speaks a screen's script when it appears and whenever `trigger` changes
 * (new page, new errors, "Meine Angaben vorlesen" switched), in the language
 * the screen is shown in; and makes it what "Vorlesen" repeats. `appear`, when
 * given, is said instead of the script at those moments (the start screen
 * waiting for the next resident says less, see useAttractSpeech).
 */
export function useScreenSpeech(trigger: string, script: Script, appear?: Script): void {
  const speech = useSpeech();
  const { i18n } = useTranslation();
  const current = useRef(script);
  const onAppear = useRef(appear);
  useLayoutEffect(() => {
    current.current = script;
    onAppear.current = appear;
  });
  const read = useCallback(() => scriptOf(current.current), []);
  useEffect(() => speech.register(read), [speech, read]);
  const language = i18n.language;
  useEffect(() => {
    // After the new screen is painted: after a tap, React runs this effect before the browser
    // paints, and starting playback there (stopping the last one, asking the core for audio)
    // would hold the next screen back. One frame is far below what a listener notices.
    return afterNextPaint(() => {
      // A screen under an open dialog keeps quiet (e.g. "Meine Angaben vorlesen" switched in the
      // speech settings): the dialog is what the resident is listening to.
      if (speech.isTopmost(read)) speech.speak(scriptOf(onAppear.current ?? current.current), { language });
    });
  }, [speech, read, trigger, language]);
}
