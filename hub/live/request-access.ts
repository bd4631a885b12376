import type { Staff } from '../../contract/hub';
import type { SqlClient, SqlExecutor } from '../db/sql-client';
import { HubError } from '../hub-error';
import type { AuditStore } from '../stores/audit-store';
import type { HelpRecord, HelpState, HelpStore } from '../stores/help-store';

type Refusal = { status: number; code: string };

/**
 * Who may act on a help request: the kiosk that made it, or the staff member it is assigned to.
 * Every staff action is audited, refusals too; a change of state is written in one transaction with its audit
 * entry (`change`), so neither is there without the other.
 */
export class RequestAccess {
  constructor(private readonly parts: { sql: SqlClient; help: HelpStore; audit: AuditStore }) {}

  /** The request, if this terminal made it. */
  async ownRequest(terminalId: string, requestId: string): Promise<HelpRecord | undefined> {
    const record = await this.parts.help.get(requestId);
    return record?.terminalId === terminalId ? record : undefined;
  }

  /** The request, if the caller may act on it (accepted and assigned to them, unless `needAssigned` is false). */
  async requireRequest(staff: Staff, requestId: string, action: string, needAssigned = true): Promise<HelpRecord> {
    const record = await this.parts.help.get(requestId);
    if (!record) throw new HubError(404, 'unknown_request');
    const refusal = needAssigned ? assignedRefusal(staff, record) : undefined;
    if (refusal) return this.refuse(staff, action, record, refusal.status, refusal.code);
    return record;
  }

  /**
   * Checks the request and changes its state in one transaction with the audit entry: `refusal` (besides the
   * assignment, when `needAssigned`) refuses on the record as it is inside the transaction, so two colleagues
   * accepting at once (or on two instances) cannot both get it.
   */
  async change(
    staff: Staff,
    requestId: string,
    action: string,
    change: {
      needAssigned: boolean;
      refusal?: (record: HelpRecord) => Refusal | undefined;
      state: HelpState;
      assignedStaffId?: string | null;
    },
  ): Promise<HelpRecord> {
    const outcome = await this.parts.sql.transaction(async (tx) => {
      const record = await this.parts.help.get(requestId, tx);
      if (!record) return { refusal: { status: 404, code: 'unknown_request' } };
      const refusal = (change.needAssigned ? assignedRefusal(staff, record) : undefined) ?? change.refusal?.(record);
      if (refusal) {
        await this.audit(staff, action, record, 'refused', tx);
        return { refusal };
      }
      const updated = (await this.parts.help.setState(requestId, change.state, change.assignedStaffId, tx))!;
      await this.audit(staff, action, updated, 'ok', tx);
      return { updated };
    });
    if (outcome.refusal) throw new HubError(outcome.refusal.status, outcome.refusal.code);
    return outcome.updated!;
  }

  /** Audits the refusal and throws it as the route's answer. */
  async refuse(staff: Staff, action: string, record: HelpRecord, status: number, code: string): Promise<never> {
    await this.audit(staff, action, record, 'refused');
    throw new HubError(status, code);
  }

  /** What the hub did by itself about a staff member's request (they left), audited in their name. */
  system(action: string, record: HelpRecord, staffId: string, tx?: SqlExecutor): Promise<void> {
    return this.parts.audit.write(
      { staffId, action, terminalId: record.terminalId, subjectId: record.requestId, outcome: 'ok' },
      tx,
    );
  }

  ok(staff: Staff, action: string, record: HelpRecord): Promise<void> {
    return this.audit(staff, action, record, 'ok');
  }

  private audit(
    staff: Staff,
    action: string,
    record: HelpRecord,
    outcome: 'ok' | 'refused',
    tx?: SqlExecutor,
  ): Promise<void> {
    return this.parts.audit.write(
      { staffId: staff.staffId, action, terminalId: record.terminalId, subjectId: record.requestId, outcome },
      tx,
    );
  }
}

function assignedRefusal(staff: Staff, record: HelpRecord): Refusal | undefined {
  if (record.state !== 'accepted') return { status: 409, code: 'not_accepted' };
  if (record.assignedStaffId !== staff.staffId) return { status: 403, code: 'not_assigned' };
  return undefined;
}
