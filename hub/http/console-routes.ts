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
import type { AuditStore } from '../stores/audit-store';
import type { HandoverStore } from '../stores/handover-store';
import type { KioskBookingRecord, KioskBookingStore } from '../stores/kiosk-booking-store';
import type { FeedbackStore } from '../stores/feedback-store';
import type { SessionStore } from '../stores/session-store';
import type { StaffStore } from '../stores/staff-store';
import type { TerminalStore } from '../stores/terminal-store';
import { terminalView } from '../views';
import { requireSession, SESSION_COOKIE, sessionCookieOptions, type AuthSettings } from './console-auth';
import { holderRefusal, isTakeover, openRefusal } from './handover-holder';

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
  feedback: FeedbackStore;
  live: LiveHub;
  handoverKey: () => Promise<HandoverKey>;
  desk: Desk | undefined;
  /** Service and field texts for the console, built once on first use. */
  catalog: () => ConsoleCatalog;
}

const HANDOVER_OPEN_RATE = { max: 20, timeWindow: 60_000 };

/** The console API, exactly the keys of contract/hub consoleRoutes, under /api/console. */
export function registerConsoleRoutes(app: FastifyInstance, parts: ConsoleRouteParts): void {
  const { live } = parts;

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

  route('POST /logout', {}, async ({ request, reply }) => {
    const session = request.consoleSession!;
    await parts.audit.write({ staffId: session.staff.staffId, action: 'logout', outcome: 'ok' });
    await parts.sessions.delete(session.tokenHash);
    live.closeConsoleSession(session.tokenHash);
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(parts.auth.tls));
    return { ok: true };
  });

  route('GET /session', {}, ({ request }) => ({
    staff: request.consoleSession!.staff,
    csrfToken: request.consoleSession!.csrfToken,
    mustChangePassword: request.consoleSession!.mustChangePassword,
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
  route('POST /help/:requestId/guide', {}, async ({ staff, params, body }) => {
    await live.guide(staff, params.requestId!, body.target);
    return { ok: true };
  });
  route('POST /help/:requestId/takeover/start', {}, ({ staff, params }) =>
    live.startTakeover(staff, params.requestId!),
  );
  route('POST /help/:requestId/takeover/end', {}, ({ staff, params }) => live.endTakeover(staff, params.requestId!));
  route('POST /help/:requestId/takeover/answer', {}, async ({ staff, params, body }) => ({
    commandId: await live.takeoverAnswer(staff, params.requestId!, body.stepId, body.values),
  }));
  route('POST /help/:requestId/takeover/navigate', {}, async ({ staff, params, body }) => ({
    commandId: await live.takeoverNavigate(staff, params.requestId!, body.action, body.stepId),
  }));

  route('GET /terminals', {}, () => live.terminalViews());
  route('POST /terminals', { admin: true }, async ({ staff, body }) => {
    const created = await parts.terminals.create(body.name, body.location);
    await parts.audit.write({
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
  route('POST /terminals/:terminalId/revoke', { admin: true }, async ({ staff, params }) => {
    const terminalId = params.terminalId!;
    if (!(await parts.terminals.get(terminalId))) throw new HubError(404, 'unknown_terminal');
    const revoked = (await parts.terminals.revoke(terminalId))!;
    await live.revokeTerminal(terminalId);
    await parts.audit.write({ staffId: staff.staffId, action: 'terminal.revoke', terminalId, outcome: 'ok' });
    return terminalView(revoked, false);
  });

  // Staff accounts and login: staff-routes.ts.
  route('GET /audit', { admin: true }, () => parts.audit.list());

  // Issue 20: the terminals' alerts; "Gesehen" is audited (who, when) in the health monitor.
  route('GET /alerts', {}, () => live.health.alerts());
  route('POST /alerts/:alertId/acknowledge', {}, ({ staff, params }) =>
    live.health.acknowledge(staff, params.alertId!),
  );

  route('POST /handover/open', { rateLimit: HANDOVER_OPEN_RATE }, async ({ staff, body }) => {
    const record = parts.handovers.byCode(body.code);
    if (!record?.sealedDraft) {
      await parts.audit.write({ staffId: staff.staffId, action: 'handover.open', outcome: 'refused' });
      throw new HubError(404, 'unknown_code');
    }
    const held = openRefusal(record, staff);
    if (held) {
      await parts.audit.write({
        staffId: staff.staffId,
        action: 'handover.open',
        terminalId: record.terminalId,
        subjectId: record.handoverId,
        outcome: 'refused',
      });
      throw held;
    }
    const key = await parts.handoverKey();
    let draft: HandoverDraft;
    try {
      draft = HandoverDraftSchema.parse(JSON.parse((await key.open(record.sealedDraft)).toString('utf8')));
    } catch {
      await parts.audit.write({
        staffId: staff.staffId,
        action: 'handover.open',
        terminalId: record.terminalId,
        subjectId: record.handoverId,
        outcome: 'refused',
      });
      throw new HubError(422, 'draft_unreadable');
    }
    // Read again: a colleague may have bound it while the draft was being opened.
    const takeover = isTakeover(parts.handovers.get(record.handoverId) ?? record, staff);
    const bound = parts.handovers.bind(record.handoverId, staff.staffId, staff.role === 'admin');
    await parts.audit.write({
      staffId: staff.staffId,
      action: takeover && bound ? 'handover.takeover' : 'handover.open',
      terminalId: record.terminalId,
      subjectId: record.handoverId,
      outcome: bound ? 'ok' : 'refused',
    });
    if (!bound) throw new HubError(409, 'handover_held');
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
    const refusal = holderRefusal(parts.handovers, record, staff);
    if (refusal || !record) {
      await audit('refused');
      throw refusal;
    }
    if (!parts.desk) {
      await audit('refused');
      throw new HubError(503, 'desk_unavailable');
    }
    try {
      const reference = await parts.desk.submit(record.serviceId, record.language, body.answers);
      parts.handovers.markSubmitted(record.handoverId, reference);
      await audit('ok');
      return { reference };
    } catch (error) {
      await audit('refused');
      throw error;
    }
  });
  route('POST /handover/:handoverId/close', {}, async ({ staff, params }) => {
    const record = parts.handovers.get(params.handoverId!);
    // Only a prepared visit is closed here: an application's draft is finished and sent (submit above).
    const refusal = holderRefusal(parts.handovers, record, staff);
    const inPerson =
      record?.sealedDraft &&
      parts.catalog().de.some((service) => service.serviceId === record.serviceId && service.inPerson);
    await parts.audit.write({
      staffId: staff.staffId,
      action: 'handover.close',
      terminalId: record?.terminalId ?? null,
      subjectId: record?.handoverId ?? null,
      outcome: inPerson && !refusal ? 'ok' : 'refused',
    });
    if (refusal || !record) throw refusal;
    if (!inPerson) throw new HubError(409, 'not_in_person');
    parts.handovers.markClosed(record.handoverId);
    return { closed: true as const };
  });
  // The holder lets the code go (the resident went to another desk): a colleague may open it now.
  route('POST /handover/:handoverId/release', {}, async ({ staff, params }) => {
    const record = parts.handovers.get(params.handoverId!);
    const released = record?.sealedDraft ? parts.handovers.release(record.handoverId, staff.staffId) : false;
    await parts.audit.write({
      staffId: staff.staffId,
      action: 'handover.release',
      terminalId: record?.terminalId ?? null,
      subjectId: record?.handoverId ?? null,
      outcome: released ? 'ok' : 'refused',
    });
    if (!record?.sealedDraft) throw new HubError(404, 'unknown_handover');
    if (!released) throw new HubError(409, 'handover_held');
    return { released: true as const };
  });
  // Times booked at the kiosks: staff see name, service, office, time and code, no more; every look is audited.
  const bookingView = async (record: KioskBookingRecord) => {
    const { terminalId, ...notice } = record;
    return { ...notice, terminalName: (await parts.terminals.get(terminalId))?.name ?? terminalId };
  };
  route('GET /bookings', {}, async ({ staff }) => {
    const today = parts.bookings.today();
    await parts.audit.write({ staffId: staff.staffId, action: 'bookings.list', outcome: 'ok' });
    return Promise.all(today.map(bookingView));
  });
  route('POST /bookings/find', { rateLimit: { max: 20, timeWindow: 60_000 } }, async ({ staff, body }) => {
    const found = parts.bookings.find(body.code);
    await parts.audit.write({
      staffId: staff.staffId,
      action: 'bookings.find',
      terminalId: found?.terminalId ?? null,
      outcome: found ? 'ok' : 'refused',
    });
    if (!found) throw new HubError(404, 'unknown_booking');
    return bookingView(found);
  });
  // Residents' comments (issue 18), already stripped: staff read them here and nowhere else; every look is audited.
  route('GET /feedback', {}, async ({ staff }) => {
    const comments = parts.feedback.list();
    await parts.audit.write({ staffId: staff.staffId, action: 'feedback.list', outcome: 'ok' });
    const names = new Map((await parts.terminals.list()).map((terminal) => [terminal.terminalId, terminal.name]));
    return comments.map(({ terminalId, receivedAt: _receivedAt, ...comment }) => ({
      ...comment,
      terminalName: names.get(terminalId) ?? terminalId,
    }));
  });
}
