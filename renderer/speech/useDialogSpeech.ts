import { useEffect } from 'react';
import { useSpeech } from './context';
import type { Utterance } from './scripts';
import { useScreenSpeech } from './useScreenSpeech';

/**
 * A dialog's speech: call it from a component that is mounted only while the
 * dialog is open. The dialog is spoken when it opens and is what "Vorlesen"
 * repeats while open; closing it ends its speech, and the page beneath stays
 * silent (the resident heard it already; "Vorlesen" reads it again).
 */
export function useDialogSpeech(name: string, script: readonly Utterance[]): void {
  const speech = useSpeech();
  useScreenSpeech(`dialog|${name}`, script);
  useEffect(() => () => speech.stop(), [speech]);
}

/** For dialogs whose body is not a component of its own. */
export function DialogSpeech({ name, script }: { name: string; script: readonly Utterance[] }) {
  useDialogSpeech(name, script);
  return null;
}
