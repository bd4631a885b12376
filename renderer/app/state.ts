import type {
  ApiErrorCode,
  Catalog,
  FieldError,
  KioskInfo,
  LanguageCode,
  ServiceDefinition,
  SessionView,
} from '../../contract';
import { DEFAULT_LANGUAGE } from '../../contract/languages';
import { DEFAULT_DISPLAY, type DisplaySettings } from '../display/settings';
import { DEFAULT_SPEECH_RATE, type SpeechRate } from '../../contract/speech';

/** Volume steps of the spoken prompts (gain = level / max). */
export const SPEECH_VOLUME_LEVELS = 5;

/** The resident's speech choices; they go with the session (the reset action restores these). */
export interface SpeechSettings {
  rate: SpeechRate;
  /** 1 … SPEECH_VOLUME_LEVELS */
  volume: number;
  /** "Meine Angaben vorlesen": the resident's own answers are spoken only when this is on. */
  speakAnswers: boolean;
}

export const DEFAULT_SPEECH_SETTINGS: SpeechSettings = { rate: DEFAULT_SPEECH_RATE, volume: 3, speakAnswers: false };

export function isDefaultSpeech(settings: SpeechSettings): boolean {
  return (
    settings.rate === DEFAULT_SPEECH_SETTINGS.rate &&
    settings.volume === DEFAULT_SPEECH_SETTINGS.volume &&
    settings.speakAnswers === DEFAULT_SPEECH_SETTINGS.speakAnswers
  );
}

/** Why the start screen shows a notice after a session went away. */
export type Notice = 'sessionEnded' | 'idleEnded';

export interface AppState {
  /** False until kiosk.info and catalog.get have answered. */
  booted: boolean;
  /** Whether the core is reachable; drives the "Einen Moment bitte …" screen. */
  connected: boolean;
  info: KioskInfo | null;
  /** The services' summaries (catalog.get): what the start screen and the finder need. */
  catalog: Catalog | null;
  /**
   * The definitions of the services opened so far (catalog.service, renderer/i18n/load-service.ts), by id:
   * kept for the page's life, as the catalogue does not change while the kiosk runs.
   */
  definitions: Readonly<Record<string, ServiceDefinition>>;
  /** Language chosen on the start screen before a session exists. */
  startLanguage: LanguageCode;
  /** The service whose start page is shown (before "Jetzt starten" there is no session). */
  intro: string | null;
  /** The offices screen ("Ämter und Öffnungszeiten") is open, from the start screen; no session. */
  offices: boolean;
  /** "Termin verschieben oder absagen" is open, from the start screen; no session. */
  manage: boolean;
  /** The walk-in waiting number screen (issue 16), from the start screen. */
  walkIn: boolean;
  view: SessionView | null;
  /** Local clock time when `view` arrived; the idle countdown runs from here (or from idle-clock.ts's newer reading). */
  viewAt: number;
  fieldErrors: FieldError[];
  /** Bumped on every failed answer so the error summary takes focus again. */
  errorSerial: number;
  apiError: ApiErrorCode | null;
  notice: Notice | null;
  busy: boolean;
  /** Text size and contrast; chosen by the resident, reset with everything else for the next one. */
  display: DisplaySettings;
  speech: SpeechSettings;
}

export const initialState: AppState = {
  booted: false,
  connected: true,
  info: null,
  catalog: null,
  definitions: {},
  startLanguage: DEFAULT_LANGUAGE,
  intro: null,
  offices: false,
  manage: false,
  walkIn: false,
  view: null,
  viewAt: 0,
  fieldErrors: [],
  errorSerial: 0,
  apiError: null,
  notice: null,
  busy: false,
  display: DEFAULT_DISPLAY,
  speech: DEFAULT_SPEECH_SETTINGS,
};

