import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageDay } from '../../contract/usage';
import { connectKiosk, type Client } from '../fixtures/hub-harness';
import { usageReport } from '../fixtures/usage-reports';
import { startHelpHub, type HelpHub } from './hub-help-helpers';

/**
 * Usage totals at the hub (issue 18): a terminal's day is stored once per revision (the highest wins, replays
 * change nothing), with the terminal's location; every bad report is refused, stored nowhere and audited with a
 * code only. The hub is the real one (in-process, 127.0.0.1, temp dir, real SQLite) on 15 June 2025 in Stade,
 * with the fixture services test-move (steps name … consent) and test-feedback.
 */

let h: HelpHub;
let kiosk: Client;
beforeAll(async () => {
  h = await startHelpHub();
  kiosk = await connectKiosk(h.t.hub, h.credential);
  await kiosk.next('welcome');
});
afterAll(async () => {
  kiosk.close();
  await h.t.close();
});

const TODAY = '2025-06-15';
const GOOD = { 'test-move': { started: 6, completed: 4, stepsReached: { name: 6, birth: 5 }, givenUp: { birth: 1 } } };

function stored(day: string): { revision: number; location: string; report: string } | undefined {
  const db = new Database(join(h.t.dataDir, 'hub.db'), { readonly: true });
  try {
    return db
      .prepare('SELECT revision, location, report FROM usage_days WHERE terminal_id = ? AND day = ?')
      .get(h.terminalId, day) as { revision: number; location: string; report: string } | undefined;
  } finally {
    db.close();
  }
}

let probeRevision = 0;

/** Sends a report and then a good one for `probeDay`: once the probe is acknowledged, the first has been handled. */
async function sendThenProbe(report: unknown, probeDay: string): Promise<Record<string, unknown>[]> {
  const before = kiosk.of('usage.stored').length;
  probeRevision += 1;
  const revision = probeRevision;
  kiosk.send({ type: 'usage.report', report });
  kiosk.send({ type: 'usage.report', report: usageReport(probeDay, revision, 1) });
  await kiosk.next('usage.stored', (message) => message.day === probeDay && message.revision === revision);
  return kiosk.of('usage.stored').slice(before);
}

async function refusals(): Promise<string[]> {
  const audit = (await h.admin.get('/audit')).body as { action: string; subjectId: string; outcome: string }[];
  return audit.filter((entry) => entry.action === 'usage.report').map((entry) => `${entry.subjectId}:${entry.outcome}`);
}

describe('usage reports at the hub', () => {
  it('stores a day with the terminal location, keeps the highest revision, answers replays with it', async () => {
    kiosk.send({ type: 'usage.report', report: usageReport(TODAY, 1, 6, GOOD) });
    expect(await kiosk.next('usage.stored')).toEqual({ type: 'usage.stored', day: TODAY, revision: 1 });
    expect(stored(TODAY)).toMatchObject({ revision: 1, location: 'Rathaus, Erdgeschoss' });

    kiosk.send({ type: 'usage.report', report: usageReport(TODAY, 2, 7, GOOD) });
    await kiosk.next('usage.stored', (message) => message.revision === 2);
    expect((JSON.parse(stored(TODAY)!.report) as UsageDay).sessions).toBe(7);

    // The same revision again (a resend after a reconnect), and an older one (replayed): nothing changes, the
    // kiosk is told revision 2 is stored; the older one is audited.
    const answers = await sendThenProbe(usageReport(TODAY, 1, 9, GOOD), '2025-06-14');
    expect(answers[0]).toEqual({ type: 'usage.stored', day: TODAY, revision: 2 });
    kiosk.send({ type: 'usage.report', report: usageReport(TODAY, 2, 9, GOOD) });
    await kiosk.next('usage.stored', (message) => message.revision === 2, 1);
    expect(stored(TODAY)!.revision).toBe(2);
    expect((JSON.parse(stored(TODAY)!.report) as UsageDay).sessions).toBe(7);
    expect(await refusals()).toEqual(['stale_revision:refused']);
  });

  const bad: [string, unknown, string][] = [
    ['a day two days ahead', usageReport('2025-06-17', 1, 1), 'future_day'],
    ['a day past the 400-day retention', usageReport('2024-05-10', 1, 1), 'past_retention'],
    [
      'completed above started',
      usageReport('2025-06-10', 1, 3, { 'test-move': { started: 2, completed: 3 } }),
      'inconsistent_counts',
    ],
    [
      'a step reached by more than started',
      usageReport('2025-06-10', 1, 3, { 'test-move': { started: 2, completed: 0, stepsReached: { name: 3 } } }),
      'inconsistent_counts',
    ],
    ['hours not adding up to the sessions', { ...usageReport('2025-06-10', 1, 3), sessions: 4 }, 'inconsistent_counts'],
    [
      'a service started by more than all sessions',
      usageReport('2025-06-10', 1, 2, { 'test-move': { started: 3, completed: 0 } }),
      'inconsistent_counts',
    ],
    [
      'an unknown service id',
      usageReport('2025-06-10', 1, 2, { 'canary-service-7f3a': { started: 1, completed: 0 } }),
      'unknown_service',
    ],
    [
      'an unknown step id',
      usageReport('2025-06-10', 1, 2, {
        'test-move': { started: 1, completed: 0, stepsReached: { CanaryStep7f3a: 1 } },
      }),
      'unknown_step',
    ],
    ['an absurd count', { ...usageReport('2025-06-10', 1, 1), sessions: 20_000 }, 'malformed'],
    ['a negative count', { ...usageReport('2025-06-10', 1, 1), sessions: -1 }, 'malformed'],
    [
      'free text in a field of its own',
      { ...usageReport('2025-06-10', 1, 1), note: 'Canary Schmidt 7f3a' },
      'malformed',
    ],
  ];
  for (const [what, report, code] of bad)
    it(`refuses ${what}: not stored, answered as refused (${code}), audited as ${code}`, async () => {
      const before = await refusals();
      const refusedBefore = kiosk.of('usage.refused').length;
      const answers = await sendThenProbe(report, '2025-06-13');
      expect(answers.map((answer) => answer.day)).toEqual(['2025-06-13']);
      // The kiosk is told, so it stops sending this revision (each resend would be another audit entry).
      const { day, revision } = report as UsageDay;
      expect(kiosk.of('usage.refused').slice(refusedBefore)).toEqual([{ type: 'usage.refused', day, revision, code }]);
      expect(stored((report as UsageDay).day)).toBeUndefined();
      const after = await refusals();
      // Newest first: what this report added.
      expect(after.slice(0, after.length - before.length)).toEqual([`${code}:refused`]);
    });

  it('keeps no canary value anywhere in its database files', () => {
    const files = readdirSync(h.t.dataDir).filter((name) => name.startsWith('hub.db'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const bytes = readFileSync(join(h.t.dataDir, name)).toString('latin1').toLowerCase();
      expect(bytes.includes('canary'), name).toBe(false);
      expect(bytes.includes('7f3a'), name).toBe(false);
    }
  });

  it('refuses a revoked terminal: its socket closes, it cannot connect again, its report is stored nowhere', async () => {
    const revoked = await h.admin.post(`/terminals/${h.terminalId}/revoke`);
    expect(revoked.status).toBe(200);
    kiosk.send({ type: 'usage.report', report: usageReport('2025-06-12', 1, 1) });
    await expect(connectKiosk(h.t.hub, h.credential)).rejects.toMatchObject({ status: 401 });
    expect(stored('2025-06-12')).toBeUndefined();
  });
});
