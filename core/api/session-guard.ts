import { createHmac, timingSafeEqual } from 'node:crypto';
import { fail, ok, type Result } from '../../contract';
import { SESSION_TOKEN_FIELD, isSessionToken, type PageCaller } from '../../contract/session-token';
import type { CoreContext } from '../sessions/context';
import { currentSession } from '../sessions/lifecycle';
import type { PageCallRules } from './dispatch';

/**
 * The page's side of the local API (issue 17): a call from the page that reads or changes a session
 * must carry that session's token, and the resident's staff actions are not the page's at all.
 *
 * The token is derived from the terminal's master key and the session id (HMAC), so it outlives a crash
 * of the core exactly as the session does, and nothing new is stored. It is not logged.
 */

const TOKEN_LABEL = 'buergerkiosk session token v1\0';

/** The methods a page may never call: staff actions reach them through the hub's staff console only. */
export const STAFF_ONLY_METHODS: ReadonlySet<string> = new Set(['outbox.status', 'outbox.resend']);

/**
 * Methods without a `sessionId` in their input that still act on the active session: consent lets staff
 * see its answers. (Every method whose input names a `sessionId` needs that session's token anyway.)
 */
const ACTIVE_SESSION_METHODS: ReadonlySet<string> = new Set(['help.consent']);

export function sessionToken(masterKey: Buffer, sessionId: string): string {
  return createHmac('sha256', masterKey)
    .update(TOKEN_LABEL + sessionId)
    .digest('base64url');
}

export function tokenMatches(masterKey: Buffer, sessionId: string, token: string | undefined): boolean {
  if (!isSessionToken(token)) return false;
  const expected = Buffer.from(sessionToken(masterKey, sessionId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function refused(detail: string): Result<never> {
  return fail('forbidden', { detail });
}

function inputSessionId(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const id = (input as { sessionId?: unknown }).sessionId;
  return typeof id === 'string' ? id : undefined;
}

/** The token of the session that is open now, for the transport's own-page rule (core/transport). */
export function currentSessionToken(ctx: CoreContext): string | undefined {
  const active = currentSession(ctx);
  return active ? sessionToken(ctx.masterKey(), active.row.id) : undefined;
}

/**
 * Decides a page's call before the handler runs. Returns a refusal, or undefined when the call may go on.
 * `session.resume` is answered in `resumeForPage`, since without the token it answers differently.
 */
export function guardPageCall(
  ctx: CoreContext,
  method: string,
  input: unknown,
  caller: PageCaller,
): Result<never> | undefined {
  if (STAFF_ONLY_METHODS.has(method)) return refused('staff only: use the help-desk console');
  if (method === 'session.start' && !caller.ownPage) {
    // Starting wipes the open session: only its page may do that (or a page when nobody holds it).
    const active = currentSession(ctx);
    if (active && !tokenMatches(ctx.masterKey(), active.row.id, caller.sessionToken)) {
      return refused('session token required: a page holds the open session');
    }
  }
  const sessionId = inputSessionId(input);
  if (sessionId !== undefined) {
    // An unknown or ended session id is the handler's to answer (no_session): only its own token opens it.
    return tokenMatches(ctx.masterKey(), sessionId, caller.sessionToken)
      ? undefined
      : refused('session token required');
  }
  if (ACTIVE_SESSION_METHODS.has(method)) {
    const active = currentSession(ctx);
    if (active && !tokenMatches(ctx.masterKey(), active.row.id, caller.sessionToken)) {
      return refused('session token required');
    }
  }
  return undefined;
}

/**
 * `session.resume` from the page: the surviving session (with its token) for the page that holds the token,
 * or for the terminal's own page that lost it (`ownPage`, decided by the transport); nothing for anyone else.
 */
export function resumeForPage(ctx: CoreContext, resumed: Result<unknown>, caller: PageCaller): Result<unknown> {
  if (!resumed.ok || resumed.value === null) return resumed;
  const active = currentSession(ctx);
  if (!active) return ok(null);
  if (!caller.ownPage && !tokenMatches(ctx.masterKey(), active.row.id, caller.sessionToken)) {
    return refused('session token required');
  }
  return ok({ ...(resumed.value as object), [SESSION_TOKEN_FIELD]: sessionToken(ctx.masterKey(), active.row.id) });
}

/** `session.start`'s view with the new session's token, for the page that started it. */
export function withNewToken(ctx: CoreContext, started: Result<unknown>): Result<unknown> {
  if (!started.ok) return started;
  const view = started.value as { sessionId: string };
  return ok({ ...view, [SESSION_TOKEN_FIELD]: sessionToken(ctx.masterKey(), view.sessionId) });
}

/** The rules core/api/dispatch.ts applies to every call from the page. */
export function pageCallRules(ctx: CoreContext): PageCallRules {
  return {
    before: (method, input, caller) => guardPageCall(ctx, method, input, caller),
    after(method, result, caller) {
      if (method === 'session.start') return withNewToken(ctx, result);
      if (method === 'session.resume') return resumeForPage(ctx, result, caller);
      return result;
    },
  };
}
