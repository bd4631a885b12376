import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dayReport, random } from '../../bench/open-data-reports';
import { openHubDb } from '../../hub/db/open-hub-db';
import { SqliteClient } from '../../hub/db/sqlite-client';
import { buildDashboard } from '../../hub/open-data/dashboard';
import { addDays } from '../../hub/open-data/local-day';
import { dailyCsv, monthlyCsv } from '../../hub/open-data/open-data-csv';
import type { DirectoryService, ServiceDirectory } from '../../hub/open-data/service-directory';
import { TerminalStore } from '../../hub/stores/terminal-store';
import { rebuildUsageMonths, UsageStore } from '../../hub/stores/usage-store';

/**
 * The dashboard and the monthly CSV read the sums per terminal and month (usage_months, hub migration 0008) instead
 * of every day. The published figures must be exactly those computed from the days (the path before): random
 * reports over 14 months on 6 terminals, some sent again with a higher revision from a new location, some replayed
 * with a lower one, a retention window that starts mid-month with older days not yet pruned, then a prune, and a
 * rebuild from the days as the migration does it. Real SQLite in a temp dir.
 */

const services: DirectoryService[] = Array.from({ length: 10 }, (_, index) => ({
  serviceId: `service-${index}`,
  leikaKey: index % 3 === 0 ? null : `9900${index}`,
  title: { de: `Leistung ${index}`, en: `Service ${index}` },
  steps: ['a', 'b', 'c', 'd'].slice(0, 2 + (index % 3)).map((stepId) => ({
    stepId,
    title: { de: stepId, en: stepId },
  })),
}));
const directory: ServiceDirectory = { services, byId: new Map(services.map((s) => [s.serviceId, s])) };

const dir = mkdtempSync(join(tmpdir(), 'month-sums-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = openHubDb(dir, () => 0);
const usage = new UsageStore(db, () => 0);
const terminals = new TerminalStore(new SqliteClient(db), () => 0);
const ids: string[] = [];
for (let t = 0; t < 6; t += 1) ids.push((await terminals.create(`Kiosk ${t}`, `Ort ${t % 3}`)).terminal.terminalId);

const next = random(18);
const FIRST = '2025-03-01';
const LAST = '2026-04-30';
for (let day = FIRST; day <= LAST; day = addDays(day, 1))
  ids.forEach((terminalId, t) => {
    if (next() < 0.3) return; // not every terminal reports every day
    const report = dayReport(day, services, next);
    usage.put(terminalId, `Ort ${t % 3}`, report);
    if (next() < 0.1) usage.put(terminalId, `Ort ${(t + 1) % 3}`, { ...dayReport(day, services, next), revision: 2 });
    if (next() < 0.05) usage.put(terminalId, 'Ort 9', { ...dayReport(day, services, next), revision: 1 });
  });

function expectSamePublished(fromDay: string): void {
  const days = usage.list(fromDay);
  const months = usage.months(fromDay);
  // A row per terminal, month and location: far fewer than the days (where there are months of them).
  expect(months.length).toBeLessThanOrEqual(Math.max(days.length / 10, ids.length * 3));
  expect(buildDashboard(months, directory, 0, null)).toEqual(buildDashboard(days, directory, 0, null));
  expect(monthlyCsv(months, directory)).toBe(monthlyCsv(days, directory));
  for (const terminalId of [ids[0]!, ids[4]!]) {
    const terminal = { terminalId, name: 'Kiosk' };
    expect(buildDashboard(usage.months(fromDay, terminalId), directory, 0, terminal)).toEqual(
      buildDashboard(usage.list(fromDay, terminalId), directory, 0, terminal),
    );
  }
}

describe('the figures from the monthly sums are the figures from the days', () => {
  it('over the whole period', () => expectSamePublished(FIRST));

  it('from a day in the middle of a month, the days before it still stored', () => {
    expectSamePublished('2025-04-17');
    expectSamePublished('2026-04-30');
  });

  it('after a prune, and after summing the days afresh as the migration does', () => {
    usage.prune('2025-05-09');
    expectSamePublished('2025-05-09');
    const before = usage.months('2000-01-01');
    rebuildUsageMonths(db);
    expect(usage.months('2000-01-01')).toHaveLength(before.length);
    expectSamePublished('2025-05-09');
    expectSamePublished('2025-05-01');
  });

  it('a daily file from the days of its month alone', () => {
    const inMonth = usage.between('2025-11-01', '2025-12-01');
    expect(dailyCsv(inMonth, '2025-11', directory)).toBe(dailyCsv(usage.list(FIRST), '2025-11', directory));
  });
});
