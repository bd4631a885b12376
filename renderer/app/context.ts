import { createContext, useContext } from 'react';
import type { AnswerInput, LanguageCode } from '../../contract';
import type { DisplaySettings } from '../display/settings';
import type { AppState, Notice, SpeechSettings } from './state';

export interface KioskActions {
  chooseStartLanguage(language: LanguageCode): Promise<void>;
  start(serviceId: string): Promise<void>;
  answer(stepId: string, values: Record<string, AnswerInput>): Promise<void>;
  back(): Promise<void>;
  changeStep(stepId: string): Promise<void>;
  goToCheck(): Promise<void>;
  setLanguage(language: LanguageCode): Promise<void>;
  keepAlive(): Promise<void>;
  submit(): Promise<void>;
  end(reason: 'resident' | 'finished'): Promise<void>;
  /** Text size and contrast for this resident (local only; the reset takes them back). */
  setDisplay(display: DisplaySettings): void;
  /** Local return to the start screen (idle countdown ran out). */
  reset(notice: Notice | null): void;
  /** Speech rate, volume or "Meine Angaben vorlesen"; reset with the session. */
  setSpeech(settings: Partial<SpeechSettings>): void;
}

export interface KioskContextValue {
  state: AppState;
  actions: KioskActions;
}

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const value = useContext(KioskContext);
  if (!value) throw new Error('useKiosk outside KioskProvider');
  return value;
}
