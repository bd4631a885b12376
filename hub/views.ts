import type { HelpRequestView, Staff, TerminalView } from '../contract/hub';
import type { HelpRecord } from './stores/help-store';
import type { TerminalRecord } from './stores/terminal-store';

export type ConsentState = HelpRequestView['consent'];
export type AssistMode = HelpRequestView['mode'];

/** Consent and mode live in memory only: after a hub restart nobody is watching until the resident says yes again. */
export interface AssistState {
  consent: ConsentState;
  mode: AssistMode;
}

export const NO_ASSIST: AssistState = { consent: 'none', mode: 'none' };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function terminalView(record: TerminalRecord, online: boolean): TerminalView {
  return {
    terminalId: record.terminalId,
    name: record.name,
    location: record.location,
    online,
    lastContact: iso(record.lastContact),
    activity: record.activity,
    outboxBacklog: record.outboxBacklog,
    appVersion: record.appVersion,
    revoked: record.revoked,
    // The live hub adds the latest health report (hub/health/health-monitor.ts).
    health: null,
  };
}

export function helpView(
  record: HelpRecord,
  terminal: TerminalRecord | undefined,
  assigned: Staff | undefined,
  assist: AssistState,
): HelpRequestView {
  return {
    requestId: record.requestId,
    terminalId: record.terminalId,
    terminalName: terminal?.name ?? '',
    location: terminal?.location ?? '',
    reason: record.reason,
    activity: record.activity,
    since: record.since,
    state: record.state,
    assignedTo: assigned ? { staffId: assigned.staffId, displayName: assigned.displayName } : null,
    consent: assist.consent,
    mode: assist.mode,
  };
}
