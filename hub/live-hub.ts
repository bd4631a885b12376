import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type {
  GuideTarget,
  HelpRequestBody,
  HelpRequestView,
  HubToConsole,
  HubToTerminal,
  Staff,
  TerminalActivity,
  TerminalToHub,
} from '../contract/hub';
import type { AnswerInput } from '../contract/answers';
import type { z } from 'zod';
import { HubError } from './hub-error';
import type { AuditInput, AuditStore } from './stores/audit-store';
import type { HelpRecord, HelpStore } from './stores/help-store';
import type { HandoverStore } from './stores/handover-store';
import type { StaffStore } from './stores/staff-store';
import type { TerminalStore } from './stores/terminal-store';
import { helpView, NO_ASSIST, terminalView, type AssistState } from './views';

interface ConsoleClient {
  socket: WebSocket;
  staffId: string;
  sessionHash: string;
}

export interface LiveHubParts {
  now: () => number;
  staff: StaffStore;
  terminals: TerminalStore;
  help: HelpStore;
  audit: AuditStore;
  handovers: HandoverStore;
}

const OPEN = 1; // WebSocket.OPEN
const QUEUE_COALESCE_MS = 100;
const TERMINALS_COALESCE_MS = 1_000;

function send(socket: WebSocket, message: HubToConsole | HubToTerminal): void {
  if (socket.readyState === OPEN) socket.send(JSON.stringify(message));
}

/**
 * The hub's live side: which kiosks and consoles are connected, and the relay
 * between them. Consent and live snapshots exist only here, in memory: a
 * snapshot is forwarded to the assigned staff member's consoles while consent
 * is granted, audited, and never stored.
 */
