import type { OpeningHours } from '../../contract';
import type { AlertKind, HealthReport } from '../../contract/hub';
import { officeOpening } from '../../core/offices/opening';

/** The thresholds of the alert rules (issue 20); HubOptions.health sets them. */
export interface AlertRuleSettings {
  /** Offline this long during opening hours raises `offline`. Default 5 minutes. */
  offlineAfterMs: number;
  /** An application waiting this long raises `outbox`. Default 30 minutes. */
  outboxAgeMs: number;
  /** Less free disk than this raises `disk`. Default 1 GiB. */
  minFreeDiskBytes: number;
  /**
   * When the terminals are expected to be on: the `offline` rule counts only then. Undefined: always (a hub that
   * knows no hours alerts at night too rather than never).
   */
  openingHours: OpeningHours | undefined;
}

export const DEFAULT_ALERT_RULES: AlertRuleSettings = {
  offlineAfterMs: 5 * 60_000,
  outboxAgeMs: 30 * 60_000,
  minFreeDiskBytes: 2 ** 30,
  openingHours: undefined,
};

export interface TerminalCondition {
  online: boolean;
  /** The hub's last contact with the terminal (for an offline one: when it went). Null: never connected. */
  lastContact: number | null;
  report: HealthReport | undefined;
}

function withinHours(hours: OpeningHours | undefined, nowMs: number): boolean {
  return hours === undefined || officeOpening(hours, nowMs)?.openNow === true;
}

/** Which alert conditions hold for one enrolled, unrevoked terminal now. Pure. */
export function alertConditions(terminal: TerminalCondition, rules: AlertRuleSettings, nowMs: number): Set<AlertKind> {
  const holds = new Set<AlertKind>();
  if (
    !terminal.online &&
    terminal.lastContact !== null &&
    nowMs - terminal.lastContact > rules.offlineAfterMs &&
    withinHours(rules.openingHours, nowMs)
  )
    holds.add('offline');
  const report = terminal.report;
  if (!report) return holds;
  // `absent` is a terminal without a printer and `unknown` one not asked yet: neither is a printer to fix.
  if (report.printer === 'out_of_paper' || report.printer === 'error') holds.add('printer');
  if (report.outbox.oldestAgeSeconds !== null && report.outbox.oldestAgeSeconds * 1000 > rules.outboxAgeMs)
    holds.add('outbox');
  if (report.freeDiskBytes !== null && report.freeDiskBytes < rules.minFreeDiskBytes) holds.add('disk');
  if (report.catalogue.activation === 'failed') holds.add('catalogue');
  return holds;
}

/**
 * Whether an open `offline` alert still holds: only the terminal's return ends it, not the closing hour (staff
 * should find it in the morning).
 */
export function offlineStillHolds(terminal: TerminalCondition): boolean {
  return !terminal.online;
}
