import type { HelpRequestBody, HelpRequestView, Staff } from '../../contract/hub';
import type { SqlClient } from '../db/sql-client';
import { HubError } from '../hub-error';
import type { HelpRecord, HelpStore } from '../stores/help-store';
import type { StaffStore } from '../stores/staff-store';
import type { AssistRelay } from './assist-relay';
import type { ConsoleConnections } from './console-connections';
import type { RequestAccess } from './request-access';
import type { TerminalConnections } from './terminal-connections';

/**
 * Help requests between kiosks and staff: a kiosk asks or cancels, staff accept, resolve or hand
 * it to a colleague, and the kiosk is told each time. The queue is in the help store.
 */
export class HelpRelay {
  constructor(
    private readonly parts: {
      sql: SqlClient;
      help: HelpStore;
      staff: StaffStore;
      access: RequestAccess;
      assist: AssistRelay;
      terminals: TerminalConnections;
      consoles: ConsoleConnections;
      view(record: HelpRecord): Promise<HelpRequestView>;
    },
  ) {}

  // ---- from the kiosk ------------------------------------------------------------------------------------

  /**
   * A new request goes to every console at once; one the hub has already gets its state told again. A
   * terminal has one open request at most: a new one replaces the one still open (a kiosk asks again only
   * when the hub missed its cancel), so a flooding terminal fills one line of the queue and rings once.
   */
  async onRequest(terminalId: string, request: HelpRequestBody): Promise<void> {
    const { help, terminals, consoles } = this.parts;
    const inserted = await help.insert(terminalId, request);
    const record = await help.get(request.requestId);
    if (!record || record.terminalId !== terminalId) return;
    if (inserted) {
      const replaced = (await help.openForTerminal(terminalId)).filter((open) => open.requestId !== record.requestId);
      for (const old of replaced) {
        this.parts.assist.end(old, 'resident');
        await help.setState(old.requestId, 'cancelled');
      }
      terminals.send(terminalId, { type: 'help.queued', requestId: record.requestId });
      if (replaced.length === 0) consoles.broadcast({ type: 'help.new', request: await this.parts.view(record) });
      consoles.pushQueue();
    } else {
      await this.tellKioskState(record);
    }
  }

  async onCancel(terminalId: string, requestId: string): Promise<void> {
    const record = await this.parts.access.ownRequest(terminalId, requestId);
    if (!record || (record.state !== 'waiting' && record.state !== 'accepted')) return;
    this.parts.assist.end(record, 'resident');
    await this.parts.help.setState(record.requestId, 'cancelled');
    this.parts.consoles.pushQueue();
  }

  /** After a reconnect: requests the kiosk still has go on (or are queued anew); open ones it forgot are cancelled. */
  async reconcile(terminalId: string, openRequests: HelpRequestBody[]): Promise<void> {
    const listed = new Set(openRequests.map((request) => request.requestId));
    let changed = false;
    for (const record of await this.parts.help.openForTerminal(terminalId)) {
      if (!listed.has(record.requestId)) {
        this.parts.assist.forget(record.requestId);
        await this.parts.help.setState(record.requestId, 'cancelled');
        changed = true;
      }
    }
    for (const request of openRequests) await this.onRequest(terminalId, request);
    if (changed) this.parts.consoles.pushQueue();
  }

  /** A revoked terminal's open requests are cancelled (consoles are told by the caller). */
  async cancelForTerminal(terminalId: string): Promise<void> {
    for (const record of await this.parts.help.openForTerminal(terminalId))
      await this.parts.help.setState(record.requestId, 'cancelled');
  }

  /**
   * The staff member's consoles all closed and none came back (HubOptions.staffGoneGraceMs): their live views
   * end on the kiosks (the banner goes), and their requests go back to the queue, with the alert, for a
   * colleague; the kiosk is told that it waits again.
   */
  async staffGone(staffId: string): Promise<void> {
    const { help, terminals, consoles } = this.parts;
    let changed = false;
    for (const record of await help.open()) {
      if (record.state !== 'accepted' || record.assignedStaffId !== staffId) continue;
      this.parts.assist.stopLive(record);
      // Back to the queue and audited together; not if a colleague took it over meanwhile.
      const queued = await this.parts.sql.transaction(async (tx) => {
        const current = await help.get(record.requestId, tx);
        if (current?.state !== 'accepted' || current.assignedStaffId !== staffId) return undefined;
        const updated = (await help.setState(record.requestId, 'waiting', null, tx))!;
        await this.parts.access.system('help.staff_gone', updated, staffId, tx);
        return updated;
      });
      if (!queued) continue;
      terminals.send(queued.terminalId, { type: 'help.queued', requestId: queued.requestId });
      consoles.broadcast({ type: 'help.new', request: await this.parts.view(queued) });
      changed = true;
    }
    if (changed) consoles.pushQueue();
  }

  private async tellKioskState(record: HelpRecord): Promise<void> {
    const { terminals } = this.parts;
    if (record.state === 'waiting')
      terminals.send(record.terminalId, { type: 'help.queued', requestId: record.requestId });
    else if (record.state === 'accepted' && record.assignedStaffId) {
      const staff = await this.parts.staff.byId(record.assignedStaffId);
      if (staff)
        terminals.send(record.terminalId, {
          type: 'help.accepted',
          requestId: record.requestId,
          staffName: staff.displayName,
        });
    } else terminals.send(record.terminalId, { type: 'help.resolved', requestId: record.requestId });
  }

  // ---- staff actions -------------------------------------------------------------------------------------

  async accept(staff: Staff, requestId: string): Promise<HelpRequestView> {
    const updated = await this.parts.access.change(staff, requestId, 'help.accept', {
      needAssigned: false,
      refusal: (record) => (record.state !== 'waiting' ? { status: 409, code: 'not_waiting' } : undefined),
      state: 'accepted',
      assignedStaffId: staff.staffId,
    });
    this.parts.terminals.send(updated.terminalId, { type: 'help.accepted', requestId, staffName: staff.displayName });
    this.parts.consoles.pushQueue();
    return this.parts.view(updated);
  }

  async resolve(staff: Staff, requestId: string): Promise<HelpRequestView> {
    const record = await this.parts.access.requireRequest(staff, requestId, 'help.resolve');
    this.parts.assist.stopLive(record);
    const updated = await this.parts.access.change(staff, requestId, 'help.resolve', {
      needAssigned: true,
      state: 'resolved',
    });
    this.parts.terminals.send(updated.terminalId, { type: 'help.resolved', requestId });
    this.parts.consoles.pushQueue();
    return this.parts.view(updated);
  }

  async transfer(staff: Staff, requestId: string, toStaffId: string): Promise<HelpRequestView> {
    const record = await this.parts.access.requireRequest(staff, requestId, 'help.transfer');
    const colleague = await this.parts.staff.account(toStaffId);
    // A disabled account has no console to take it: the request would wait for nobody.
    if (!colleague || colleague.disabled) throw new HubError(404, 'unknown_staff');
    // The resident agreed to be seen by one person: a colleague asks again.
    this.parts.assist.stopLive(record);
    const updated = await this.parts.access.change(staff, requestId, 'help.transfer', {
      needAssigned: true,
      state: 'accepted',
      assignedStaffId: colleague.staffId,
    });
    this.parts.terminals.send(updated.terminalId, {
      type: 'help.accepted',
      requestId,
      staffName: colleague.displayName,
    });
    this.parts.consoles.pushQueue();
    return this.parts.view(updated);
  }
}
