import { afterEach, describe, expect, it } from 'vitest';
import type { AlertView, HealthReport } from '../../contract/hub';
import { FakeClock } from '../fixtures/core-harness';
import { connectKiosk, STAFF } from '../fixtures/hub-harness';
import { until } from './hub-client-helpers';
import {
  alerts,
  audit,
  closeHealthTest,
  keepSocket,
  kinds,
  MINUTE,
  MONDAY_10,
  rawKiosk,
  report,
  start,
  terminal,
} from './hub-health-helpers';

/** The hub's alert rules, their acknowledgement and the reports it refuses (issue 20). */

afterEach(closeHealthTest);

describe('alert rules', () => {
  it('each condition raises its alert once, and its end clears it', async () => {
    const clock = new FakeClock(MONDAY_10);
    const hub = await start(clock);
    const { socket, terminalId } = await rawKiosk(hub);
    const send = (changes: Partial<HealthReport>) => socket.send({ type: 'health', report: report(clock, changes) });

    send({});
    await until(async () => (await terminal(hub, terminalId)).health?.appVersion === '1.2.3');
    expect(kinds(await alerts(hub), terminalId)).toEqual([]);

    const bad: Partial<HealthReport> = {
      printer: 'error',
      outbox: { depth: 3, oldestAgeSeconds: 30 * 60 + 1 },
      freeDiskBytes: 2 ** 30 - 1,
      catalogue: { version: 'abc124', activation: 'failed', services: 19, refused: 1 },
    };
    send(bad);
    await until(async () => kinds(await alerts(hub), terminalId).length === 4);
    // The overview's backlog and version follow the report (the enrolment said 0.1.0-test).
    expect(await terminal(hub, terminalId)).toMatchObject({ outboxBacklog: 3, appVersion: '1.2.3' });
    // The same report again, and the timer's rounds: still one alert of each kind, and one cue each.
    send(bad);
    clock.advance(MINUTE);
    send({ ...bad, reportedAt: new Date(clock.now()).toISOString() });
    await until(
      async () => (await terminal(hub, terminalId)).health?.reportedAt === new Date(clock.now()).toISOString(),
    );
    expect(kinds(await alerts(hub), terminalId)).toEqual(['catalogue', 'disk', 'outbox', 'printer']);
    expect(hub.console.of('alert.new').length).toBe(4);

    // On the threshold is not below it; an age of exactly 30 minutes is not older than 30 minutes.
    send({ freeDiskBytes: 2 ** 30, outbox: { depth: 3, oldestAgeSeconds: 30 * 60 }, printer: 'error' });
    await until(async () => kinds(await alerts(hub), terminalId).join() === 'printer');
    send({ printer: 'absent' });
    await until(async () => kinds(await alerts(hub), terminalId).length === 0);
    const last = hub.console.of('alerts').at(-1) as { alerts: AlertView[] };
    expect(last.alerts.filter((alert) => alert.terminalId === terminalId)).toEqual([]);
  });

  it('offline for more than 5 minutes during opening hours; cleared when it is back', async () => {
    const clock = new FakeClock(MONDAY_10);
    const hub = await start(clock);
    const first = await rawKiosk(hub);
    first.socket.close();
    await until(async () => !(await terminal(hub, first.terminalId)).online);
    clock.advance(5 * MINUTE);
    expect(kinds(await alerts(hub), first.terminalId)).toEqual([]);
    clock.advance(MINUTE);
    await until(async () => kinds(await alerts(hub), first.terminalId).join() === 'offline');
    const cue = (await hub.reconnect()).of('alerts')[0] as { alerts: AlertView[] };
    expect(cue.alerts.map((alert) => alert.kind)).toContain('offline');

    const back = await connectKiosk(hub.t.hub, first.credential);
    keepSocket(back);
    await until(async () => kinds(await alerts(hub), first.terminalId).length === 0);
  });

  it('raises no offline alert outside opening hours', async () => {
    // Monday 19:00 in Stade.
    const clock = new FakeClock(Date.UTC(2025, 5, 16, 17, 0));
    const hub = await start(clock);
    const { socket, terminalId } = await rawKiosk(hub);
    socket.close();
    await until(async () => !(await terminal(hub, terminalId)).online);
    clock.advance(30 * MINUTE);
    expect(kinds(await alerts(hub), terminalId)).toEqual([]);
    // Tuesday 08:10: the hours have begun and it is still gone.
    clock.advance(Date.UTC(2025, 5, 17, 6, 10) - clock.now());
    await until(async () => kinds(await alerts(hub), terminalId).join() === 'offline');
  });
});

