import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type z } from 'zod';
import {
  CONSOLE_API_PREFIX,
  consoleRoutes,
  HandoverDraftSchema,
  type ConsoleCatalog,
  type HandoverDraft,
  type Staff,
} from '../../contract/hub';
import type { Desk } from '../desk';
import type { HandoverKey } from '../handover-key';
import { HubError } from '../hub-error';
import type { LiveHub } from '../live-hub';
import type { LoginThrottle } from '../login-throttle';
import { dummyHash, verifyPassword } from '../passwords';
import { WindowLimiter } from '../window-limiter';
import type { AuditStore } from '../stores/audit-store';
import type { HandoverStore } from '../stores/handover-store';
import type { KioskBookingRecord, KioskBookingStore } from '../stores/kiosk-booking-store';
import type { SessionStore } from '../stores/session-store';
import { UsernameTakenError, type StaffStore } from '../stores/staff-store';
import type { TerminalStore } from '../stores/terminal-store';
import { terminalView } from '../views';
import { requireSession, SESSION_COOKIE, sessionCookieOptions, type AuthSettings } from './console-auth';
import { originMatches, ownOrigin } from './origin';

type RouteKey = keyof typeof consoleRoutes;
type BodyOf<K extends RouteKey> = (typeof consoleRoutes)[K] extends { body: z.ZodType }
  ? z.infer<(typeof consoleRoutes)[K]['body']>
  : undefined;

interface Context<K extends RouteKey> {
  request: FastifyRequest;
  reply: FastifyReply;
  body: BodyOf<K>;
  params: Record<string, string>;
  staff: Staff;
}

export interface ConsoleRouteParts {
  auth: AuthSettings;
  sessions: SessionStore;
  staff: StaffStore;
  terminals: TerminalStore;
  audit: AuditStore;
  handovers: HandoverStore;
  bookings: KioskBookingStore;
  live: LiveHub;
  throttle: LoginThrottle;
  handoverKey: () => Promise<HandoverKey>;
  desk: Desk | undefined;
  /** Service and field texts for the console, built once on first use. */
  catalog: () => ConsoleCatalog;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Logins: per source address and username a handful of guesses a minute, and per address a looser limit
 * (guessing across many names), then 429. The account itself is only slowed (LoginThrottle), never locked,
 * so an attacker elsewhere cannot keep a staff member out; colleagues behind one address do not block each other.
 */
const LOGIN_RATE_PER_ADDRESS = { max: 30, timeWindow: 60_000 };
const LOGIN_RATE_PER_ACCOUNT = { max: 10, timeWindow: 60_000 };
const HANDOVER_OPEN_RATE = { max: 20, timeWindow: 60_000 };

/** The console API, exactly the keys of contract/hub consoleRoutes, under /api/console. */
export function registerConsoleRoutes(app: FastifyInstance, parts: ConsoleRouteParts): void {
  const { live } = parts;
  const perAccount = new WindowLimiter(LOGIN_RATE_PER_ACCOUNT.max, LOGIN_RATE_PER_ACCOUNT.timeWindow);

  function route<K extends RouteKey>(
    key: K,
    options: { admin?: boolean; rateLimit?: { max: number; timeWindow: number } },
    handler: (context: Context<K>) => unknown,
  ): void {
    const [method, path] = key.split(' ') as ['GET' | 'POST', string];
    const spec = consoleRoutes[key] as { body?: z.ZodType };
    app.route({
      method,
      url: `${CONSOLE_API_PREFIX}${path}`,
      ...(options.rateLimit ? { config: { rateLimit: options.rateLimit } } : {}),
      onRequest: requireSession(parts.auth, options.admin ? 'admin' : undefined),
      handler: async (request, reply) => {
        const body = spec.body ? spec.body.parse(request.body ?? {}) : undefined;
        return handler({
          request,
          reply,
          body: body as BodyOf<K>,
          params: request.params as Record<string, string>,
          staff: request.consoleSession!.staff,
        });
      },
    });
  }

  // Login is the one console route without a session: per-IP rate limit, per-account delay, Origin checked.
  app.route({
    method: 'POST',
    url: `${CONSOLE_API_PREFIX}/login`,
    config: { rateLimit: LOGIN_RATE_PER_ADDRESS },
    handler: async (request, reply) => {
      if (!originMatches(request, ownOrigin(request, parts.auth.tls, parts.auth.publicOrigin), false))
        throw new HubError(403, 'foreign_origin');
      const { username, password } = consoleRoutes['POST /login'].body.parse(request.body);
      const retryAfter = perAccount.hit(`${request.ip}|${username}`);
      if (retryAfter > 0) {
        reply.header('retry-after', retryAfter);
        throw new HubError(429, 'rate_limited');
      }
      await parts.sleep(parts.throttle.delayMs(username));
      const account = parts.staff.byUsername(username);
      const valid = await verifyPassword(account?.passwordHash ?? (await dummyHash()), password);
      if (!account || !valid) {
        parts.throttle.failed(username);
        throw new HubError(401, 'invalid_login');
      }
      parts.throttle.succeeded(username);
      // A new token at every login; a session the browser still presented ends here.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) {
        const old = parts.sessions.lookup(previous, false);
        if (old) {
          parts.sessions.delete(old.tokenHash);
          live.closeConsoleSession(old.tokenHash);
        }
      }
      const created = parts.sessions.create(account.staffId);
      reply.setCookie(SESSION_COOKIE, created.token, sessionCookieOptions(parts.auth.tls));
      const { passwordHash: _omit, ...staff } = account;
      return { staff, csrfToken: created.csrfToken };
    },
  });

