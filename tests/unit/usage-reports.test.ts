import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, scanForCanary, type TestCore } from '../fixtures/core-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';
import { until } from './hub-client-helpers';
import { usageDay, usageRows, walkMove } from './usage-fixtures';
import { openUsageCore, startUsageTestHub, untilHubOnline, type UsageTestHub } from './usage-test-hub';

/**
 * Sending the day's usage totals (issue 18): the real kiosk core (real SQLite file) over a real WebSocket to a
 * small terminal-side hub on 127.0.0.1 (usage-test-hub.ts, which lets a test hold back or replay confirmations; the real hub in usage-end-to-end.test.ts) that checks
 * every frame against the contract and answers `usage.stored`.
 */

let hub: UsageTestHub | undefined;
let kiosk: TestCore | undefined;
afterEach(async () => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
  await hub?.close();
  hub = undefined;
});

const DAY = '2025-06-15';
const hellos = (h: UsageTestHub) => h.received.filter(({ message }) => message.type === 'hello').length;

async function session(k: TestCore, stopAt = 'birth'): Promise<void> {
  const view = await walkMove(k, { stopAt });
  await k.value('session.end', { sessionId: view.sessionId, reason: 'resident' });
}

/** Drops the kiosk's socket and waits for its next hello (everything it sends on connect comes right after). */
async function reconnect(h: UsageTestHub, k: TestCore): Promise<void> {
  const before = hellos(h);
  h.dropConnections();
  await until(() => hellos(h) > before);
  await untilHubOnline(k);
}

