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

export interface LiveHubParts {
  now: () => number;
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

  constructor(private readonly parts: LiveHubParts) {
    const access = new RequestAccess(parts);
    this.terminals = new TerminalConnections(parts);
    this.consoles = new ConsoleConnections(
      { queue: () => this.queue(), terminals: () => this.terminalViews(), alerts: () => this.health.alerts() },
      {
        graceMs: parts.staffGoneGraceMs ?? DEFAULT_STAFF_GONE_GRACE_MS,
        onStaffGone: (staffId) => this.help.staffGone(staffId),
      },
    );
    const connections = { terminals: this.terminals, consoles: this.consoles };
    this.assist = new AssistRelay({ ...connections, help: parts.help, audit: parts.audit, access });
    this.help = new HelpRelay({
      ...connections,
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
      changed: (raised) => {
        this.consoles.broadcast({ type: 'alerts', alerts: this.health.alerts() });
        for (const alert of raised) this.consoles.broadcast({ type: 'alert.new', alert });
        this.consoles.pushTerminals();
      },
    });
  }

  // ---- views ---------------------------------------------------------------------------------------------

  view(record: HelpRecord): HelpRequestView {
    const assigned = record.assignedStaffId ? this.parts.staff.byId(record.assignedStaffId) : undefined;
    return helpView(
      record,
      this.parts.terminals.get(record.terminalId),
      assigned,
      this.assist.stateOf(record.requestId) ?? NO_ASSIST,
    );
  }

  queue(): HelpRequestView[] {
    return this.parts.help.open().map((record) => this.view(record));
  }

  terminalViews(): TerminalView[] {
    return this.terminals.views().map((view) => ({ ...view, health: this.health.healthOf(view.terminalId) }));
  }

  isOnline(terminalId: string): boolean {
    return this.terminals.isOnline(terminalId);
  }

  // ---- consoles ------------------------------------------------------------------------------------------

  attachConsole(socket: WebSocket, staffId: string, sessionHash: string): void {
    this.consoles.attach(socket, staffId, sessionHash);
  }

  /** Logout or an expired session: its sockets close at once. */
  closeConsoleSession(sessionHash: string): void {
    this.consoles.closeSession(sessionHash);
  }

  /** Closes consoles whose session is no longer valid (idle or absolute timeout). */
  sweepConsoles(isValid: (sessionHash: string) => boolean): void {
    this.consoles.sweep(isValid);
  }

  // ---- terminals -----------------------------------------------------------------------------------------

  attachTerminal(terminalId: string, socket: WebSocket, welcome: HubToTerminal): void {
    this.terminals.attach(terminalId, socket, welcome, {
      onGone: () => {
        this.assist.endForTerminal(terminalId, 'session_end');
        this.consoles.pushTerminals();
      },
      // The kiosk came back before the old socket was seen to close (a half-open connection after a network
      // cut). Consent lasts one connection: the kiosk ended it when it lost the old one, so the hub does too.
      onReplaced: () => {
        this.assist.endForTerminal(terminalId, 'session_end');
        this.consoles.pushQueue();
      },
    });
    this.consoles.pushTerminals();
    // Back online: an `offline` alert ends now, not at the next timer tick.
    this.health.evaluate([terminalId]);
  }

  /** Issue 20: a new catalogue bundle is active; each connected kiosk fetches it (later ones learn it in welcome). */
  offerBundle(version: number): void {
    this.terminals.broadcast({ type: 'catalogue.bundle', version });
  }

  /** The admin revoked the terminal: tell it, then close; the credential no longer authenticates. */
  revokeTerminal(terminalId: string): void {
    this.terminals.revoke(terminalId);
    this.assist.endForTerminal(terminalId, 'session_end');
    this.help.cancelForTerminal(terminalId);
    this.health.evaluate([terminalId]);
    this.consoles.pushQueue();
    this.consoles.pushTerminals();
  }

  onTerminalMessage(terminalId: string, message: TerminalToHub): void {
    this.terminals.remember(terminalId);
    switch (message.type) {
      case 'hello':
        this.terminals.remember(terminalId, { activity: message.activity, outboxBacklog: message.outboxBacklog });
        this.parts.terminals.report(terminalId, {
          activity: message.activity,
          outboxBacklog: message.outboxBacklog,
          appVersion: message.appVersion,
        });
        this.help.reconcile(terminalId, message.openRequests);
        this.consoles.pushTerminals();
        return;
      case 'activity':
        this.terminals.remember(terminalId, { activity: message.activity, outboxBacklog: message.outboxBacklog });
        this.consoles.pushTerminals();
        if (this.parts.help.openForTerminal(terminalId).length > 0) {
          this.parts.help.updateActivity(terminalId, message.activity);
          this.consoles.pushQueue();
        }
        return;
      case 'help.request':
        this.terminals.remember(terminalId, { activity: message.request.activity });
        this.help.onRequest(terminalId, message.request);
        return;
      case 'help.cancel':
        this.help.onCancel(terminalId, message.requestId);
        return;
      case 'consent.answer':
        this.assist.onConsentAnswer(terminalId, message.requestId, message.granted);
        return;
      case 'live.snapshot':
        this.assist.onSnapshot(terminalId, message);
        return;
      case 'live.stopped':
        this.assist.onStopped(terminalId, message);
        return;
      case 'takeover.result':
        this.assist.onTakeoverResult(terminalId, message);
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
        if (this.health.onReport(terminalId, message.report)) {
          this.terminals.remember(terminalId, { outboxBacklog: message.report.outbox.depth });
          this.parts.terminals.report(terminalId, { appVersion: message.report.appVersion });
        }
        this.consoles.pushTerminals();
        return;
      case 'usage.report': {
        const answer = this.parts.usage.receive(terminalId, message.report);
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

  accept(staff: Staff, requestId: string): HelpRequestView {
    return this.help.accept(staff, requestId);
  }

  resolve(staff: Staff, requestId: string): HelpRequestView {
    return this.help.resolve(staff, requestId);
  }

  transfer(staff: Staff, requestId: string, toStaffId: string): HelpRequestView {
    return this.help.transfer(staff, requestId, toStaffId);
  }

  requestConsent(staff: Staff, requestId: string): HelpRequestView {
    return this.view(this.assist.requestConsent(staff, requestId));
  }

  /** Staff ends viewing (and any takeover): the kiosk drops its banner; consent must be asked again. */
  endLive(staff: Staff, requestId: string): HelpRequestView {
    return this.view(this.assist.endLive(staff, requestId));
  }

  guide(staff: Staff, requestId: string, target: z.infer<typeof GuideTarget>): void {
    this.assist.guide(staff, requestId, target);
  }

  startTakeover(staff: Staff, requestId: string): HelpRequestView {
    return this.view(this.assist.startTakeover(staff, requestId));
  }

  endTakeover(staff: Staff, requestId: string): HelpRequestView {
    return this.view(this.assist.endTakeover(staff, requestId));
  }

  takeoverAnswer(staff: Staff, requestId: string, stepId: string, values: Record<string, AnswerInput>): string {
    return this.assist.takeoverAnswer(staff, requestId, stepId, values);
  }

  takeoverNavigate(staff: Staff, requestId: string, action: 'back' | 'step' | 'check', stepId?: string): string {
    return this.assist.takeoverNavigate(staff, requestId, action, stepId);
  }

  /** Terminals changed (created, revoked): consoles get the new overview. */
  terminalsChanged(): void {
    this.consoles.pushTerminals();
  }

  closeAll(): void {
    this.consoles.cancelPushes();
    this.terminals.closeAll();
    this.consoles.closeAll();
  }
}
