import type { FastifyInstance } from 'fastify';
import { CONSOLE_WS_PATH } from '../../contract/hub';
import { HubError } from '../hub-error';
import type { LiveHub } from '../live-hub';
import type { SessionStore } from '../stores/session-store';
import { SESSION_COOKIE, type AuthSettings } from './console-auth';
import { originMatches, ownOrigin } from './origin';

/** The console's live events: the session cookie, and an Origin that is the hub's own (no cross-site WebSocket). */
export function registerConsoleSocket(
  app: FastifyInstance,
  parts: { auth: AuthSettings; sessions: SessionStore; live: LiveHub },
): void {
  app.route({
    method: 'GET',
    url: CONSOLE_WS_PATH,
    preValidation: async (request) => {
      if (!originMatches(request, ownOrigin(request, parts.auth.tls, parts.auth.publicOrigin), true))
        throw new HubError(403, 'foreign_origin');
      const session = await parts.sessions.lookup(request.cookies[SESSION_COOKIE]);
      if (!session) throw new HubError(401, 'unauthenticated');
      // Nothing live until the password an admin reset is replaced.
      if (session.mustChangePassword) throw new HubError(403, 'password_change_required');
      request.consoleSession = session;
    },
    handler: () => {
      throw new HubError(426, 'upgrade_required');
    },
    wsHandler: async (socket, request) => {
      const session = request.consoleSession!;
      try {
        await parts.live.attachConsole(socket, session.staff.staffId, session.tokenHash);
      } catch (error) {
        // The first lists could not be read (the database is unreachable): the console reconnects.
        request.log.error({ err: error }, 'console attach failed');
        socket.close(1011, 'unavailable');
      }
    },
  });
}