  route('POST /logout', {}, ({ request, reply }) => {
    const session = request.consoleSession!;
    parts.sessions.delete(session.tokenHash);
    live.closeConsoleSession(session.tokenHash);
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(parts.auth.tls));
    return { ok: true };
  });

  route('GET /session', {}, ({ request }) => ({
    staff: request.consoleSession!.staff,
    csrfToken: request.consoleSession!.csrfToken,
  }));

  route('GET /queue', {}, () => live.queue());
  route('GET /catalog', {}, () => parts.catalog());
  route('GET /notices', {}, () => ({ handoverRetentionHours: parts.handovers.ttlMs / 3_600_000 }));

  route('POST /help/:requestId/accept', {}, ({ staff, params }) => live.accept(staff, params.requestId!));
  route('POST /help/:requestId/resolve', {}, ({ staff, params }) => live.resolve(staff, params.requestId!));
  route('POST /help/:requestId/transfer', {}, ({ staff, params, body }) =>
    live.transfer(staff, params.requestId!, body.toStaffId),
  );
  route('POST /help/:requestId/consent', {}, ({ staff, params }) => live.requestConsent(staff, params.requestId!));
  route('POST /help/:requestId/live/end', {}, ({ staff, params }) => live.endLive(staff, params.requestId!));
  route('POST /help/:requestId/guide', {}, ({ staff, params, body }) => {
    live.guide(staff, params.requestId!, body.target);
    return { ok: true };
  });
  route('POST /help/:requestId/takeover/start', {}, ({ staff, params }) =>
    live.startTakeover(staff, params.requestId!),
  );
  route('POST /help/:requestId/takeover/end', {}, ({ staff, params }) => live.endTakeover(staff, params.requestId!));
  route('POST /help/:requestId/takeover/answer', {}, ({ staff, params, body }) => ({
    commandId: live.takeoverAnswer(staff, params.requestId!, body.stepId, body.values),
  }));
  route('POST /help/:requestId/takeover/navigate', {}, ({ staff, params, body }) => ({
    commandId: live.takeoverNavigate(staff, params.requestId!, body.action, body.stepId),
  }));

  route('GET /terminals', {}, () => live.terminalViews());
  route('POST /terminals', { admin: true }, ({ staff, body }) => {
    const created = parts.terminals.create(body.name, body.location);
    parts.audit.write({
      staffId: staff.staffId,
      action: 'terminal.create',
      terminalId: created.terminal.terminalId,
      outcome: 'ok',
    });
    live.terminalsChanged();
    return {
      terminal: terminalView(created.terminal, false),
      enrolmentCode: created.enrolmentCode,
      expiresAt: new Date(created.expiresAt).toISOString(),
    };
  });
  route('POST /terminals/:terminalId/revoke', { admin: true }, ({ staff, params }) => {
    const terminalId = params.terminalId!;
    if (!parts.terminals.get(terminalId)) throw new HubError(404, 'unknown_terminal');
    const revoked = parts.terminals.revoke(terminalId)!;
    live.revokeTerminal(terminalId);
    parts.audit.write({ staffId: staff.staffId, action: 'terminal.revoke', terminalId, outcome: 'ok' });
    return terminalView(revoked, false);
  });

  route('GET /staff', {}, () => parts.staff.list());
  route('POST /staff', { admin: true }, async ({ staff, body }) => {
    try {
      const created = await parts.staff.create(body);
      parts.audit.write({ staffId: staff.staffId, action: 'staff.create', subjectId: created.staffId, outcome: 'ok' });
      return created;
    } catch (error) {
      if (error instanceof UsernameTakenError) throw new HubError(409, 'username_taken');
      throw error;
    }
  });

  route('GET /audit', { admin: true }, () => parts.audit.list());

  route('POST /handover/open', { rateLimit: HANDOVER_OPEN_RATE }, async ({ staff, body }) => {
    const record = parts.handovers.byCode(body.code);
    if (!record?.sealedDraft) {
      parts.audit.write({ staffId: staff.staffId, action: 'handover.open', outcome: 'refused' });
      throw new HubError(404, 'unknown_code');
    }
    const key = await parts.handoverKey();
    let draft: HandoverDraft;
    try {
      draft = HandoverDraftSchema.parse(JSON.parse((await key.open(record.sealedDraft)).toString('utf8')));
    } catch {
      parts.audit.write({
        staffId: staff.staffId,
        action: 'handover.open',
        terminalId: record.terminalId,
        subjectId: record.handoverId,
        outcome: 'refused',
      });
      throw new HubError(422, 'draft_unreadable');
    }
    parts.handovers.markOpened(record.handoverId);
    parts.audit.write({
      staffId: staff.staffId,
      action: 'handover.open',
      terminalId: record.terminalId,
      subjectId: record.handoverId,
      outcome: 'ok',
    });
    return {
      handoverId: record.handoverId,
      serviceId: record.serviceId,
      language: record.language,
      answers: draft.answers,
      ...(draft.pending ? { pending: draft.pending } : {}),
      createdAt: new Date(record.createdAt).toISOString(),
    };
  });

  route('POST /handover/:handoverId/submit', {}, async ({ staff, params, body }) => {
    const record = parts.handovers.get(params.handoverId!);
    const audit = (outcome: 'ok' | 'refused') =>
      parts.audit.write({
        staffId: staff.staffId,
        action: 'handover.submit',
        terminalId: record?.terminalId ?? null,
        subjectId: record?.handoverId ?? null,
        outcome,
      });
    if (!record?.sealedDraft) {
      audit('refused');
      throw new HubError(404, 'unknown_handover');
    }
    if (!parts.desk) {
      audit('refused');
      throw new HubError(503, 'desk_unavailable');
    }
    try {
      const reference = await parts.desk.submit(record.serviceId, record.language, body.answers);
      parts.handovers.markSubmitted(record.handoverId, reference);
      audit('ok');
      return { reference };
    } catch (error) {
      audit('refused');
      throw error;
    }
  });
  route('POST /handover/:handoverId/close', {}, ({ staff, params }) => {
    const record = parts.handovers.get(params.handoverId!);
    // Only a prepared visit is closed here: an application's draft is finished and sent (submit above).
    const inPerson =
      record?.sealedDraft &&
      parts.catalog().de.some((service) => service.serviceId === record.serviceId && service.inPerson);
    parts.audit.write({
      staffId: staff.staffId,
      action: 'handover.close',
      terminalId: record?.terminalId ?? null,
      subjectId: record?.handoverId ?? null,
      outcome: inPerson ? 'ok' : 'refused',
    });
    if (!record?.sealedDraft) throw new HubError(404, 'unknown_handover');
    if (!inPerson) throw new HubError(409, 'not_in_person');
    parts.handovers.markClosed(record.handoverId);
    return { closed: true as const };
  });
  // Times booked at the kiosks: staff see name, service, office, time and code, no more; every look is audited.
  const bookingView = (record: KioskBookingRecord) => {
    const { terminalId, ...notice } = record;
    return { ...notice, terminalName: parts.terminals.get(terminalId)?.name ?? terminalId };
  };
  route('GET /bookings', {}, ({ staff }) => {
    const today = parts.bookings.today();
    parts.audit.write({ staffId: staff.staffId, action: 'bookings.list', outcome: 'ok' });
    return today.map(bookingView);
  });
  route('POST /bookings/find', { rateLimit: { max: 20, timeWindow: 60_000 } }, ({ staff, body }) => {
    const found = parts.bookings.find(body.code);
    parts.audit.write({
      staffId: staff.staffId,
      action: 'bookings.find',
      terminalId: found?.terminalId ?? null,
      outcome: found ? 'ok' : 'refused',
    });
    if (!found) throw new HubError(404, 'unknown_booking');
    return bookingView(found);
  });
}
