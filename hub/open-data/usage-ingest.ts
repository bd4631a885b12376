import type { HubToTerminal } from '../../contract/hub/terminal-protocol';
import { UsageDate, type UsageDay, type UsageRefusalCode } from '../../contract/usage';
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

/** What the terminal is told about its report: the revision now stored, or that this revision was refused. */
export type UsageAnswer = Extract<HubToTerminal, { type: 'usage.stored' | 'usage.refused' }>;

/**
 * A terminal's `usage.report` (issue 18): checked, stored per terminal and day (the highest revision wins, so a
 * replay changes nothing) with the terminal's location, and answered with the revision now stored. A refused one
 * gets an audit entry naming only the terminal and a code, and is answered with the code, so the kiosk does not send
 * that revision again after every session (each time another audit entry); a revoked terminal is told nothing.
 */
export class UsageIngest {
  private lastPrune = Number.NEGATIVE_INFINITY;

  constructor(private readonly parts: UsageIngestParts) {}

  /** The answer to send, or undefined for a revoked terminal. */
  async receive(terminalId: string, report: UsageDay): Promise<UsageAnswer | undefined> {
    const { parts } = this;
    const terminal = await parts.terminals.get(terminalId);
    if (!terminal || terminal.revoked) {
      await this.audit(terminalId, 'revoked');
      return undefined;
    }
    const problem = usageRefusal(report, townDay(parts.now()), parts.retentionDays, parts.directory());
    if (problem) return this.refuse(terminalId, report.day, report.revision, problem);
    const stored = parts.usage.revision(terminalId, report.day);
    if (stored !== undefined && stored >= report.revision) {
      // Sent again after a reconnect (equal) or overtaken (lower): nothing changes; the kiosk may forget it.
      if (stored > report.revision) await this.audit(terminalId, 'stale_revision');
      return { type: 'usage.stored', day: report.day, revision: stored };
    }
    return { type: 'usage.stored', day: report.day, revision: parts.usage.put(terminalId, terminal.location, report) };
  }

  /**
   * The refusal of a report the contract's schema did not accept (e.g. a count above its maximum): answered when
   * its day and revision can be read, so the kiosk stops sending it.
   */
  async malformed(terminalId: string, frame: unknown): Promise<UsageAnswer | undefined> {
    const report = (frame as { report?: { day?: unknown; revision?: unknown } } | null)?.report;
    const day = UsageDate.safeParse(report?.day);
    const revision = Number.isInteger(report?.revision) && (report?.revision as number) >= 1;
    if (!day.success || !revision) {
      await this.audit(terminalId, 'malformed');
      return undefined;
    }
    return this.refuse(terminalId, day.data, report!.revision as number, 'malformed');
  }

  /** Forgets days past the retention, at most once a day. */
  pruneIfDue(): void {
    const now = this.parts.now();
    if (now - this.lastPrune < DAY_MS) return;
    this.lastPrune = now;
    this.parts.usage.prune(addDays(townDay(now), -this.parts.retentionDays));
  }

  private async refuse(
    terminalId: string,
    day: string,
    revision: number,
    code: UsageRefusalCode,
  ): Promise<UsageAnswer> {
    await this.audit(terminalId, code);
    return { type: 'usage.refused', day, revision, code };
  }

  private audit(terminalId: string, code: string): Promise<void> {
    return this.parts.audit.write({
      staffId: null,
      action: 'usage.report',
      terminalId,
      subjectId: code,
      outcome: 'refused',
    });
  }
}
