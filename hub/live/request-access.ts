import type { Staff } from '../../contract/hub';
import { HubError } from '../hub-error';
import type { AuditStore } from '../stores/audit-store';
import type { HelpRecord, HelpStore } from '../stores/help-store';

/**
 * Who may act on a help request: the kiosk that made it, or the staff member it is assigned to.
 * Every staff action is audited, refusals too.
 */
export class RequestAccess {
  constructor(private readonly parts: { help: HelpStore; audit: AuditStore }) {}

  /** The request, if this terminal made it. */
  ownRequest(terminalId: string, requestId: string): HelpRecord | undefined {
    const record = this.parts.help.get(requestId);
    return record?.terminalId === terminalId ? record : undefined;
  }

  /** The request, if the caller may act on it (accepted and assigned to them, unless `needAssigned` is false). */
  requireRequest(staff: Staff, requestId: string, action: string, needAssigned = true): HelpRecord {
    const record = this.parts.help.get(requestId);
    if (!record) throw new HubError(404, 'unknown_request');
    if (needAssigned) {
      if (record.state !== 'accepted') this.refuse(staff, action, record, 409, 'not_accepted');
      if (record.assignedStaffId !== staff.staffId) this.refuse(staff, action, record, 403, 'not_assigned');
    }
    return record;
  }

  /** Audits the refusal and throws it as the route's answer. */
  refuse(staff: Staff, action: string, record: HelpRecord, status: number, code: string): never {
    this.audit(staff, action, record, 'refused');
    throw new HubError(status, code);
  }

  /** What the hub did by itself about a staff member's request (they left), audited in their name. */
  system(action: string, record: HelpRecord, staffId: string): void {
    this.parts.audit.write({
      staffId,
      action,
      terminalId: record.terminalId,
      subjectId: record.requestId,
      outcome: 'ok',
    });
  }

  ok(staff: Staff, action: string, record: HelpRecord): void {
    this.audit(staff, action, record, 'ok');
  }

  private audit(staff: Staff, action: string, record: HelpRecord, outcome: 'ok' | 'refused'): void {
    this.parts.audit.write({
      staffId: staff.staffId,
      action,
      terminalId: record.terminalId,
      subjectId: record.requestId,
      outcome,
    });
  }
}
