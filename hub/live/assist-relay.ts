import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AnswerInput } from '../../contract/answers';
import type { GuideTarget, Staff, TerminalToHub } from '../../contract/hub';
import type { AuditStore } from '../stores/audit-store';
import type { HelpRecord, HelpStore } from '../stores/help-store';
import type { AssistState } from '../views';
import type { ConsoleConnections } from './console-connections';
import type { RequestAccess } from './request-access';
import type { TerminalConnections } from './terminal-connections';

type Message<T extends TerminalToHub['type']> = Extract<TerminalToHub, { type: T }>;

/**
 * Consent, live view, guide and takeover between a kiosk and the staff member its request is assigned
 * to. Consent and snapshots exist only here, in memory: a snapshot is forwarded to that staff member's
 * consoles while consent is granted, audited, and never stored.
 */
export class AssistRelay {
  private readonly assist = new Map<string, AssistState>();

  constructor(
    private readonly parts: {
      help: HelpStore;
      audit: AuditStore;
      access: RequestAccess;
      terminals: TerminalConnections;
      consoles: ConsoleConnections;
    },
  ) {}

  stateOf(requestId: string): AssistState | undefined {
    return this.assist.get(requestId);
  }

  /** A request the kiosk no longer has: its assist goes without telling anyone. */
  forget(requestId: string): void {
    this.assist.delete(requestId);
  }

  // ---- from the kiosk ------------------------------------------------------------------------------------

  async onConsentAnswer(terminalId: string, requestId: string, granted: boolean): Promise<void> {
    const record = await this.parts.access.ownRequest(terminalId, requestId);
    const state = record && this.assist.get(requestId);
    if (!record || record.state !== 'accepted' || state?.consent !== 'asked') return;
    this.assist.set(
      requestId,
      granted ? { consent: 'granted', mode: 'viewing' } : { consent: 'declined', mode: 'none' },
    );
    await this.parts.audit.write({
      staffId: record.assignedStaffId,
      action: granted ? 'consent.granted' : 'consent.declined',
      terminalId,
      subjectId: requestId,
      outcome: 'ok',
    });
    this.parts.consoles.pushQueue();
  }

  async onSnapshot(terminalId: string, message: Message<'live.snapshot'>): Promise<void> {
    const record = await this.parts.access.ownRequest(terminalId, message.requestId);
    const state = record && this.assist.get(message.requestId);
    // Nothing of the resident's passes unless they said yes, to the one staff member who asked.
    if (!record || record.state !== 'accepted' || !record.assignedStaffId || state?.consent !== 'granted') return;
    const delivered = this.parts.consoles.toStaff(record.assignedStaffId, {
      type: 'live.snapshot',
      requestId: message.requestId,
      snapshot: message.snapshot,
    });
    if (delivered > 0)
      await this.parts.audit.write({
        staffId: record.assignedStaffId,
        action: 'live.view',
        terminalId,
        subjectId: message.requestId,
        outcome: 'ok',
      });
  }

  /** The resident (or the end of their session) stopped the live view. */
  async onStopped(terminalId: string, message: Message<'live.stopped'>): Promise<void> {
    const record = await this.parts.access.ownRequest(terminalId, message.requestId);
    if (record) this.end(record, message.by);
    this.parts.consoles.pushQueue();
  }

  async onTakeoverResult(terminalId: string, message: Message<'takeover.result'>): Promise<void> {
    const record = await this.parts.access.ownRequest(terminalId, message.requestId);
    const state = record && this.assist.get(record.requestId);
    if (!record?.assignedStaffId || state?.mode !== 'takeover') return;
    this.parts.consoles.toStaff(record.assignedStaffId, {
      type: 'takeover.result',
      requestId: message.requestId,
      commandId: message.commandId,
      ok: message.ok,
      ...(message.errorCode !== undefined ? { errorCode: message.errorCode } : {}),
      ...(message.fieldErrors !== undefined ? { fieldErrors: message.fieldErrors } : {}),
    });
  }

  /** Assist ends without telling the kiosk (it ended it, or it is gone); the staff member's console is told. */
  end(record: HelpRecord, by: 'resident' | 'session_end' | 'staff'): void {
    const state = this.assist.get(record.requestId);
    if (!state || (state.consent === 'none' && state.mode === 'none')) return;
    this.assist.delete(record.requestId);
    if (record.assignedStaffId && state.consent !== 'declined')
      this.parts.consoles.toStaff(record.assignedStaffId, { type: 'live.stopped', requestId: record.requestId, by });
  }

  async endForTerminal(terminalId: string, by: 'session_end'): Promise<void> {
    for (const record of await this.parts.help.openForTerminal(terminalId)) this.end(record, by);
  }