export type Action =
  | { type: 'booted'; info: KioskInfo; catalog: Catalog }
  | { type: 'definitions'; definitions: readonly ServiceDefinition[] }
  | { type: 'connection'; connected: boolean }
  | { type: 'view'; view: SessionView; at: number }
  | { type: 'terminal'; name: string; location: string }
  | { type: 'fieldErrors'; errors: FieldError[] }
  | { type: 'apiError'; code: ApiErrorCode | null }
  | { type: 'reset'; notice: Notice | null }
  | { type: 'startLanguage'; language: LanguageCode }
  | { type: 'intro'; serviceId: string | null }
  | { type: 'offices'; open: boolean }
  | { type: 'manage'; open: boolean }
  | { type: 'walkIn'; open: boolean }
  | { type: 'busy'; busy: boolean }
  | { type: 'display'; display: DisplaySettings }
  | { type: 'speech'; settings: Partial<SpeechSettings> };

/** Identifies what is on screen; a change means new page (focus to h1, errors cleared). */
export function screenKey(view: SessionView | null, intro: string | null = null): string {
  if (!view) return intro ? `intro:${intro}` : 'start';
  const { position } = view;
  // A repeatable group's list and each of its items are screens of their own (fresh inputs, errors cleared).
  if (position.kind === 'step') {
    const item = position.item === undefined ? '' : `:item:${position.item}`;
    return `${view.sessionId}:step:${position.stepId}${item}`;
  }
  return `${view.sessionId}:${position.kind}`;
}

export function reducer(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'booted':
      return { ...state, booted: true, info: action.info, catalog: action.catalog };
    case 'definitions': {
      // Unchanged state lets React skip the re-render (a service opened again comes from the cache).
      const fresh = action.definitions.filter((definition) => state.definitions[definition.id] !== definition);
      if (fresh.length === 0) return state;
      const added = Object.fromEntries(fresh.map((definition) => [definition.id, definition]));
      return { ...state, definitions: { ...state.definitions, ...added } };
    }
    case 'connection':
      // Unchanged state lets React skip the re-render (the socket reports its first connect at start-up).
      return state.connected === action.connected ? state : { ...state, connected: action.connected };
    case 'view': {
      const samePage = screenKey(state.view) === screenKey(action.view);
      return {
        ...state,
        view: action.view,
        viewAt: action.at,
        notice: null,
        intro: null,
        offices: false,
        manage: false,
        walkIn: false,
        apiError: samePage ? state.apiError : null,
        fieldErrors: samePage ? state.fieldErrors : [],
      };
    }
    case 'terminal': {
      // Before boot there is nothing to update: kiosk.info will carry the name.
      if (!state.info) return state;
      const { terminalLocation: _previous, ...info } = state.info;
      return {
        ...state,
        info: { ...info, terminalName: action.name, ...(action.location ? { terminalLocation: action.location } : {}) },
      };
    }
    case 'fieldErrors':
      return { ...state, fieldErrors: action.errors, errorSerial: state.errorSerial + 1, apiError: null };
    case 'apiError':
      return { ...state, apiError: action.code };
    case 'reset':
      // Everything about the last resident goes; the next one starts in the default language,
      // with the default speech rate and volume and their answers not spoken.
      return {
        ...initialState,
        booted: state.booted,
        connected: state.connected,
        info: state.info,
        catalog: state.catalog,
        definitions: state.definitions,
        startLanguage: state.info?.defaultLanguage ?? DEFAULT_LANGUAGE,
        notice: action.notice,
      };
    case 'startLanguage':
      return { ...state, startLanguage: action.language, notice: null };
    case 'intro':
      return { ...state, intro: action.serviceId, notice: null, apiError: null };
    case 'offices':
      return { ...state, offices: action.open, notice: null, apiError: null };
    case 'manage':
      return { ...state, manage: action.open, notice: null, apiError: null };
    case 'walkIn':
      return { ...state, walkIn: action.open, notice: null, apiError: null };
    case 'busy':
      return { ...state, busy: action.busy };
    case 'display':
      return { ...state, display: action.display };
    case 'speech':
      return { ...state, speech: { ...state.speech, ...action.settings } };
  }
}
