import type { WebSocket } from 'ws';
import type { z } from 'zod';
import type { AnswerInput } from '../contract/answers';
import type { GuideTarget, HelpRequestView, HubToTerminal, Staff, TerminalToHub, TerminalView } from '../contract/hub';
import { AssistRelay } from './live/assist-relay';
import { ConsoleConnections, DEFAULT_STAFF_GONE_GRACE_MS } from './live/console-connections';
import { HelpRelay } from './live/help-relay';
import { RequestAccess } from './live/request-access';
import { TerminalConnections } from './live/terminal-connections';
import type { UsageIngest } from './open-data/usage-ingest';
import type { AuditStore } from './stores/audit-store';
import type { HandoverStore } from './stores/handover-store';
import type { KioskBookingStore } from './stores/kiosk-booking-store';
import type { FeedbackStore } from './stores/feedback-store';
import type { HelpRecord, HelpStore } from './stores/help-store';
import type { StaffStore } from './stores/staff-store';
import type { TerminalStore } from './stores/terminal-store';
import { helpView, NO_ASSIST } from './views';
import { HealthMonitor } from './health/health-monitor';
import type { AlertRuleSettings } from './health/alert-rules';
import type { AlertStore } from './stores/alert-store';
import type { HealthStore } from './stores/health-store';
import type { Logger } from '../core/types';
import type { SqlClient } from './db/sql-client';
import { Serial } from './serial';

export interface LiveHubParts {
  now: () => number;
  /** For the transactions that change a request's state together with its audit entry. */
  sql: SqlClient;
  staff: StaffStore;
  terminals: TerminalStore;
  help: HelpStore;
  audit: AuditStore;
  handovers: HandoverStore;
  bookings: KioskBookingStore;
  feedback: FeedbackStore;
  /** The kiosks' daily usage totals (issue 18). */
  usage: UsageIngest;
  /** See HubOptions.staffGoneGraceMs. */
  staffGoneGraceMs?: number;
  /** Terminal health and alerts (issue 20). */
  health: { store: HealthStore; alerts: AlertStore; rules: AlertRuleSettings; logger: Logger };
}

/**
 * The hub's live side: which kiosks and consoles are connected (live/terminal-connections.ts,
 * live/console-connections.ts), and the relay between them: help requests (live/help-relay.ts) and
 * consent, live view and takeover (live/assist-relay.ts). This class routes the kiosks' messages and the
 * staff's actions to them.
 */
export class LiveHub {
  private readonly terminals: TerminalConnections;
  private readonly consoles: ConsoleConnections;
  private readonly assist: AssistRelay;
  private readonly help: HelpRelay;
  readonly health: HealthMonitor;
  /** Each terminal's frames, handled one after the other in the order they came (stores are asynchronous). */
  private readonly frames = new Map<string, { serial: Serial; pending: number }>();

  constructor(private readonly parts: LiveHubParts) {
    const access = new RequestAccess(parts);
    this.terminals = new TerminalConnections({ ...parts, logger: parts.health.logger });
    this.consoles = new ConsoleConnections(
      { queue: () => this.queue(), terminals: () => this.terminalViews(), alerts: () => this.health.alerts() },
      {
        graceMs: parts.staffGoneGraceMs ?? DEFAULT_STAFF_GONE_GRACE_MS,
        onStaffGone: (staffId) => void this.background(this.help.staffGone(staffId)),
      },
    );
    this.consoles.onError = (error) => this.failed(error);
    const connections = { terminals: this.terminals, consoles: this.consoles };
    this.assist = new AssistRelay({ ...connections, help: parts.help, audit: parts.audit, access });
    this.help = new HelpRelay({
      ...connections,
      sql: parts.sql,
      help: parts.help,
      staff: parts.staff,
      access,
      assist: this.assist,
      view: (record) => this.view(record),
    });
    this.health = new HealthMonitor({
      ...parts.health,
      now: parts.now,
      terminals: parts.terminals,
      staff: parts.staff,
      audit: parts.audit,
      isOnline: (terminalId) => this.terminals.isOnline(terminalId),
      lastContact: (terminalId) => this.terminals.lastContact(terminalId),
      changed: async (raised) => {
        this.consoles.broadcast({ type: 'alerts', alerts: await this.health.alerts() });
        for (const alert of raised) this.consoles.broadcast({ type: 'alert.new', alert });
        this.consoles.pushTerminals();
      },
    });
  }

  // ---- views ---------------------------------------------------------------------------------------------

  async view(record: HelpRecord): Promise<HelpRequestView> {
    const [terminal, assigned] = await Promise.all([
      this.parts.terminals.get(record.terminalId),
      record.assignedStaffId ? this.parts.staff.byId(record.assignedStaffId) : undefined,
    ]);
    return helpView(record, terminal, assigned, this.assist.stateOf(record.requestId) ?? NO_ASSIST);
  }

