import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import {
  EnrolRequestSchema,
  ENROL_PATH,
  TERMINAL_WS_PATH,
  TerminalToHubSchema,
  type EnrolResponse,
  type HubToTerminal,
  type TerminalToHub,
} from '../../contract/hub';
import type { HandoverKey } from '../handover-key';
import { HubError } from '../hub-error';
import type { LiveHub } from '../live-hub';
import type { TerminalStore } from '../stores/terminal-store';
import type { AuditStore } from '../stores/audit-store';
import type { UsageIngest } from '../open-data/usage-ingest';
import { WindowLimiter } from '../window-limiter';
import { send } from '../live/send';

declare module 'fastify' {
  interface FastifyRequest {
    terminalId?: string;
  }
}

const ENROL_RATE = { max: 10, timeWindow: 60_000 };
/** A kiosk that has not answered a ping for this long is gone (cable pulled): it is shown offline. */
const PING_EVERY_MS = 15_000;
/** Frames kept while a new socket is being attached (see wsHandler). */
const MAX_EARLY_FRAMES = 16;
/**
 * Frames per terminal: a kiosk sends a hello, its activity and, while staff watch, a snapshot per change,
 * far below this. Over it, frames are dropped and the socket closed with FLOODED (audited once a minute).
 */
export const TERMINAL_FRAME_RATE = { max: 200, windowMs: 10_000 };
export const FLOODED = { code: 4429, reason: 'rate_limited' };

export interface TerminalRouteParts {
  terminals: TerminalStore;
  audit: AuditStore;
  live: LiveHub;
  handoverKey: () => Promise<HandoverKey>;
  usage: UsageIngest;
  /** Issue 20: the bundle key terminals pin at enrolment, and the active bundle's version for each welcome. */
  bundles: { publicKey: string; activeVersion(): number | undefined };
}

function isHealthFrame(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'health';
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** Kiosk ↔ hub: enrolment (the one-time code is the credential) and the device-authenticated WebSocket. */
export function registerTerminalRoutes(app: FastifyInstance, parts: TerminalRouteParts): { stop(): void } {
  const frames = new WindowLimiter(TERMINAL_FRAME_RATE.max, TERMINAL_FRAME_RATE.windowMs);
  const floodAudits = new WindowLimiter(1, 60_000);
  app.route({
    method: 'POST',
    url: ENROL_PATH,
    config: { rateLimit: ENROL_RATE },
    handler: async (request): Promise<EnrolResponse> => {
      const parsed = EnrolRequestSchema.safeParse(request.body);
      if (!parsed.success) throw new HubError(400, 'invalid_input');
      const enrolled = await parts.terminals.enrol(parsed.data.enrolmentCode, parsed.data.appVersion);
      if (!enrolled) throw new HubError(401, 'invalid_code');
      await parts.audit.write({
        staffId: null,
        action: 'terminal.enrol',
        terminalId: enrolled.terminal.terminalId,
        outcome: 'ok',
      });
      parts.live.terminalsChanged();
      return {
        terminalId: enrolled.terminal.terminalId,
        credential: enrolled.credential,
        terminalName: enrolled.terminal.name,
        location: enrolled.terminal.location,
        handoverKey: { ...(await parts.handoverKey()).publicJwk },
        bundleKey: parts.bundles.publicKey,
      };
    },
  });

  const alive = new WeakMap<WebSocket, boolean>();
  const sockets = new Set<WebSocket>();
  const pinger = setInterval(() => {
    for (const socket of sockets) {
      if (alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, PING_EVERY_MS);
  pinger.unref();

  app.route({
    method: 'GET',
    url: TERMINAL_WS_PATH,
    preValidation: async (request) => {
      const terminal = await parts.terminals.authenticate(bearer(request));
      if (!terminal) throw new HubError(401, 'unauthenticated');
      request.terminalId = terminal.terminalId;
    },
    handler: () => {
      throw new HubError(426, 'upgrade_required');
    },
    wsHandler: async (socket, request) => {
      const terminalId = request.terminalId!;
      // The handlers are attached before the first await, so no frame that comes meanwhile is missed.
      sockets.add(socket);
      alive.set(socket, true);
      socket.on('pong', () => alive.set(socket, true));
      socket.on('close', () => sockets.delete(socket));
      const logFailure = (error: unknown) => request.log.error({ err: error }, 'terminal message failed');
      const handle = (message: TerminalToHub) => {
        // Handled one after the other per terminal (LiveHub.onTerminalMessage); a failure is logged, the next
        // frame is handled as usual.
        parts.live.onTerminalMessage(terminalId, message).catch((error: unknown) => {
          request.log.error({ err: error }, 'terminal message failed');
        });
      };
      // The kiosk sends its hello the moment the socket opens, while the hub may still be loading its
      // handover key (the first connection after a restart). Frames that early wait until the socket is
      // attached: handled before, the answer to the hello (e.g. "accepted" for a request staff took
      // meanwhile) would go to no socket and be lost.
      let early: TerminalToHub[] | undefined = [];
      let flooded = false;
      socket.on('message', (data, isBinary) => {
        if (flooded) return;
        // Per terminal, not per socket: reconnecting does not reset the count.
        if (frames.hit(terminalId) > 0) {
          flooded = true;
          if (floodAudits.hit(terminalId) === 0)
            parts.audit
              .write({ staffId: null, action: 'terminal.flood', terminalId, outcome: 'refused' })
              .catch(logFailure);
          socket.close(FLOODED.code, FLOODED.reason);
          return;
        }
        if (isBinary) return;
        let message: unknown;
        try {
          message = JSON.parse(data.toString());
        } catch {
          return;
        }
        const parsed = TerminalToHubSchema.safeParse(message);
        if (!parsed.success) {
          // A health report out of bounds is refused on the record (code only); other bad frames are dropped.
          if (isHealthFrame(message)) parts.live.health.refuse(terminalId, 'invalid_report').catch(logFailure);
          // Usage figures out of range (absurd counts) are refused visibly for staff; other noise is dropped.
          if ((message as { type?: unknown } | null)?.type === 'usage.report')
            parts.usage.malformed(terminalId, message).then((answer) => {
              if (answer) send(socket, answer);
            }, logFailure);
          return;
        }
        alive.set(socket, true);
        // A kiosk sends a hello and perhaps a request or two; more than that early is not a kiosk's doing.
        if (early) {
          if (early.length < MAX_EARLY_FRAMES) early.push(parsed.data);
        } else handle(parsed.data);
      });
      const bundleVersion = parts.bundles.activeVersion();
      const terminal = await parts.terminals.get(terminalId);
      if (!terminal) {
        socket.close(4403, 'revoked');
        return;
      }
      const welcome: HubToTerminal = {
        type: 'welcome',
        terminalName: terminal.name,
        location: terminal.location,
        handoverKey: { ...(await parts.handoverKey()).publicJwk },
        ...(bundleVersion !== undefined ? { bundleVersion } : {}),
      };
      // Gone while the key loaded: attaching it now would show the terminal online with no socket behind it.
      if (socket.readyState !== socket.OPEN) return;
      try {
        await parts.live.attachTerminal(terminalId, socket, welcome);
      } catch (error) {
        request.log.error({ err: error }, 'terminal attach failed');
        socket.close(1011, 'unavailable');
        return;
      }
      // Frames that came during the attach too; queued in one go, in the order they came.
      const waiting = early;
      early = undefined;
      for (const message of waiting) handle(message);
    },
  });

  return { stop: () => clearInterval(pinger) };
}
