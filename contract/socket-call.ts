import type { ApiMethod } from './api';
import type { Result } from './result';

/**
 * Browser mode: the journey's calls travel on the same WebSocket as the events, one
 * frame each way instead of a fetch per call, since the resident waits for them after
 * every tap. Everything else (start-up, texts, audio, PDFs) stays POST /api/call, where
 * big answers stream without holding up the events; so do all calls while the socket
 * is down, and oversize input, which POST answers with a typed error.
 * Typed by the API's method names, so a renamed method cannot be left behind here.
 */
export const SOCKET_CALL_METHODS: ReadonlySet<string> = new Set<ApiMethod>([
  'session.start',
  'session.answer',
  'session.back',
  'session.goTo',
  'session.removeItem',
  'session.setLanguage',
  'session.keepAlive',
  'session.saveDraft',
  'session.submit',
  'session.end',
  // Issue 18: "Vorlesen" and the display settings are counted in the session's tally, which its end closes. On the
  // socket with the end, in order; by POST the end could overtake it and the setting went uncounted.
  'usage.settings',
]);

/** The core's answer to `call` (events never have a `reply` field). */
export interface SocketReply {
  reply: number;
  result: Result<unknown>;
}

/** Largest call frame, as for the HTTP body. */
export const MAX_SOCKET_CALL_BYTES = 64 * 1024;

/**
 * A call frame (validated by SocketCallSchema in contract/socket.ts on the core's side). `token`: the
 * session token the page holds (contract/session-token.ts); it also binds the socket to that session.
 */
export interface SocketCall {
  call: number;
  method: string;
  input: unknown;
  token?: string;
}

/**
 * Sent by the page on every connect and whenever its token changes: the socket then gets the session's
 * events (a takeover's views among them), and the page counts as holding the session (page-holder.ts).
 */
export interface SocketBind {
  bind: string | null;
}