describe('usage reports to the hub', () => {
  it('sends the day after each session, checked by the contract, and records what the hub confirmed', async () => {
    hub = await startUsageTestHub();
    kiosk = openUsageCore(hub);
    await untilHubOnline(kiosk);
    await session(kiosk);
    await until(() => usageDay(kiosk!, DAY).confirmed === 1);
    const [report] = hub.reports();
    expect(report).toMatchObject({ day: DAY, revision: 1, sessions: 1 });
    await session(kiosk, 'address');
    await until(() => usageDay(kiosk!, DAY).confirmed === 2);
    expect(hub.reports().map((sent) => sent.revision)).toEqual([1, 2]);
    expect(hub.reports()[1]!.services[0]!.givenUp).toEqual({ birth: { ended: 1 }, address: { ended: 1 } });
    // Logged by code only: no count, no day, no service.
    const usageLines = kiosk.logger.lines.filter((line) => String(line.event).startsWith('usage.'));
    expect(usageLines.length).toBeGreaterThan(0);
    for (const line of usageLines) expect(JSON.stringify(line)).not.toMatch(/test-move|2025-06-15|birth/);
  });

  it('resends unconfirmed days after a reconnect, oldest first; a replayed or foreign confirmation changes nothing', async () => {
    hub = await startUsageTestHub();
    hub.acknowledge = false;
    kiosk = openUsageCore(hub);
    await untilHubOnline(kiosk);
    kiosk.clock.time = Date.UTC(2025, 5, 14, 9, 0);
    await session(kiosk);
    kiosk.clock.time = Date.UTC(2025, 5, 15, 9, 0);
    await session(kiosk);
    await until(() => hub!.reports().some((report) => report.day === DAY));

    hub.received.length = 0;
    await reconnect(hub, kiosk);
    await until(() => hub!.reports().length === 2);
    expect(hub.reports().map((report) => [report.day, report.revision])).toEqual([
      ['2025-06-14', 1],
      [DAY, 1],
    ]);
    expect(usageRows(kiosk).map((row) => row.confirmed)).toEqual([0, 0]);

    hub.acknowledge = true;
    await reconnect(hub, kiosk);
    await until(() => usageRows(kiosk!).every((row) => row.confirmed === 1));
    // Confirmed: the next connection sends nothing again.
    hub.received.length = 0;
    await reconnect(hub, kiosk);
    await session(kiosk, 'address'); // a marker: its report comes after anything sent on connect
    await until(() => hub!.reports().length > 0);
    expect(hub.reports().map((report) => [report.day, report.revision])).toEqual([[DAY, 2]]);
    await until(() => usageDay(kiosk!, DAY).confirmed === 2);

    // Replayed (older), ahead of the kiosk (a revision it never sent) and for a day it does not have: no change.
    hub.send({ type: 'usage.stored', day: DAY, revision: 1 });
    hub.send({ type: 'usage.stored', day: DAY, revision: 9 });
    hub.send({ type: 'usage.stored', day: '2025-01-01', revision: 1 });
    await until(() => kiosk!.logger.lines.filter((line) => line.event === 'usage.stored_ignored').length === 3 && true);
    expect(usageRows(kiosk).map((row) => [row.day, row.revision, row.confirmed])).toEqual([
      ['2025-06-14', 1, 1],
      [DAY, 2, 2],
    ]);
  });

  it('takes a refusal as the answer for that revision: kept, not resent; the next revision is sent again', async () => {
    hub = await startUsageTestHub();
    hub.acknowledge = false;
    kiosk = openUsageCore(hub);
    await untilHubOnline(kiosk);
    await session(kiosk);
    await until(() => hub!.reports().length === 1);
    hub.send({ type: 'usage.refused', day: DAY, revision: 1, code: 'inconsistent_counts' });
    await until(() => usageDay(kiosk!, DAY).confirmed === 1);
    expect(usageDay(kiosk, DAY)).toMatchObject({ revision: 1, confirmed: 1 });
    expect(kiosk.logger.lines.filter((line) => line.event === 'usage.refused')).toMatchObject([
      { code: 'inconsistent_counts' },
    ]);

    // Not sent again on the next connection; the next session's revision is.
    hub.received.length = 0;
    await reconnect(hub, kiosk);
    await session(kiosk, 'address');
    await until(() => hub!.reports().length > 0);
    expect(hub.reports().map((report) => [report.day, report.revision])).toEqual([[DAY, 2]]);
    // A refusal of a revision the kiosk never sent changes nothing.
    hub.send({ type: 'usage.refused', day: DAY, revision: 7, code: 'malformed' });
    await until(() => kiosk!.logger.lines.some((line) => line.event === 'usage.stored_ignored'));
    expect(usageDay(kiosk, DAY)).toMatchObject({ revision: 2, confirmed: 1 });
  });

  it('keeps unsent totals across a restart and sends them on the next connection', async () => {
    hub = await startUsageTestHub();
    hub.acknowledge = false;
    kiosk = openUsageCore(hub);
    await untilHubOnline(kiosk);
    await session(kiosk);
    await session(kiosk, 'address');
    await until(() => hub!.reports().length === 2);
    hub.acknowledge = true;
    hub.received.length = 0;
    kiosk = kiosk.reopen();
    await until(() => usageDay(kiosk!, DAY).confirmed === 2);
    expect(hub.reports()).toEqual([expect.objectContaining({ day: DAY, revision: 2, sessions: 2 })]);
  });

  it('never sends a day the contract refuses (a bug must not send garbage), and logs only a code', async () => {
    hub = await startUsageTestHub();
    kiosk = openUsageCore(hub);
    await untilHubOnline(kiosk);
    await session(kiosk);
    await until(() => usageDay(kiosk!, DAY).confirmed === 1);
    kiosk.close();
    const db = new Database(join(kiosk.dataDir, 'kiosk.db'));
    const broken = { ...usageDay(kiosk, DAY).totals, sessions: -4 };
    db.prepare("INSERT INTO usage_days (day, totals, revision) VALUES ('2025-06-10', ?, 3)").run(
      JSON.stringify(broken),
    );
    db.close();
    hub.received.length = 0;
    kiosk = kiosk.reopen();
    await untilHubOnline(kiosk);
    await session(kiosk, 'address'); // a marker after whatever went on connect
    await until(() => usageDay(kiosk!, DAY).confirmed === 2);
    expect(hub.reports().map((report) => report.day)).toEqual([DAY]);
    expect(kiosk.logger.lines).toContainEqual(expect.objectContaining({ event: 'usage.report_invalid' }));
    expect(usageDay(kiosk, '2025-06-10')).toMatchObject({ revision: 3, confirmed: 0 });
  });

  it('deletes confirmed days after 31 days; unconfirmed ones wait until they are sent', async () => {
    hub = await startUsageTestHub();
    kiosk = openUsageCore(hub);
    await untilHubOnline(kiosk);
    kiosk.clock.time = Date.UTC(2025, 4, 1, 9, 0);
    await session(kiosk);
    kiosk.clock.time = Date.UTC(2025, 4, 15, 9, 0); // 31 days before 15 June: kept
    await session(kiosk);
    await until(() => usageRows(kiosk!).every((row) => row.confirmed === 1));
    hub.acknowledge = false;
    kiosk.clock.time = Date.UTC(2025, 4, 2, 9, 0);
    await session(kiosk);
    kiosk.clock.time = Date.UTC(2025, 5, 15, 9, 0);
    await session(kiosk);
    await until(() => hub!.reports().some((report) => report.day === DAY));
    expect(usageRows(kiosk).map((row) => [row.day, row.confirmed])).toEqual([
      ['2025-05-02', 0],
      ['2025-05-15', 1],
      [DAY, 0],
    ]);
    hub.acknowledge = true;
    await reconnect(hub, kiosk);
    await until(() => usageRows(kiosk!).every((row) => row.confirmed >= 1));
    kiosk = kiosk.reopen(); // start-up prunes too
    expect(usageRows(kiosk).map((row) => row.day)).toEqual(['2025-05-15', DAY]);
  });

  it('counts staff watching, taking over and the handover to the desk', async () => {
    hub = await startUsageTestHub();
    kiosk = openUsageCore(hub);
    await untilHubOnline(kiosk);
    const view = await walkMove(kiosk, { stopAt: 'household' });
    await kiosk.value('help.request', { reason: 'stuck_inactive' });
    const request = await until(() =>
      hub!.received.flatMap(({ message }) => (message.type === 'help.request' ? [message.request] : [])).at(0),
    );
    hub.send({ type: 'help.accepted', requestId: request.requestId, staffName: 'Frau Meyer' });
    hub.send({ type: 'consent.request', requestId: request.requestId, staffName: 'Frau Meyer' });
    await until(async () => (await kiosk!.value('help.state', {})).status === 'consent');
    expect(await kiosk.value('help.consent', { granted: true })).toMatchObject({ status: 'viewing' });
    const ticket = await kiosk.value('handover.start', { sessionId: view.sessionId });
    expect(ticket).toMatchObject({ stored: true });

    const report = await until(() => hub!.reports().at(-1));
    expect(report.help).toEqual({ called: 0, offered: 1, takenOver: 1, continuedAtDesk: 1 });
    expect(report.services[0]).toMatchObject({ completed: 0, givenUp: { household: { desk: 1 } } });
    expect(report.helpByHour[12]).toBe(1);
  });

  it('canaries: sessions full of personal data leave none of it in kiosk.db or in any message sent', async () => {
    const canaries = [
      'Zyxwerta Kanarienvogel',
      'Quappenweg 17b',
      'DE89370400440532013000',
      'zyx.kanarie@example.org',
      'Pfefferminzallee 4',
    ];
    const answers = {
      ...MOVE_ANSWERS,
      name: { fullName: canaries[0]! },
      contact: { email: canaries[3]!, notes: `${canaries[1]} ${canaries[2]}` },
    };
    hub = await startUsageTestHub();
    kiosk = openUsageCore(hub);
    await untilHubOnline(kiosk);
    // Sent to the portal's outbox.
    const sent = await walkMove(kiosk, { answers });
    await kiosk.value('session.submit', { sessionId: sent.sessionId });
    await kiosk.value('session.end', { sessionId: sent.sessionId, reason: 'finished' });
    // Ended with typed but unconfirmed entries on screen.
    const ended = await walkMove(kiosk, { answers, stopAt: 'consent' });
    await kiosk.value('session.saveDraft', {
      sessionId: ended.sessionId,
      stepId: 'consent',
      values: { consent: true },
    });
    await kiosk.value('session.end', { sessionId: ended.sessionId, reason: 'resident' });
    // Handed to the desk, with a page draft holding another address.
    const handed = await walkMove(kiosk, { answers, stopAt: 'contact' });
    await kiosk.value('session.saveDraft', {
      sessionId: handed.sessionId,
      stepId: 'contact',
      values: { email: canaries[3]!, notes: canaries[4]! },
    });
    expect(await kiosk.value('handover.start', { sessionId: handed.sessionId })).toMatchObject({ stored: true });
    // Wiped by the idle timeout.
    await walkMove(kiosk, { answers, stopAt: 'extras' });
    kiosk.clock.advance(121_000);

    await until(() => usageDay(kiosk!, DAY).confirmed === 4);
    expect(usageDay(kiosk, DAY).totals).toMatchObject({ sessions: 4, help: { continuedAtDesk: 1 } });
    const frames = hub.received.map(({ raw }) => raw).join('\n');
    expect(hub.reports()).toHaveLength(4);
    for (const canary of canaries) {
      expect([canary, scanForCanary(kiosk.dataDir, canary)]).toEqual([canary, []]);
      expect([canary, frames.includes(canary)]).toEqual([canary, false]);
      // Each word of it too (a house number alone is no canary: the counts are digits).
      for (const part of canary.split(' ').filter((word) => word.length > 3))
        expect(JSON.stringify(hub.reports())).not.toContain(part);
    }
  });
});