  /** Staff side: the kiosk drops its banner and any takeover; consent must be asked again. */
  stopLive(record: HelpRecord): void {
    const state = this.assist.get(record.requestId);
    if (!state) return;
    if (state.mode === 'takeover')
      this.parts.terminals.send(record.terminalId, { type: 'takeover.end', requestId: record.requestId });
    if (state.consent === 'granted' || state.consent === 'asked')
      this.parts.terminals.send(record.terminalId, { type: 'live.end', requestId: record.requestId });
    this.end(record, 'staff');
  }

  // ---- staff actions (each returns the request, for its view) -------------------------------------------

  async requestConsent(staff: Staff, requestId: string): Promise<HelpRecord> {
    const { access, terminals } = this.parts;
    const record = await access.requireRequest(staff, requestId, 'consent.request');
    if (!terminals.send(record.terminalId, { type: 'consent.request', requestId, staffName: staff.displayName }))
      await access.refuse(staff, 'consent.request', record, 409, 'terminal_offline');
    this.assist.set(requestId, { consent: 'asked', mode: 'none' });
    await access.ok(staff, 'consent.request', record);
    this.parts.consoles.pushQueue();
    return record;
  }

  async endLive(staff: Staff, requestId: string): Promise<HelpRecord> {
    const record = await this.parts.access.requireRequest(staff, requestId, 'live.end');
    this.stopLive(record);
    await this.parts.access.ok(staff, 'live.end', record);
    this.parts.consoles.pushQueue();
    return record;
  }

  async guide(staff: Staff, requestId: string, target: z.infer<typeof GuideTarget>): Promise<void> {
    const record = await this.parts.access.requireRequest(staff, requestId, 'guide');
    await this.requireConsent(staff, record, 'guide');
    this.parts.terminals.send(record.terminalId, { type: 'guide.highlight', requestId, target });
    await this.parts.access.ok(staff, 'guide', record);
  }

  async startTakeover(staff: Staff, requestId: string): Promise<HelpRecord> {
    const record = await this.parts.access.requireRequest(staff, requestId, 'takeover.start');
    await this.requireConsent(staff, record, 'takeover.start');
    this.assist.set(requestId, { consent: 'granted', mode: 'takeover' });
    this.parts.terminals.send(record.terminalId, { type: 'takeover.start', requestId, staffName: staff.displayName });
    await this.parts.access.ok(staff, 'takeover.start', record);
    this.parts.consoles.pushQueue();
    return record;
  }

  async endTakeover(staff: Staff, requestId: string): Promise<HelpRecord> {
    const record = await this.parts.access.requireRequest(staff, requestId, 'takeover.end');
    const state = this.assist.get(requestId);
    if (state?.mode === 'takeover') {
      this.assist.set(requestId, { consent: state.consent, mode: 'viewing' });
      this.parts.terminals.send(record.terminalId, { type: 'takeover.end', requestId });
    }
    await this.parts.access.ok(staff, 'takeover.end', record);
    this.parts.consoles.pushQueue();
    return record;
  }

  /** The command's id; its result comes back from the kiosk as takeover.result. */
  async takeoverAnswer(
    staff: Staff,
    requestId: string,
    stepId: string,
    values: Record<string, AnswerInput>,
  ): Promise<string> {
    const record = await this.parts.access.requireRequest(staff, requestId, 'takeover.answer');
    await this.requireConsent(staff, record, 'takeover.answer', 'takeover');
    const commandId = randomUUID();
    this.parts.terminals.send(record.terminalId, { type: 'takeover.answer', requestId, commandId, stepId, values });
    await this.parts.access.ok(staff, 'takeover.answer', record);
    return commandId;
  }

  async takeoverNavigate(
    staff: Staff,
    requestId: string,
    action: 'back' | 'step' | 'check',
    stepId?: string,
  ): Promise<string> {
    const record = await this.parts.access.requireRequest(staff, requestId, 'takeover.navigate');
    await this.requireConsent(staff, record, 'takeover.navigate', 'takeover');
    const commandId = randomUUID();
    this.parts.terminals.send(record.terminalId, {
      type: 'takeover.navigate',
      requestId,
      commandId,
      action,
      ...(stepId !== undefined ? { stepId } : {}),
    });
    await this.parts.access.ok(staff, 'takeover.navigate', record);
    return commandId;
  }

  private async requireConsent(staff: Staff, record: HelpRecord, action: string, mode?: 'takeover'): Promise<void> {
    const state = this.assist.get(record.requestId);
    if (state?.consent !== 'granted' || (mode && state.mode !== mode))
      await this.parts.access.refuse(staff, action, record, 409, mode ? 'no_takeover' : 'no_consent');
  }
}
