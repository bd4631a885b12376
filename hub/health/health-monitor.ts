import {
  ALERT_KINDS,
  implausibleHealth,
  type AlertKind,
  type AlertView,
  type HealthRefusal,
  type HealthReport,
  type Staff,
  type TerminalHealthView,
} from '../../contract/hub';
import type { Logger } from '../../core/types';
import { HubError } from '../hub-error';
import type { AlertRecord, AlertStore } from '../stores/alert-store';
import type { AuditStore } from '../stores/audit-store';
import type { HealthStore } from '../stores/health-store';
import type { StaffStore } from '../stores/staff-store';
import type { TerminalStore } from '../stores/terminal-store';
import { Serial } from '../serial';
import { WindowLimiter } from '../window-limiter';
import { alertConditions, offlineStillHolds, type AlertRuleSettings } from './alert-rules';

export interface HealthMonitorParts {
  now: () => number;
  terminals: TerminalStore;
  staff: StaffStore;
  audit: AuditStore;
  store: HealthStore;
  alerts: AlertStore;
  rules: AlertRuleSettings;
  logger: Logger;
  isOnline(terminalId: string): boolean;
  /** When the hub last heard from a connected terminal (newer than the database while it is connected). */
  lastContact(terminalId: string): number | null;
  /** Alerts were raised (each gets its cue on the consoles) or cleared: push the lists. */
  changed(raised: AlertView[]): Promise<void>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Terminal health (issue 20): keeps each terminal's latest report, refuses implausible ones and reports from
 * revoked terminals (logged and audited with a code, never the report), and runs the alert rules on each report
 * and on the hub's timer: an alert is raised once, cleared when its condition ends, acknowledged by staff.
 */
export class HealthMonitor {
  /** A broken kiosk repeating a bad report once a minute is audited once an hour, and logged each time. */
  private readonly refusalAudits: WindowLimiter;
  /** Rule runs read the open alerts, then raise or clear: one at a time, so none raises an alert twice. */
  private readonly runs = new Serial();

  constructor(private readonly parts: HealthMonitorParts) {
    this.refusalAudits = new WindowLimiter(1, 3_600_000, parts.now);
  }

  /** Whether the report was taken. */
  async onReport(terminalId: string, report: HealthReport): Promise<boolean> {
    const terminal = await this.parts.terminals.get(terminalId);
    const refusal = !terminal || terminal.revoked ? 'revoked' : implausibleHealth(report, this.parts.now());
    if (refusal) {
      await this.refuse(terminalId, refusal);
      return false;
    }
    await this.parts.store.save(terminalId, report, this.parts.now());
    await this.evaluate([terminalId]);
    return true;
  }

  /** A frame of type `health` that failed the contract's bounds (terminal-routes.ts). */
  async refuse(terminalId: string, code: HealthRefusal): Promise<void> {
    this.parts.logger.warn('health.refused', { terminalId, code });
    if (this.refusalAudits.hit(`${terminalId}\0${code}`) === 0)
      await this.parts.audit.write({ staffId: null, action: 'terminal.health', terminalId, outcome: 'refused' });
  }

  /** Runs the rules for the given terminals (default: all) and raises or clears alerts. */
  evaluate(terminalIds?: readonly string[]): Promise<void> {
    return this.runs.run(() => this.runRules(terminalIds));
  }

  private async runRules(terminalIds?: readonly string[]): Promise<void> {
    const now = this.parts.now();
    const open = this.parts.alerts.open();
    const ids = terminalIds ?? (await this.parts.terminals.list()).map((terminal) => terminal.terminalId);
    const raised: AlertView[] = [];
    let cleared = false;
    for (const terminalId of ids) {
      const terminal = await this.parts.terminals.get(terminalId);
      const openKinds = new Set(open.filter((alert) => alert.terminalId === terminalId).map((alert) => alert.kind));
      if (!terminal || terminal.revoked || !terminal.enrolled) {
        // A revoked terminal is no longer watched: its alerts end with it.
        for (const kind of openKinds) cleared = this.parts.alerts.clear(terminalId, kind) || cleared;
        continue;
      }
      const condition = {
        online: this.parts.isOnline(terminalId),
        lastContact: this.parts.lastContact(terminalId) ?? terminal.lastContact,
        report: (await this.parts.store.get(terminalId))?.report,
      };
      const holds = alertConditions(condition, this.parts.rules, now);
      if (openKinds.has('offline') && offlineStillHolds(condition)) holds.add('offline');
      for (const kind of ALERT_KINDS) {
        if (holds.has(kind) && !openKinds.has(kind)) {
          const alert = this.parts.alerts.raise(terminalId, kind);
          if (alert) {
            this.parts.logger.info('health.alert_raised', { terminalId, code: kind });
            raised.push(await this.view(alert));
          }
        } else if (!holds.has(kind) && openKinds.has(kind)) {
          cleared = this.parts.alerts.clear(terminalId, kind) || cleared;
          this.parts.logger.info('health.alert_cleared', { terminalId, code: kind });
        }
      }
    }
    if (raised.length > 0 || cleared) await this.parts.changed(raised);
  }

  async acknowledge(staff: Staff, alertId: string): Promise<AlertView> {
    const alert = this.parts.alerts.acknowledge(alertId, staff.staffId);
    await this.parts.audit.write({
      staffId: staff.staffId,
      action: 'alert.acknowledge',
      terminalId: alert?.terminalId ?? null,
      subjectId: alertId,
      outcome: alert ? 'ok' : 'refused',
    });
    if (!alert) throw new HubError(404, 'not_found');
    await this.parts.changed([]);
    return this.view(alert);
  }

  /** Open alerts, newest first. */
  alerts(): Promise<AlertView[]> {
    return Promise.all(this.parts.alerts.open().map((alert) => this.view(alert)));
  }

  /** Every terminal's latest report, for the overview. */
  async healthByTerminal(): Promise<(terminalId: string) => TerminalHealthView | null> {
    const all = await this.parts.store.all();
    return (terminalId) => {
      const stored = all.get(terminalId);
      return stored ? { ...stored.report, receivedAt: new Date(stored.receivedAt).toISOString() } : null;
    };
  }

  private async view(alert: AlertRecord): Promise<AlertView> {
    const terminal = await this.parts.terminals.get(alert.terminalId);
    const by = alert.acknowledgedBy ? await this.parts.staff.byId(alert.acknowledgedBy) : undefined;
    return {
      alertId: alert.alertId,
      terminalId: alert.terminalId,
      terminalName: terminal?.name ?? '',
      location: terminal?.location ?? '',
      kind: alert.kind as AlertKind,
      raisedAt: new Date(alert.raisedAt).toISOString(),
      clearedAt: iso(alert.clearedAt),
      acknowledgedAt: iso(alert.acknowledgedAt),
      acknowledgedBy: by ? { staffId: by.staffId, displayName: by.displayName } : null,
    };
  }
}
