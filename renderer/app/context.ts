import { createContext, useContext } from 'react';
import type { AnswerInput, KioskInfo, LanguageCode, PreparedVisit } from '../../contract';
import type { DisplaySettings } from '../display/settings';
import type { AppState, Notice, SpeechSettings } from './state';

export interface KioskActions {
  chooseStartLanguage(language: LanguageCode): Promise<void>;
  start(serviceId: string): Promise<void>;
  /**
   * The service's start page (null: back to the start screen); no session until "Jetzt starten". It shows
   * once the service's definition and texts are there (catalog.service; the start screen has summaries).
   */
  showIntro(serviceId: string | null): void;
  /** Fetches a service's definition and texts ahead of showIntro (a tile being pressed); no screen changes. */
  prefetchService(serviceId: string): void;
  /** The offices screen (false: back to the start screen); no session. */
  showOffices(open: boolean): void;
  /** "Termin verschieben oder absagen" (false: back to the start screen); no session. */
  showManage(open: boolean): void;
  showWalkIn(open: boolean): void;
  /** `item`: the answers of one item of a repeatable group (contract/service.ts RepeatSchema). */
  answer(stepId: string, values: Record<string, AnswerInput>, item?: number): Promise<void>;
  back(): Promise<void>;
  /** From the check page; `item` opens that item of a repeatable group. */
  changeStep(stepId: string, item?: number): Promise<void>;
  /** A repeatable group's list: open an item's questions (its count adds a new one), or remove one. */
  openItem(stepId: string, item: number, returnToCheck: boolean): Promise<void>;
  removeItem(stepId: string, item: number): Promise<void>;
  goToCheck(): Promise<void>;
  setLanguage(language: LanguageCode): Promise<void>;
  /**
   * Tells the core someone is there. `unlessCalledSince`: not when a session call started at or after that
   * time (every session call counts as activity in the core, and brings the idle clock with its reply).
   */
  keepAlive(options?: { unlessCalledSince?: number }): Promise<void>;
  submit(): Promise<void>;
  /** An in-person service's check page: the visit is prepared and the session wiped (null: refused, shown). */
  prepareVisit(): Promise<PreparedVisit | null>;
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

/**
 * What the parts around every page (header, speech bar, footer) show, which changes seldom during
 * a journey: with these and the actions apart from the whole state, those parts are not rendered
 * again on every step (they are memoised), only when one of these changes.
 */
export interface KioskSettings {
  /** The language on screen: the session's, else the one chosen on the start screen. */
  language: LanguageCode;
  info: KioskInfo | null;
  display: DisplaySettings;
  speech: SpeechSettings;
}

export const KioskSettingsContext = createContext<KioskSettings | null>(null);
/** The actions alone: the same object for the life of the provider. */
export const KioskActionsContext = createContext<KioskActions | null>(null);

export function useKioskSettings(): KioskSettings {
  const value = useContext(KioskSettingsContext);
  if (!value) throw new Error('useKioskSettings outside KioskProvider');
  return value;
}

export function useKioskActions(): KioskActions {
  const value = useContext(KioskActionsContext);
  if (!value) throw new Error('useKioskActions outside KioskProvider');
  return value;
}
