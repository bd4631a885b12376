import { createContext, useContext } from 'react';
import type { ConsoleApi } from '../api/client';
import type {
  AlertView,
  ConsoleSession,
  HelpRequestView,
  HubToConsole,
  LiveSnapshot,
  TerminalView,
} from '../api/protocol';

export type AuthState = 'checking' | 'signed_out' | 'signed_in';
/** Why the login screen is shown again: it says so in a notice. */
export type LoginNotice = 'expired' | 'logged_out' | null;
export type TakeoverResult = Extract<HubToConsole, { type: 'takeover.result' }>;
export type StopReason = Extract<HubToConsole, { type: 'live.stopped' }>['by'];

export interface ConsoleState {
  auth: AuthState;
  session: ConsoleSession | null;
  loginNotice: LoginNotice;
  connected: boolean;
  queue: HelpRequestView[];
  terminals: TerminalView[];
  snapshots: Record<string, LiveSnapshot>;
  stopped: Record<string, StopReason>;
  results: Record<string, TakeoverResult>;
  /** The newest help request announced, shown and read out in the live region. */
  announcement: { id: number; request: HelpRequestView } | null;
  muted: boolean;
  /** The hub's catalog (lib/catalog.ts) has arrived: screens re-render with titles and labels. */
  catalogLoaded: boolean;
  /** Issue 20: the terminals' open alerts, newest first, and the newest one announced. */
  alerts: AlertView[];
  alertAnnouncement: { id: number; alert: AlertView } | null;
}

export interface ConsoleActions {
  api: ConsoleApi;
  signedIn: (session: ConsoleSession) => void;
  /** The own password was changed: a session that had to change it is a full one now. */
  passwordChanged: () => void;
  logout: () => Promise<void>;
  setMuted: (muted: boolean) => void;
  /** A route's reply replaces the request in the queue at once, before the hub's next queue event. */
  updateRequest: (request: HelpRequestView) => void;
  updateTerminal: (terminal: TerminalView) => void;
  refreshTerminals: () => Promise<void>;
  clearStopped: (requestId: string) => void;
  /** An acknowledgement's reply replaces the alert at once. */
  updateAlert: (alert: AlertView) => void;
}

export const ConsoleContext = createContext<(ConsoleState & ConsoleActions) | null>(null);

export function useConsole(): ConsoleState & ConsoleActions {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside ConsoleProvider');
  return value;
}