export class LiveHub {
  private readonly terminalSockets = new Map<string, WebSocket>();
  private readonly consoles = new Set<ConsoleClient>();
  private readonly assist = new Map<string, AssistState>();
  /** What kiosks report between hello and disconnect: kept in memory, written to the database on hello and close. */
  private readonly reported = new Map<
    string,
    { lastContact: number; activity?: TerminalActivity; outboxBacklog?: number }
  >();
  private queueTimer: ReturnType<typeof setTimeout> | undefined;
  private terminalsTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly parts: LiveHubParts) {}

  // ---- views ---------------------------------------------------------------------------------------------

  view(record: HelpRecord): HelpRequestView {
    const assigned = record.assignedStaffId ? this.parts.staff.byId(record.assignedStaffId) : undefined;
    return helpView(
      record,
      this.parts.terminals.get(record.terminalId),
      assigned,
      this.assist.get(record.requestId) ?? NO_ASSIST,
    );
  }

  queue(): HelpRequestView[] {
    return this.parts.help.open().map((record) => this.view(record));
  }

  terminalViews() {
    // What a connected kiosk reported since its hello is newer than the database (written on hello and close).
    return this.parts.terminals.list().map((record) => {
      const reported = this.reported.get(record.terminalId);
      const current = reported
        ? {
            ...record,
            lastContact: reported.lastContact,
            activity: reported.activity ?? record.activity,
            outboxBacklog: reported.outboxBacklog ?? record.outboxBacklog,
          }
        : record;
      return terminalView(current, this.terminalSockets.has(record.terminalId));
    });
  }

  isOnline(terminalId: string): boolean {
    return this.terminalSockets.has(terminalId);
  }

  // ---- consoles ------------------------------------------------------------------------------------------

  attachConsole(socket: WebSocket, staffId: string, sessionHash: string): void {
    const client = { socket, staffId, sessionHash };
    this.consoles.add(client);
    socket.on('close', () => this.consoles.delete(client));
    // Consoles only listen; anything they send is ignored (actions go through the CSRF-checked routes).
    send(socket, { type: 'queue', requests: this.queue() });
    send(socket, { type: 'terminals', terminals: this.terminalViews() });
  }

  /** Logout or an expired session: its sockets close at once. */
  closeConsoleSession(sessionHash: string): void {
    for (const client of this.consoles)
      if (client.sessionHash === sessionHash) client.socket.close(4401, 'session ended');
  }

  /** Closes consoles whose session is no longer valid (idle or absolute timeout). */
  sweepConsoles(isValid: (sessionHash: string) => boolean): void {
    for (const client of this.consoles) if (!isValid(client.sessionHash)) client.socket.close(4401, 'session ended');
  }

  private broadcast(message: HubToConsole): void {
    const text = JSON.stringify(message);
    for (const client of this.consoles) if (client.socket.readyState === OPEN) client.socket.send(text);
  }

  private toStaff(staffId: string, message: HubToConsole): number {
    let delivered = 0;
    for (const client of this.consoles) {
      if (client.staffId === staffId && client.socket.readyState === OPEN) {
        client.socket.send(JSON.stringify(message));
        delivered += 1;
      }
    }
    return delivered;
  }

  /** Queue and overview are sent as whole lists: changes close together go out as one message (help.new is never delayed). */
  private pushQueue(): void {
    if (this.consoles.size === 0 || this.queueTimer) return;
    this.queueTimer = setTimeout(() => {
      this.queueTimer = undefined;
      if (this.consoles.size > 0) this.broadcast({ type: 'queue', requests: this.queue() });
    }, QUEUE_COALESCE_MS);
  }

  private pushTerminals(): void {
    if (this.consoles.size === 0 || this.terminalsTimer) return;
    this.terminalsTimer = setTimeout(() => {
      this.terminalsTimer = undefined;
      if (this.consoles.size > 0) this.broadcast({ type: 'terminals', terminals: this.terminalViews() });
    }, TERMINALS_COALESCE_MS);
  }

  private remember(terminalId: string, fields: { activity?: TerminalActivity; outboxBacklog?: number } = {}): void {
    const entry = this.reported.get(terminalId) ?? { lastContact: this.parts.now() };
    entry.lastContact = this.parts.now();
    if (fields.activity) entry.activity = fields.activity;
    if (fields.outboxBacklog !== undefined) entry.outboxBacklog = fields.outboxBacklog;
    this.reported.set(terminalId, entry);
  }

  private persistReported(terminalId: string): void {
    const entry = this.reported.get(terminalId);
    if (!entry) return;
    this.parts.terminals.report(terminalId, {
      ...(entry.activity ? { activity: entry.activity } : {}),
      ...(entry.outboxBacklog !== undefined ? { outboxBacklog: entry.outboxBacklog } : {}),
    });
  }

  // ---- terminals -----------------------------------------------------------------------------------------

  attachTerminal(terminalId: string, socket: WebSocket, welcome: HubToTerminal): void {
    // A newer connection of the same terminal replaces the old one.
    const previous = this.terminalSockets.get(terminalId);
    this.terminalSockets.set(terminalId, socket);
    if (previous && previous !== socket) {
      previous.close(4409, 'replaced');
      // The kiosk came back before the old socket was seen to close (a half-open connection after a network
      // cut). Consent lasts one connection: the kiosk ended it when it lost the old one, so the hub does too.
      this.endAssistForTerminal(terminalId, 'session_end');
      this.pushQueue();
    }
    socket.on('close', () => {
      if (this.terminalSockets.get(terminalId) !== socket) return;
      this.terminalSockets.delete(terminalId);
      this.persistReported(terminalId);
      this.reported.delete(terminalId);
      this.endAssistForTerminal(terminalId, 'session_end');
      this.pushTerminals();
    });
    this.remember(terminalId);
    this.parts.terminals.report(terminalId, {});
    send(socket, welcome);
    this.pushTerminals();
  }

  /** The admin revoked the terminal: tell it, then close; the credential no longer authenticates. */
  revokeTerminal(terminalId: string): void {
    const socket = this.terminalSockets.get(terminalId);
    if (socket) {
      send(socket, { type: 'revoked' });
      socket.close(4403, 'revoked');
      this.terminalSockets.delete(terminalId);
    }
    this.endAssistForTerminal(terminalId, 'session_end');
    for (const record of this.parts.help.openForTerminal(terminalId))
      this.parts.help.setState(record.requestId, 'cancelled');
    this.pushQueue();
    this.pushTerminals();
  }

  private toTerminal(terminalId: string, message: HubToTerminal): boolean {
    const socket = this.terminalSockets.get(terminalId);
    if (!socket || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  onTerminalMessage(terminalId: string, message: TerminalToHub): void {
    this.remember(terminalId);
    switch (message.type) {
      case 'hello':
        this.remember(terminalId, { activity: message.activity, outboxBacklog: message.outboxBacklog });
        this.parts.terminals.report(terminalId, {
          activity: message.activity,
          outboxBacklog: message.outboxBacklog,
          appVersion: message.appVersion,
        });
        this.reconcileOpenRequests(terminalId, message.openRequests);
        this.pushTerminals();
        return;
      case 'activity':
        this.remember(terminalId, { activity: message.activity, outboxBacklog: message.outboxBacklog });
        this.pushTerminals();
        if (this.parts.help.openForTerminal(terminalId).length > 0) {
          this.parts.help.updateActivity(terminalId, message.activity);
          this.pushQueue();
        }
        return;
      case 'help.request':
        this.remember(terminalId, { activity: message.request.activity });
        this.newRequest(terminalId, message.request);
        return;
      case 'help.cancel': {
        const record = this.ownRequest(terminalId, message.requestId);
        if (!record || (record.state !== 'waiting' && record.state !== 'accepted')) return;
        this.endAssist(record, 'resident');
        this.parts.help.setState(record.requestId, 'cancelled');
        this.pushQueue();
        return;
      }
      case 'consent.answer':
        this.onConsentAnswer(terminalId, message.requestId, message.granted);
        return;
      case 'live.snapshot':
        this.onSnapshot(terminalId, message);
        return;
      case 'live.stopped': {
        const record = this.ownRequest(terminalId, message.requestId);
        if (record) this.endAssist(record, message.by);
        this.pushQueue();
        return;
      }
      case 'takeover.result': {
        const record = this.ownRequest(terminalId, message.requestId);
        const state = record && this.assist.get(record.requestId);
        if (!record?.assignedStaffId || state?.mode !== 'takeover') return;
        this.toStaff(record.assignedStaffId, {
          type: 'takeover.result',
          requestId: message.requestId,
          commandId: message.commandId,
          ok: message.ok,
          ...(message.errorCode !== undefined ? { errorCode: message.errorCode } : {}),
          ...(message.fieldErrors !== undefined ? { fieldErrors: message.fieldErrors } : {}),
        });
        return;
      }
      case 'handover.deposit': {
        this.parts.handovers.deposit({
          handoverId: message.handoverId,
          code: message.code,
          terminalId,
          serviceId: message.serviceId,
          language: message.language,
          sealedDraft: message.sealedDraft,
        });
        // Stored (or stored before, when the kiosk sends it again): the kiosk may forget the draft now.
        if (this.parts.handovers.get(message.handoverId)?.terminalId === terminalId)
          this.toTerminal(terminalId, { type: 'handover.stored', handoverId: message.handoverId });
        return;
      }
    }
  }

  private ownRequest(terminalId: string, requestId: string): HelpRecord | undefined {
    const record = this.parts.help.get(requestId);
    return record?.terminalId === terminalId ? record : undefined;
  }

  private newRequest(terminalId: string, request: HelpRequestBody): void {
    const inserted = this.parts.help.insert(terminalId, request);
    const record = this.parts.help.get(request.requestId);
    if (!record || record.terminalId !== terminalId) return;
    if (inserted) {
      this.toTerminal(terminalId, { type: 'help.queued', requestId: record.requestId });
      this.broadcast({ type: 'help.new', request: this.view(record) });
      this.pushQueue();
    } else {
      this.tellKioskState(record);
    }
  }

  /** After a reconnect: requests the kiosk still has go on (or are queued anew); open ones it forgot are cancelled. */
  private reconcileOpenRequests(terminalId: string, openRequests: HelpRequestBody[]): void {
    const listed = new Set(openRequests.map((request) => request.requestId));
    let changed = false;
    for (const record of this.parts.help.openForTerminal(terminalId)) {
      if (!listed.has(record.requestId)) {
        this.assist.delete(record.requestId);
        this.parts.help.setState(record.requestId, 'cancelled');
        changed = true;
      }
    }
    for (const request of openRequests) this.newRequest(terminalId, request);
    if (changed) this.pushQueue();
  }

  private tellKioskState(record: HelpRecord): void {
    if (record.state === 'waiting')
      this.toTerminal(record.terminalId, { type: 'help.queued', requestId: record.requestId });
    else if (record.state === 'accepted' && record.assignedStaffId) {
      const staff = this.parts.staff.byId(record.assignedStaffId);
      if (staff)
        this.toTerminal(record.terminalId, {
          type: 'help.accepted',
          requestId: record.requestId,
          staffName: staff.displayName,
        });
    } else this.toTerminal(record.terminalId, { type: 'help.resolved', requestId: record.requestId });
  }

  private onConsentAnswer(terminalId: string, requestId: string, granted: boolean): void {
    const record = this.ownRequest(terminalId, requestId);
    const state = record && this.assist.get(requestId);
    if (!record || record.state !== 'accepted' || state?.consent !== 'asked') return;
    this.assist.set(
      requestId,
      granted ? { consent: 'granted', mode: 'viewing' } : { consent: 'declined', mode: 'none' },
    );
    this.audit({
      staffId: record.assignedStaffId,
      action: granted ? 'consent.granted' : 'consent.declined',
      terminalId,
      subjectId: requestId,
      outcome: 'ok',
    });
    this.pushQueue();
  }

  private onSnapshot(terminalId: string, message: Extract<TerminalToHub, { type: 'live.snapshot' }>): void {
    const record = this.ownRequest(terminalId, message.requestId);
    const state = record && this.assist.get(message.requestId);
    // Nothing of the resident's passes unless they said yes, to the one staff member who asked.
    if (!record || record.state !== 'accepted' || !record.assignedStaffId || state?.consent !== 'granted') return;
    const delivered = this.toStaff(record.assignedStaffId, {
      type: 'live.snapshot',
      requestId: message.requestId,
      snapshot: message.snapshot,
    });
    if (delivered > 0)
      this.audit({
        staffId: record.assignedStaffId,
        action: 'live.view',
        terminalId,
        subjectId: message.requestId,
        outcome: 'ok',
      });
  }

  private endAssist(record: HelpRecord, by: 'resident' | 'session_end' | 'staff'): void {
    const state = this.assist.get(record.requestId);
    if (!state || (state.consent === 'none' && state.mode === 'none')) return;
    this.assist.delete(record.requestId);
    if (record.assignedStaffId && state.consent !== 'declined')
      this.toStaff(record.assignedStaffId, { type: 'live.stopped', requestId: record.requestId, by });
  }

  private endAssistForTerminal(terminalId: string, by: 'session_end'): void {
    for (const record of this.parts.help.openForTerminal(terminalId)) this.endAssist(record, by);
  }

  private audit(entry: AuditInput): void {
    this.parts.audit.write(entry);
  }

  // ---- staff actions -------------------------------------------------------------------------------------

  /** The request, if the caller may act on it; refusals are audited. */
  private requireRequest(staff: Staff, requestId: string, action: string, needAssigned = true): HelpRecord {
    const record = this.parts.help.get(requestId);
    if (!record) throw new HubError(404, 'unknown_request');
    const refuse = (status: number, code: string): never => {
      this.audit({
        staffId: staff.staffId,
        action,
        terminalId: record.terminalId,
        subjectId: requestId,
        outcome: 'refused',
      });
      throw new HubError(status, code);
    };
    if (needAssigned) {
      if (record.state !== 'accepted') refuse(409, 'not_accepted');
      if (record.assignedStaffId !== staff.staffId) refuse(403, 'not_assigned');
    }
    return record;
  }

  private ok(staff: Staff, action: string, record: HelpRecord): void {
    this.audit({
      staffId: staff.staffId,
      action,
      terminalId: record.terminalId,
      subjectId: record.requestId,
      outcome: 'ok',
    });
  }

  accept(staff: Staff, requestId: string): HelpRequestView {
    const record = this.requireRequest(staff, requestId, 'help.accept', false);
    if (record.state !== 'waiting') {
      this.audit({
        staffId: staff.staffId,
        action: 'help.accept',
        terminalId: record.terminalId,
        subjectId: requestId,
        outcome: 'refused',
      });
      throw new HubError(409, 'not_waiting');
    }
    const updated = this.parts.help.setState(requestId, 'accepted', staff.staffId)!;
    this.ok(staff, 'help.accept', updated);
    this.toTerminal(updated.terminalId, { type: 'help.accepted', requestId, staffName: staff.displayName });
    this.pushQueue();
    return this.view(updated);
  }

  resolve(staff: Staff, requestId: string): HelpRequestView {
    const record = this.requireRequest(staff, requestId, 'help.resolve');
    this.stopLive(record);
    const updated = this.parts.help.setState(requestId, 'resolved')!;
    this.ok(staff, 'help.resolve', updated);
    this.toTerminal(updated.terminalId, { type: 'help.resolved', requestId });
    this.pushQueue();
    return this.view(updated);
  }

  transfer(staff: Staff, requestId: string, toStaffId: string): HelpRequestView {
    const record = this.requireRequest(staff, requestId, 'help.transfer');
    const colleague = this.parts.staff.byId(toStaffId);
    if (!colleague) throw new HubError(404, 'unknown_staff');
    // The resident agreed to be seen by one person: a colleague asks again.
    this.stopLive(record);
    const updated = this.parts.help.setState(requestId, 'accepted', colleague.staffId)!;
    this.ok(staff, 'help.transfer', updated);
    this.toTerminal(updated.terminalId, { type: 'help.accepted', requestId, staffName: colleague.displayName });
    this.pushQueue();
    return this.view(updated);
  }

  requestConsent(staff: Staff, requestId: string): HelpRequestView {
    const record = this.requireRequest(staff, requestId, 'consent.request');
    if (!this.toTerminal(record.terminalId, { type: 'consent.request', requestId, staffName: staff.displayName })) {
      this.audit({
        staffId: staff.staffId,
        action: 'consent.request',
        terminalId: record.terminalId,
        subjectId: requestId,
        outcome: 'refused',
      });
      throw new HubError(409, 'terminal_offline');
    }
    this.assist.set(requestId, { consent: 'asked', mode: 'none' });
    this.ok(staff, 'consent.request', record);
    this.pushQueue();
    return this.view(record);
  }

  /** Staff ends viewing (and any takeover): the kiosk drops its banner; consent must be asked again. */
  endLive(staff: Staff, requestId: string): HelpRequestView {
    const record = this.requireRequest(staff, requestId, 'live.end');
    this.stopLive(record);
    this.ok(staff, 'live.end', record);
    this.pushQueue();
    return this.view(record);
  }

  private stopLive(record: HelpRecord): void {
    const state = this.assist.get(record.requestId);
    if (!state) return;
    if (state.mode === 'takeover')
      this.toTerminal(record.terminalId, { type: 'takeover.end', requestId: record.requestId });
    if (state.consent === 'granted' || state.consent === 'asked')
      this.toTerminal(record.terminalId, { type: 'live.end', requestId: record.requestId });
    this.endAssist(record, 'staff');
  }

  private requireConsent(staff: Staff, record: HelpRecord, action: string, mode?: 'takeover'): void {
    const state = this.assist.get(record.requestId);
    if (state?.consent !== 'granted' || (mode && state.mode !== mode)) {
      this.audit({
        staffId: staff.staffId,
        action,
        terminalId: record.terminalId,
        subjectId: record.requestId,
        outcome: 'refused',
      });
      throw new HubError(409, mode ? 'no_takeover' : 'no_consent');
    }
  }

  guide(staff: Staff, requestId: string, target: z.infer<typeof GuideTarget>): void {
    const record = this.requireRequest(staff, requestId, 'guide');
    this.requireConsent(staff, record, 'guide');
    this.toTerminal(record.terminalId, { type: 'guide.highlight', requestId, target });
    this.ok(staff, 'guide', record);
  }

  startTakeover(staff: Staff, requestId: string): HelpRequestView {
    const record = this.requireRequest(staff, requestId, 'takeover.start');
    this.requireConsent(staff, record, 'takeover.start');
    this.assist.set(requestId, { consent: 'granted', mode: 'takeover' });
    this.toTerminal(record.terminalId, { type: 'takeover.start', requestId, staffName: staff.displayName });
    this.ok(staff, 'takeover.start', record);
    this.pushQueue();
    return this.view(record);
  }

  endTakeover(staff: Staff, requestId: string): HelpRequestView {
    const record = this.requireRequest(staff, requestId, 'takeover.end');
    const state = this.assist.get(requestId);
    if (state?.mode === 'takeover') {
      this.assist.set(requestId, { consent: state.consent, mode: 'viewing' });
      this.toTerminal(record.terminalId, { type: 'takeover.end', requestId });
    }
    this.ok(staff, 'takeover.end', record);
    this.pushQueue();
    return this.view(record);
  }

  takeoverAnswer(staff: Staff, requestId: string, stepId: string, values: Record<string, AnswerInput>): string {
    const record = this.requireRequest(staff, requestId, 'takeover.answer');
    this.requireConsent(staff, record, 'takeover.answer', 'takeover');
    const commandId = randomUUID();
    this.toTerminal(record.terminalId, { type: 'takeover.answer', requestId, commandId, stepId, values });
    this.ok(staff, 'takeover.answer', record);
    return commandId;
  }

  takeoverNavigate(staff: Staff, requestId: string, action: 'back' | 'step' | 'check', stepId?: string): string {
    const record = this.requireRequest(staff, requestId, 'takeover.navigate');
    this.requireConsent(staff, record, 'takeover.navigate', 'takeover');
    const commandId = randomUUID();
    this.toTerminal(record.terminalId, {
      type: 'takeover.navigate',
      requestId,
      commandId,
      action,
      ...(stepId !== undefined ? { stepId } : {}),
    });
    this.ok(staff, 'takeover.navigate', record);
    return commandId;
  }

  /** Terminals changed (created, revoked): consoles get the new overview. */
  terminalsChanged(): void {
    this.pushTerminals();
  }

  closeAll(): void {
    clearTimeout(this.queueTimer);
    clearTimeout(this.terminalsTimer);
    for (const terminalId of this.reported.keys()) this.persistReported(terminalId);
    for (const socket of this.terminalSockets.values()) socket.terminate();
    for (const client of this.consoles) client.socket.terminate();
    this.terminalSockets.clear();
    this.consoles.clear();
  }
}
