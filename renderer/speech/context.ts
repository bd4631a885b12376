import { createContext, useContext } from 'react';
import type { LanguageCode, SpeechRate } from '../../contract';
import type { SpeechPlayer } from './player';
import type { Utterance } from './scripts';

export interface SpeechContextValue {
  player: SpeechPlayer;
  /** Speaks now, ending whatever was playing; language and rate default to the session's. */
  speak(script: readonly Utterance[], options?: { language?: string; rate?: SpeechRate }): void;
  /** "Vorlesen": the topmost registered script (the idle warning over the page), from the start. */
  repeat(): void;
  /** A screen or dialog says what "Vorlesen" repeats while it is shown; returns the unregister function. */
  register(script: () => readonly Utterance[]): () => void;
  /** Whether this registered script is the topmost (a screen beneath an open dialog is not). */
  isTopmost(script: () => readonly Utterance[]): boolean;
  stop(): void;
}

export const SpeechContext = createContext<SpeechContextValue | null>(null);

export function useSpeech(): SpeechContextValue {
  const value = useContext(SpeechContext);
  if (!value) throw new Error('useSpeech outside SpeechProvider');
  return value;
}

export function isLanguage(code: string, known: readonly LanguageCode[]): code is LanguageCode {
  return (known as readonly string[]).includes(code);
}