  queue(): Promise<HelpRequestView[]> {
    return this.parts.help.open().then((open) => Promise.all(open.map((record) => this.view(record))));
  }

  async terminalViews(): Promise<TerminalView[]> {
    const [views, healthOf] = await Promise.all([this.terminals.views(), this.health.healthByTerminal()]);
    return views.map((view) => ({ ...view, health: healthOf(view.terminalId) }));
  }

  isOnline(terminalId: string): boolean {
    return this.terminals.isOnline(terminalId);
  }

  // ---- consoles ------------------------------------------------------------------------------------------

  attachConsole(socket: WebSocket, staffId: string, sessionHash: string): Promise<void> {
    return this.consoles.attach(socket, staffId, sessionHash);
  }

  /** Logout or an expired session: its sockets close at once. */
  closeConsoleSession(sessionHash: string): void {
    this.consoles.closeSession(sessionHash);
  }

  /** Closes consoles whose session is no longer valid (idle or absolute timeout). */
  sweepConsoles(isValid: (sessionHash: string) => Promise<boolean>): Promise<void> {
    return this.consoles.sweep(isValid);
  }

  // ---- terminals -----------------------------------------------------------------------------------------

  async attachTerminal(terminalId: string, socket: WebSocket, welcome: HubToTerminal): Promise<void> {
    await this.terminals.attach(terminalId, socket, welcome, {
      onGone: () => {
        void this.background(this.assist.endForTerminal(terminalId, 'session_end'));
        this.consoles.pushTerminals();
      },
      // The kiosk came back before the old socket was seen to close (a half-open connection after a network
      // cut). Consent lasts one connection: the kiosk ended it when it lost the old one, so the hub does too.
      onReplaced: () => {
        void this.background(this.assist.endForTerminal(terminalId, 'session_end'));
        this.consoles.pushQueue();
      },
    });
    this.consoles.pushTerminals();
    // Back online: an `offline` alert ends now, not at the next timer tick.
    await this.health.evaluate([terminalId]);
  }

  /** Issue 20: a new catalogue bundle is active; each connected kiosk fetches it (later ones learn it in welcome). */
  offerBundle(version: number): void {
    this.terminals.broadcast({ type: 'catalogue.bundle', version });
  }

  /** The admin revoked the terminal: tell it, then close; the credential no longer authenticates. */
  async revokeTerminal(terminalId: string): Promise<void> {
    this.terminals.revoke(terminalId);
    await this.assist.endForTerminal(terminalId, 'session_end');
    await this.help.cancelForTerminal(terminalId);
    await this.health.evaluate([terminalId]);
    this.consoles.pushQueue();
    this.consoles.pushTerminals();
  }

  /**
   * A kiosk's frame, handled after the ones it sent before (per terminal, also across a reconnect): a hello's
   * reconcile must not overtake a request sent before it, nor a cancel the request it cancels.
   */
  onTerminalMessage(terminalId: string, message: TerminalToHub): Promise<void> {
    const queue = this.frames.get(terminalId) ?? { serial: new Serial(), pending: 0 };
    this.frames.set(terminalId, queue);
    queue.pending += 1;
    return queue.serial
      .run(() => this.handleFrame(terminalId, message))
      .finally(() => {
        // Forgotten when nothing is in flight, so the map holds only terminals whose frames are being handled.
        queue.pending -= 1;
        if (queue.pending === 0 && this.frames.get(terminalId) === queue) this.frames.delete(terminalId);
      });
  }

  private async handleFrame(terminalId: string, message: TerminalToHub): Promise<void> {
    // A revoked terminal's socket is closed at once; this is the belt to that brace.
    const terminal = await this.parts.terminals.get(terminalId);
    if (!terminal || terminal.revoked) {
      if (message.type === 'health') await this.health.refuse(terminalId, 'revoked');
      if (message.type === 'usage.report') await this.parts.usage.receive(terminalId, message.report);
      return;
    }
    this.terminals.remember(terminalId);
    switch (message.type) {
      case 'hello':
        this.terminals.remember(terminalId, { activity: message.activity, outboxBacklog: message.outboxBacklog });
        await this.parts.terminals.report(terminalId, {
          activity: message.activity,
          outboxBacklog: message.outboxBacklog,
          appVersion: message.appVersion,
        });
        await this.help.reconcile(terminalId, message.openRequests);
        this.consoles.pushTerminals();
        return;
      case 'activity':
        this.terminals.remember(terminalId, { activity: message.activity, outboxBacklog: message.outboxBacklog });
        this.consoles.pushTerminals();
        if ((await this.parts.help.openForTerminal(terminalId)).length > 0) {
          await this.parts.help.updateActivity(terminalId, message.activity);
          this.consoles.pushQueue();
        }
        return;
      case 'help.request':
        this.terminals.remember(terminalId, { activity: message.request.activity });
        await this.help.onRequest(terminalId, message.request);
        return;
      case 'help.cancel':
        await this.help.onCancel(terminalId, message.requestId);
        return;
      case 'consent.answer':
        await this.assist.onConsentAnswer(terminalId, message.requestId, message.granted);
        return;
      case 'live.snapshot':
        await this.assist.onSnapshot(terminalId, message);
        return;
      case 'live.stopped':
        await this.assist.onStopped(terminalId, message);
        return;
      case 'takeover.result':
        await this.assist.onTakeoverResult(terminalId, message);
        return;
      case 'handover.deposit':
        this.onDeposit(terminalId, message);
        return;
      case 'booking.made':
        this.parts.bookings.record(terminalId, message.booking);
        return;
      case 'booking.cancelled':
        this.parts.bookings.cancel(terminalId, message.code);
        return;
      case 'feedback.comment':
        // Stripped again on the way in (FeedbackStore); stored or already there, the kiosk may forget it.
        this.parts.feedback.record(terminalId, message.comment);
        this.terminals.send(terminalId, { type: 'feedback.stored', commentId: message.comment.commentId });
        return;
      case 'health':
        // A taken report is the newest word on the backlog and the version too.
        if (await this.health.onReport(terminalId, message.report)) {
          this.terminals.remember(terminalId, { outboxBacklog: message.report.outbox.depth });
          await this.parts.terminals.report(terminalId, { appVersion: message.report.appVersion });
        }
        this.consoles.pushTerminals();
        return;
      case 'usage.report': {
        const answer = await this.parts.usage.receive(terminalId, message.report);
        if (answer) this.terminals.send(terminalId, answer);
        return;
      }
    }
  }

