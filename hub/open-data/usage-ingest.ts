import type { UsageDay } from '../../contract/usage';
import type { AuditStore } from '../stores/audit-store';
import type { TerminalStore } from '../stores/terminal-store';
import type { UsageStore } from '../stores/usage-store';
import { addDays, townDay } from './local-day';
import type { ServiceDirectory } from './service-directory';
import { usageRefusal } from './usage-check';

export const DEFAULT_USAGE_RETENTION_DAYS = 400;
const DAY_MS = 24 * 60 * 60_000;

export interface UsageIngestParts {
  now: () => number;
  usage: UsageStore;
  terminals: TerminalStore;
  audit: AuditStore;
  directory: () => ServiceDirectory;
  retentionDays: number;
}

/**
 * A terminal's `usage.report` (issue 18): checked, stored per terminal and day (the highest revision wins, so a
 * replay changes nothing) with the terminal's location, and answered with the revision now stored. A refused one
 * gets no answer and an audit entry naming only the terminal and a code.
 */
export class UsageIngest {
  private lastPrune = Number.NEGATIVE_INFINITY;

  constructor(private readonly parts: UsageIngestParts) {}

  /** The revision to acknowledge, or undefined when refused. */
  receive(terminalId: string, report: UsageDay): number | undefined {
    const { parts } = this;
    const terminal = parts.terminals.get(terminalId);
    if (!terminal || terminal.revoked) return this.refuse(terminalId, 'revoked');
    const problem = usageRefusal(report, townDay(parts.now()), parts.retentionDays, parts.directory());
    if (problem) return this.refuse(terminalId, problem);
    const stored = parts.usage.revision(terminalId, report.day);
    if (stored !== undefined && stored >= report.revision) {
      // Sent again after a reconnect (equal) or overtaken (lower): nothing changes; the kiosk may forget it.
      if (stored > report.revision) this.refuse(terminalId, 'stale_revision');
      return stored;
    }
    return parts.usage.put(terminalId, terminal.location, report);
  }

  /** The refusal of a report the contract's schema did not accept (e.g. a count above its maximum). */
  malformed(terminalId: string): void {
    this.refuse(terminalId, 'malformed');
  }

  /** Forgets days past the retention, at most once a day. */
  pruneIfDue(): void {
    const now = this.parts.now();
    if (now - this.lastPrune < DAY_MS) return;
    this.lastPrune = now;
    this.parts.usage.prune(addDays(townDay(now), -this.parts.retentionDays));
  }

  private refuse(terminalId: string, code: string): undefined {
    this.parts.audit.write({ staffId: null, action: 'usage.report', terminalId, subjectId: code, outcome: 'refused' });
    return undefined;
  }
}
