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
import { createMemoryLogger } from '../../core/logging';
import { OPEN_DATA_LAG_MS, OpenDataPublisher } from '../../hub/open-data/publisher';
import { PublishedStore } from '../../hub/stores/published-store';

/**
 * The dashboard and the monthly CSV read the sums per terminal and month (usage_months, hub migration 0008) instead
 * of every day. The published figures must be exactly those computed from the days (the path before): random
 * reports over 14 months on 6 terminals, some sent again with a higher revision from a new location, some replayed
 * with a lower one, a retention window that starts mid-month with older days not yet pruned, then a prune, and a
 * rebuild from the days as the migration does it. Real SQLite in a temp dir. The hub publishes them from its worker
 * thread (publisher.ts, on its own connection): the same figures again, swapped whole, and kept for a restart.
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

describe('the worker publishes the figures from the days', () => {
  let time = Date.UTC(2026, 4, 2, 10);
  const parts = (store: PublishedStore) => ({
    dbFile: join(dir, 'hub.db'),
    store,
    usage,
    now: () => time,
    fromDay: () => '2025-05-09',
    directory: () => directory,
    logger: createMemoryLogger(),
  });
  const fromDays = (generatedAt: number) => ({
    dashboard: buildDashboard(usage.list('2025-05-09'), directory, generatedAt, null),
    csv: monthlyCsv(usage.list('2025-05-09'), directory),
  });

  it('the dashboard, the monthly and a daily CSV, one terminal; a change served after the lag; kept for a restart', async () => {
    const publisher = new OpenDataPublisher(parts(new PublishedStore(db)));
    try {
      const first = await publisher.town();
      const expected = fromDays(time);
      expect(JSON.parse((await first.dashboard.plain()).toString())).toEqual(expected.dashboard);
      expect((await first.monthlyCsv.plain()).toString()).toBe(expected.csv);
      expect(first.meta.months).toEqual([...new Set(usage.list('2025-05-09').map((d) => d.report.day.slice(0, 7)))]);
      const daily = await publisher.dailyCsv(first, '2025-11');
      expect((await daily.plain()).toString()).toBe(dailyCsv(usage.list(FIRST), '2025-11', directory));
      const terminal = { terminalId: ids[4]!, name: 'Kiosk' };
      expect(JSON.parse(await publisher.terminal(ids[4]!, 'Kiosk'))).toEqual(
        buildDashboard(usage.list('2025-05-09', ids[4]), directory, time, terminal),
      );

      // A new report: within the lag the figures before it are served at once, whole; past it, the new ones.
      usage.put(ids[1]!, 'Ort 1', { ...dayReport('2026-04-30', services, next), revision: 7 });
      expect(await publisher.town()).toBe(first);
      time += OPEN_DATA_LAG_MS;
      const second = await publisher.town();
      expect(second.generation).toBeGreaterThan(first.generation);
      const after = fromDays(second.meta.generatedAt);
      expect(JSON.parse((await second.dashboard.plain()).toString())).toEqual(after.dashboard);
      expect((await second.monthlyCsv.plain()).toString()).toBe(after.csv);
      expect(after.csv).not.toBe(expected.csv);
    } finally {
      await publisher.close();
    }
    // A restarted hub serves the kept publication at once (before its worker has computed anything).
    const restarted = new OpenDataPublisher(parts(new PublishedStore(db)));
    try {
      const kept = await restarted.town();
      expect((await kept.monthlyCsv.plain()).toString()).toBe(fromDays(0).csv);
    } finally {
      await restarted.close();
    }
  });
});