  private onDeposit(terminalId: string, message: Extract<TerminalToHub, { type: 'handover.deposit' }>): void {
    this.parts.handovers.deposit({
      handoverId: message.handoverId,
      code: message.code,
      terminalId,
      serviceId: message.serviceId,
      language: message.language,
      sealedDraft: message.sealedDraft,
    });
    // Stored (or stored before, when the kiosk sends it again): the kiosk may forget the draft now, and tell
    // the resident until when the code is good.
    const stored = this.parts.handovers.get(message.handoverId);
    if (stored?.terminalId === terminalId)
      this.terminals.send(terminalId, {
        type: 'handover.stored',
        handoverId: message.handoverId,
        expiresAt: new Date(stored.createdAt + this.parts.handovers.ttlMs).toISOString(),
      });
  }

  // ---- staff actions -------------------------------------------------------------------------------------

  accept(staff: Staff, requestId: string): Promise<HelpRequestView> {
    return this.help.accept(staff, requestId);
  }

  resolve(staff: Staff, requestId: string): Promise<HelpRequestView> {
    return this.help.resolve(staff, requestId);
  }

  transfer(staff: Staff, requestId: string, toStaffId: string): Promise<HelpRequestView> {
    return this.help.transfer(staff, requestId, toStaffId);
  }

  async requestConsent(staff: Staff, requestId: string): Promise<HelpRequestView> {
    return this.view(await this.assist.requestConsent(staff, requestId));
  }

  /** Staff ends viewing (and any takeover): the kiosk drops its banner; consent must be asked again. */
  async endLive(staff: Staff, requestId: string): Promise<HelpRequestView> {
    return this.view(await this.assist.endLive(staff, requestId));
  }

  guide(staff: Staff, requestId: string, target: z.infer<typeof GuideTarget>): Promise<void> {
    return this.assist.guide(staff, requestId, target);
  }

  async startTakeover(staff: Staff, requestId: string): Promise<HelpRequestView> {
    return this.view(await this.assist.startTakeover(staff, requestId));
  }

  async endTakeover(staff: Staff, requestId: string): Promise<HelpRequestView> {
    return this.view(await this.assist.endTakeover(staff, requestId));
  }

  takeoverAnswer(
    staff: Staff,
    requestId: string,
    stepId: string,
    values: Record<string, AnswerInput>,
  ): Promise<string> {
    return this.assist.takeoverAnswer(staff, requestId, stepId, values);
  }

  takeoverNavigate(
    staff: Staff,
    requestId: string,
    action: 'back' | 'step' | 'check',
    stepId?: string,
  ): Promise<string> {
    return this.assist.takeoverNavigate(staff, requestId, action, stepId);
  }

  /** Terminals changed (created, revoked): consoles get the new overview. */
  terminalsChanged(): void {
    this.consoles.pushTerminals();
  }

  /** Writes what the kiosks reported and closes every socket. */
  async closeAll(): Promise<void> {
    this.consoles.cancelPushes();
    await this.terminals.closeAll();
    this.consoles.closeAll();
  }

  /** Work started by a timer or a socket event, with nobody to answer: a failure is logged (class only). */
  background(work: Promise<unknown>): Promise<void> {
    return work.then(
      () => undefined,
      (error: Error) => this.failed(error),
    );
  }

  private failed(error: Error): void {
    this.parts.health.logger.error('hub.live_failed', { errorClass: error.name });
  }
}
