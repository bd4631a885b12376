import type { FastifyReply, FastifyRequest } from 'fastify';
import { CONSOLE_API_PREFIX, CSRF_HEADER } from '../../contract/hub';
import { HubError } from '../hub-error';
import { equalHashes } from '../secrets';
import type { ConsoleSession, SessionStore } from '../stores/session-store';
import { originMatches, ownOrigin } from './origin';

export const SESSION_COOKIE = 'hub_session';

declare module 'fastify' {
  interface FastifyRequest {
    consoleSession?: ConsoleSession;
  }
}

export interface AuthSettings {
  sessions: SessionStore;
  tls: boolean;
  publicOrigin?: string;
}

/** What a session after an admin's password reset may do: choose the new password, read itself, log out. */
const PASSWORD_CHANGE_ROUTES = new Set(['GET /session', 'POST /logout', 'POST /password']);

/**
 * onRequest for every console route but login: a live session from the cookie,
 * and for POSTs the session's CSRF token in x-csrf-token and no foreign Origin.
 * Runs before the body is parsed, so nothing unauthenticated reaches a handler.
 */
export function requireSession(settings: AuthSettings, role?: 'admin') {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const session = await settings.sessions.lookup(request.cookies[SESSION_COOKIE]);
    if (!session) throw new HubError(401, 'unauthenticated');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const own = ownOrigin(request, settings.tls, settings.publicOrigin);
      if (!originMatches(request, own, false)) throw new HubError(403, 'foreign_origin');
      const token = request.headers[CSRF_HEADER];
      if (typeof token !== 'string' || !equalHashes(token, session.csrfToken)) throw new HubError(403, 'csrf');
    }
    if (session.mustChangePassword) {
      const path = (request.routeOptions.url ?? '').slice(CONSOLE_API_PREFIX.length);
      if (!PASSWORD_CHANGE_ROUTES.has(`${request.method} ${path}`)) throw new HubError(403, 'password_change_required');
    }
    if (role === 'admin' && session.staff.role !== 'admin') throw new HubError(403, 'forbidden');
    request.consoleSession = session;
  };
}

export function sessionCookieOptions(tls: boolean) {
  return { httpOnly: true, sameSite: 'strict' as const, secure: tls, path: '/' };
}
