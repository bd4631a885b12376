import type { Staff } from '../../contract/hub';
import { HubError } from '../hub-error';
import type { HandoverRecord, HandoverStore } from '../stores/handover-store';

/**
 * A handover code is bound to the member of staff who opened it (HandoverStore.bind). Opening it again is
 * theirs alone, or an admin's (a takeover, audited as such); submitting and closing are the holder's alone,
 * and never after the code's time is over, whether or not the sweeper has dropped the draft yet.
 */

/** Why `staff` may not open `record` now (undefined: they may); `takeover` when an admin takes it from a colleague. */
export function openRefusal(record: HandoverRecord, staff: Staff): HubError | undefined {
  if (record.openedBy === null || record.openedBy === staff.staffId || staff.role === 'admin') return undefined;
  return new HubError(409, 'handover_held');
}

export function isTakeover(record: HandoverRecord, staff: Staff): boolean {
  return record.openedBy !== null && record.openedBy !== staff.staffId;
}

/** Why `staff` may not submit or close the handover (undefined: they may). */
export function holderRefusal(
  handovers: HandoverStore,
  record: HandoverRecord | undefined,
  staff: Staff,
): HubError | undefined {
  if (!record?.sealedDraft) return new HubError(404, 'unknown_handover');
  if (handovers.expired(record)) return new HubError(410, 'handover_expired');
  if (record.openedBy !== staff.staffId) return new HubError(409, 'handover_held');
  return undefined;
}