describe('acknowledging an alert', () => {
  it('records who and when, audited; an unknown alert is refused and audited too', async () => {
    const clock = new FakeClock(MONDAY_10);
    const hub = await start(clock);
    const { socket, terminalId } = await rawKiosk(hub);
    socket.send({ type: 'health', report: report(clock, { printer: 'out_of_paper' }) });
    const raised = (await hub.console.next('alert.new')).alert as AlertView;
    expect(raised).toMatchObject({ terminalId, kind: 'printer', acknowledgedAt: null, acknowledgedBy: null });

    clock.advance(1000);
    const answer = await hub.staff.post(`/alerts/${raised.alertId}/acknowledge`, {});
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      alertId: raised.alertId,
      acknowledgedAt: new Date(clock.now()).toISOString(),
      acknowledgedBy: { staffId: hub.staff.staffId, displayName: STAFF.displayName },
    });
    // Still listed (the paper is still out), as seen; pushed to the consoles.
    await hub.console.next('alerts', (message) =>
      (message.alerts as AlertView[]).some((alert) => alert.acknowledgedBy?.staffId === hub.staff.staffId),
    );
    expect((await alerts(hub))[0]!.acknowledgedAt).not.toBeNull();
    expect(await audit(hub)).toContainEqual(
      expect.objectContaining({
        action: 'alert.acknowledge',
        staffId: hub.staff.staffId,
        terminalId,
        subjectId: raised.alertId,
        outcome: 'ok',
        at: new Date(clock.now()).toISOString(),
      }),
    );

    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await hub.staff.post(`/alerts/${unknown}/acknowledge`, {})).status).toBe(404);
    expect(await audit(hub)).toContainEqual(
      expect.objectContaining({ action: 'alert.acknowledge', subjectId: unknown, outcome: 'refused' }),
    );
  });
});

describe('reports the hub refuses', () => {
  it('absurd values: nothing stored, logged and audited with a code only', async () => {
    const clock = new FakeClock(MONDAY_10);
    const hub = await start(clock);
    const { socket, terminalId } = await rawKiosk(hub);
    socket.send({ type: 'health', report: report(clock) });
    await until(async () => (await terminal(hub, terminalId)).health);
    const absurd: Partial<Record<keyof HealthReport, unknown>>[] = [
      { freeDiskBytes: -1 },
      { freeDiskBytes: 2 ** 60 },
      { uptimeSeconds: 1e12 },
      { outbox: { depth: 1e9, oldestAgeSeconds: 10 } },
      { outbox: { depth: 1, oldestAgeSeconds: -5 } },
      { printer: 'on fire' },
      { lastError: 'ENOENT /home/resident/passport.pdf' },
      { appVersion: '<script>' },
      { reportedAt: new Date(clock.now() + 365 * 24 * 3600_000).toISOString() },
      { lastDeliveryAt: new Date(Date.UTC(1999, 0, 1)).toISOString() },
      { outbox: { depth: 0, oldestAgeSeconds: 600 } },
      { extra: 'field' } as never,
    ];
    for (const changes of absurd)
      socket.send({ type: 'health', report: { ...report(clock), ...changes, printer: changes.printer ?? 'error' } });
    const logger = hub.t.options.logger as unknown as { lines: Record<string, unknown>[] };
    await until(() => logger.lines.filter((line) => line.event === 'health.refused').length === absurd.length);
    const refused = logger.lines.filter((line) => line.event === 'health.refused');
    expect(new Set(refused.map((line) => line.code))).toEqual(new Set(['invalid_report', 'clock_skew']));
    for (const line of refused)
      expect(Object.keys(line).sort()).toEqual(['code', 'event', 'level', 'terminalId', 'time']);
    // Every refused report said the printer failed: none was taken.
    expect((await terminal(hub, terminalId)).health?.printer).toBe('ready');
    expect(kinds(await alerts(hub), terminalId)).toEqual([]);
    const audited = (await audit(hub)).filter((entry) => entry.action === 'terminal.health');
    expect(audited.map((entry) => entry.outcome)).toEqual(['refused', 'refused']);
    expect(audited.every((entry) => entry.terminalId === terminalId)).toBe(true);
  });

  it('a revoked terminal: its socket is refused, its last report stays as it was, its alerts end', async () => {
    const clock = new FakeClock(MONDAY_10);
    const hub = await start(clock);
    const { socket, terminalId, credential } = await rawKiosk(hub);
    socket.send({ type: 'health', report: report(clock, { printer: 'error' }) });
    await until(async () => kinds(await alerts(hub), terminalId).join() === 'printer');
    expect((await hub.admin.post(`/terminals/${terminalId}/revoke`, {})).status).toBe(200);
    await until(async () => kinds(await alerts(hub), terminalId).length === 0);
    await expect(connectKiosk(hub.t.hub, credential)).rejects.toMatchObject({ status: 401 });
    clock.advance(10 * MINUTE);
    expect((await terminal(hub, terminalId)).health?.printer).toBe('error');
    expect(kinds(await alerts(hub), terminalId)).toEqual([]);
  });
});
