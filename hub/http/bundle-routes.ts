import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  BUNDLE_PATH,
  BUNDLE_UPLOAD_BODY_LIMIT,
  BundleUploadSchema,
  CONSOLE_API_PREFIX,
  type SignedBundle,
} from '../../contract/hub';
import { BundleRefusedError, type BundlePublisher } from '../bundles/bundle-publisher';
import { HubError } from '../hub-error';
import type { TerminalStore } from '../stores/terminal-store';
import { requireSession, type AuthSettings } from './console-auth';

export interface BundleRouteParts {
  auth: AuthSettings;
  terminals: TerminalStore;
  publisher: BundlePublisher;
}

const UPLOAD_RATE = { max: 10, timeWindow: 60_000 };
/** A kiosk fetches once per offer; a fleet reconnecting after an outage stays far below this per terminal. */
const FETCH_RATE = { max: 30, timeWindow: 60_000 };

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/**
 * Issue 20: catalogue bundles. Admins list, upload (checked service by service: 422 with every problem's file and
 * JSON pointer) and roll back in the console; a terminal fetches the active bundle with its device credential.
 */
export function registerBundleRoutes(app: FastifyInstance, parts: BundleRouteParts): void {
  const admin = requireSession(parts.auth, 'admin');
  app.route({
    method: 'GET',
    url: `${CONSOLE_API_PREFIX}/bundles`,
    onRequest: admin,
    handler: async () => parts.publisher.list(),
  });
  app.route({
    method: 'POST',
    url: `${CONSOLE_API_PREFIX}/bundles`,
    bodyLimit: BUNDLE_UPLOAD_BODY_LIMIT,
    config: { rateLimit: UPLOAD_RATE },
    onRequest: admin,
    handler: async (request, reply) => {
      const upload = BundleUploadSchema.parse(request.body);
      try {
        return await parts.publisher.upload(request.consoleSession!.staff.staffId, upload);
      } catch (error) {
        if (error instanceof BundleRefusedError)
          return reply.code(422).send({ error: 'bundle_refused', problems: error.problems.slice(0, 100) });
        throw error;
      }
    },
  });
  app.route({
    method: 'POST',
    url: `${CONSOLE_API_PREFIX}/bundles/rollback`,
    onRequest: admin,
    handler: async (request) => parts.publisher.rollback(request.consoleSession!.staff.staffId),
  });
  app.route({
    method: 'GET',
    url: BUNDLE_PATH,
    config: { rateLimit: FETCH_RATE },
    onRequest: async (request) => {
      const terminal = await parts.terminals.authenticate(bearer(request));
      if (!terminal) throw new HubError(401, 'unauthenticated');
    },
    handler: async (): Promise<SignedBundle> => {
      const active = parts.publisher.active();
      if (!active) throw new HubError(404, 'no_bundle');
      return active.signed;
    },
  });
}
