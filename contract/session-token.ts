/**
 * The session token (issue 17): the core gives it to the page with `session.start` (and `session.resume`),
 * and every call that reads or changes that session must carry it, so another process on the terminal
 * that reaches 127.0.0.1 cannot read or change an active session. Zod-free: the renderer's bridges use it.
 *
 * It travels beside the input, never in it or in a URL: the `x-kiosk-session` header on POST /api/call,
 * a `token` field of the WebSocket frame, an argument of its own over Electron IPC.
 */

/** The HTTP header that carries the token. */
export const SESSION_TOKEN_HEADER = 'x-kiosk-session';

/** 32 bytes as base64url without padding. */
export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The field of `session.start`'s and `session.resume`'s value that carries the token; the bridge takes it off. */
export const SESSION_TOKEN_FIELD = 'sessionToken';

/** Where the page keeps its token across a reload of the page (see renderer/api/session-token-store.ts). */
export const SESSION_TOKEN_STORAGE_KEY = 'buergerkiosk.sessionToken';

export function isSessionToken(value: unknown): value is string {
  return typeof value === 'string' && SESSION_TOKEN_PATTERN.test(value);
}

/**
 * Who makes a call from outside the core: the page (over HTTP, the WebSocket or Electron IPC). Calls from
 * inside the core (the hub client's staff commands) and from the parent's own code pass no caller.
 */
export interface PageCaller {
  /** The token the page holds, if any. */
  sessionToken?: string;
  /**
   * The transport vouches that this caller may take the open session over without its token: Electron's own
   * window (no other process reaches IPC), or in browser mode a page when no other page holds the session
   * (core/transport/page-holder.ts). `session.resume` then hands out the session's token again, so a page that
   * lost it in a crash gets the resident's session back, and `session.start` may replace the session.
   */
  ownPage: boolean;
}

/**
 * A call's value with the token taken off (the bridge keeps it; the rest of the renderer never sees it).
 * Returns the token found, if any.
 */
export function takeSessionToken(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !(SESSION_TOKEN_FIELD in value)) return undefined;
  const record = value as Record<string, unknown>;
  const token = record[SESSION_TOKEN_FIELD];
  delete record[SESSION_TOKEN_FIELD];
  return isSessionToken(token) ? token : undefined;
}
