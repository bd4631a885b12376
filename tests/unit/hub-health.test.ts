import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnswerInput } from '../../contract';
import type { AlertView, AuditEntry, HealthReport, TerminalView } from '../../contract/hub';
import type { ReceiptPrinter } from '../../core/types';
import { ZmsAppointmentClient } from '../../core/appointments';
import { BUERGERBUERO, START_MS, startTestServer } from '../fixtures/appointments-harness';
import {
  FakeClock,
  FIXTURE_RESOURCES,
  PROJECT_RESOURCES,
  removeDir,
  tempDir,
  TEST_CERTIFICATE_VALIDITY,
  type TestCore,
} from '../fixtures/core-harness';
import { DEFAULT_DESTINATION_ID, startReceiver } from '../../receiver';
import { connectKiosk, enrol, login, STAFF, type Client } from '../fixtures/hub-harness';
import { openHubCore, startRealHub, until, type RealHub } from './hub-client-helpers';

/**
 * Terminal health and alerts (issue 20) against the real hub in-process on 127.0.0.1 and a real kiosk core.
 * Kiosk and hub share one fake clock, so a test moves the time of both (the hub refuses reports whose time is far
 * from its own). Rules are also driven by a kiosk socket that sends crafted reports: the hub cannot tell it from a
 * kiosk, and it lets each condition start and end on cue.
 */

/** Monday 16 June 2025, 10:00 in Stade: within the test's opening hours. */
const MONDAY_10 = Date.UTC(2025, 5, 16, 8, 0);
const HOURS = {
  timeZone: 'Europe/Berlin',
  openingHours: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '16:00' }],
};
const MINUTE = 60_000;
// The reference receiver makes RSA-4096 keys and the receipt loads fonts: slower than a unit test, never timed.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
const FUEHRUNGSZEUGNIS: [string, Record<string, AnswerInput>][] = [
  ['kind', { kind: 'privat' }],
  ['copies', { copies: '1' }],
  ['family-name', { familyName: 'Mustermann' }],
  ['given-names', { givenNames: 'Erika' }],
  ['date-of-birth', { dateOfBirth: { day: '12', month: '8', year: '1964' } }],
];
const MAENGEL: [string, Record<string, unknown>][] = [
  ['category', { category: 'strassenschaden' }],
  ['place', { location: 'Am Sande 1' }],
  ['description', { description: 'Schlagloch' }],
  ['feedback', { wantsFeedback: 'nein' }],
];

let real: RealHub | undefined;
let kiosk: TestCore | undefined;
const sockets: Client[] = [];
afterEach(async () => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
  for (const socket of sockets.splice(0)) socket.close();
  await real?.close();
  real = undefined;
});

async function start(clock = new FakeClock(MONDAY_10)): Promise<RealHub> {
  real = await startRealHub({ clock, health: { openingHours: HOURS } });
  return real;
}

function report(clock: FakeClock, changes: Partial<HealthReport> = {}): HealthReport {
  return {
    appVersion: '1.2.3',
    catalogue: { version: 'abc123', activation: 'ok', services: 20, refused: 0 },
    uptimeSeconds: 3600,
    freeDiskBytes: 20 * 2 ** 30,
    printer: 'ready',
    outbox: { depth: 0, oldestAgeSeconds: null },
    lastDeliveryAt: new Date(clock.now() - MINUTE).toISOString(),
    appointments: 'reachable',
    portal: 'reachable',
    lastError: 'none',
    reportedAt: new Date(clock.now()).toISOString(),
    ...changes,
  };
}

/** A second terminal, enrolled by the admin API, connected as a plain socket that sends what the test says. */
async function rawKiosk(hub: RealHub): Promise<{ socket: Client; terminalId: string; credential: string }> {
  const enrolled = await enrol(hub.t.hub, hub.admin, 'Bibliothek');
  const socket = await connectKiosk(hub.t.hub, enrolled.credential);
  sockets.push(socket);
  await socket.next('welcome');
  return { socket, terminalId: enrolled.terminalId, credential: enrolled.credential };
}

/** A console GET; after a jump of the clock past the session's idle timeout, staff log in again. */
async function staffGet(hub: RealHub, path: string): Promise<unknown> {
  let answer = await hub.staff.get(path);
  if (answer.status === 401) {
    hub.staff = await login(hub.t.hub, STAFF);
    answer = await hub.staff.get(path);
  }
  return answer.body;
}

async function alerts(hub: RealHub): Promise<AlertView[]> {
  return (await staffGet(hub, '/alerts')) as AlertView[];
}

async function terminal(hub: RealHub, terminalId: string): Promise<TerminalView> {
  const views = (await staffGet(hub, '/terminals')) as TerminalView[];
  return views.find((view) => view.terminalId === terminalId)!;
}

async function audit(hub: RealHub): Promise<AuditEntry[]> {
  return (await hub.admin.get('/audit')).body as AuditEntry[];
}

const kinds = (list: AlertView[], terminalId: string) =>
  list
    .filter((alert) => alert.terminalId === terminalId)
    .map((alert) => alert.kind)
    .sort();

describe('a real kiosk reports its health', () => {
  it('on connecting and every minute: versions, disk, printer, outbox, reachability', async () => {
    const clock = new FakeClock(MONDAY_10);
    const hub = await start(clock);
    kiosk = openHubCore(hub, { clock });
    const first = await until(async () => (await terminal(hub, hub.terminalId)).health ?? undefined);
    expect(first).toMatchObject({
      appVersion: '9.9.9-test',
      catalogue: { activation: 'ok', refused: 0 },
      printer: 'absent',
      outbox: { depth: 0, oldestAgeSeconds: null },
      lastDeliveryAt: null,
      appointments: 'not_configured',
      portal: 'not_configured',
      lastError: 'none',
      reportedAt: new Date(MONDAY_10).toISOString(),
    });
    expect(first.catalogue.services).toBeGreaterThan(0);
    expect(first.freeDiskBytes).toBeGreaterThan(0);

    // An application sent with no portal waits in the outbox; 31 minutes later the minute's report says so.
    let view = await kiosk.value('session.start', { serviceId: 'test-feedback', language: 'de' });
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'message',
      values: { message: 'x' },
    });
    view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId: 'email', values: {} });
    await kiosk.value('session.submit', { sessionId: view.sessionId });
    clock.advance(31 * MINUTE);
    const later = await until(async () => {
      const health = (await terminal(hub, hub.terminalId)).health;
      return health?.uptimeSeconds === 31 * 60 ? health : undefined;
    });
    expect(later.outbox).toEqual({ depth: 1, oldestAgeSeconds: 31 * 60 });
    expect(kinds(await alerts(hub), hub.terminalId)).toEqual(['outbox']);
  });

  it("a failed print job reports the printer's state and raises the printer alert; a good job clears it", async () => {
    const clock = new FakeClock(MONDAY_10);
    const hub = await start(clock);
    // The printer is hardware this machine lacks: the core's printer seam gets one whose paper runs out, failing
    // the way the Electron printer does (a PrintError with the printer's state).
    let paper = false;
    const printer: ReceiptPrinter = {
      layout: 'receipt80',
      async print() {
        if (!paper) throw Object.assign(new Error('printer reports media-empty'), { printerState: 'out_of_paper' });
      },
    };
    kiosk = openHubCore(hub, { clock, receiptPrinter: printer, resourcesDir: PROJECT_RESOURCES });
    await until(async () => (await terminal(hub, hub.terminalId)).health?.printer === 'unknown');
    let view = await kiosk.value('session.start', { serviceId: 'maengel-melden', language: 'de' });
    for (const [stepId, values] of MAENGEL)
      view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values });
    view = await kiosk.value('session.submit', { sessionId: view.sessionId });
    expect((await kiosk.call('session.printReceipt', { sessionId: view.sessionId })).ok).toBe(false);
    // Reported on change, without waiting for the minute.
    const failed = await until(async () => {
      const health = (await terminal(hub, hub.terminalId)).health;
      return health?.printer === 'out_of_paper' && health;
    });
    expect(failed.lastError).toBe('printer_failed');
    const raised = await hub.console.next('alert.new');
    expect(raised.alert).toMatchObject({ terminalId: hub.terminalId, kind: 'printer', terminalName: 'Rathaus Foyer' });

    paper = true;
    expect(await kiosk.value('session.printReceipt', { sessionId: view.sessionId })).toEqual({ printed: true });
    await until(async () => (await terminal(hub, hub.terminalId)).health?.printer === 'ready');
    expect(kinds(await alerts(hub), hub.terminalId)).toEqual([]);
  });

  it('the appointment system: reachable after an answer, unreachable when it stops answering', async () => {
    const appointments = await startTestServer();
    const client = new ZmsAppointmentClient({
      config: {
        baseUrl: appointments.server.apiUrl,
        timeoutMs: 2000,
        services: { fuehrungszeugnis: { serviceId: 20004, officeIds: [BUERGERBUERO] } },
      },
    });
    try {
      const clock = new FakeClock(START_MS);
      const hub = await start(clock);
      kiosk = openHubCore(hub, { clock, resourcesDir: PROJECT_RESOURCES, appointments: client });
      await until(async () => (await terminal(hub, hub.terminalId)).health?.appointments === 'unknown');
      const view = await kiosk.value('session.start', { serviceId: 'fuehrungszeugnis', language: 'de' });
      for (const [stepId, values] of FUEHRUNGSZEUGNIS)
        await kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values });
      await kiosk.value('visit.prepare', { sessionId: view.sessionId });
      expect((await kiosk.value('appointment.days', {})).outcome).toBe('ok');
      await until(async () => (await terminal(hub, hub.terminalId)).health?.appointments === 'reachable');

      await appointments.stop();
      expect((await kiosk.value('appointment.days', {})).outcome).not.toBe('ok');
      const down = await until(async () => {
        const health = (await terminal(hub, hub.terminalId)).health;
        return health?.appointments === 'unreachable' ? health : undefined;
      });
      expect(down.lastError).toBe('appointments_unreachable');
    } finally {
      client.close();
      await appointments.stop().catch(() => undefined);
    }
  });

  it('a town service that fails to activate: the catalogue alert', async () => {
    const town = tempDir('town-services-');
    mkdirSync(join(town, 'kaputt', 'locales'), { recursive: true });
    writeFileSync(join(town, 'kaputt', 'service.json'), '{"id": ');
    writeFileSync(join(town, 'kaputt', 'locales', 'de.json'), '{');
    try {
      const clock = new FakeClock(MONDAY_10);
      const hub = await start(clock);
      kiosk = openHubCore(hub, { clock, servicesDir: town });
      const health = await until(async () => (await terminal(hub, hub.terminalId)).health ?? undefined);
      expect(health.catalogue).toMatchObject({ activation: 'failed', refused: 1 });
      expect(health.lastError).toBe('catalogue_refused');
      await until(async () => kinds(await alerts(hub), hub.terminalId).join() === 'catalogue');
    } finally {
      removeDir(town);
    }
  });
});

describe('the portal as the kiosk sees it', () => {
  it('reachable with the last delivery after a send; unreachable with its error class when it fails', async () => {
    const receiverDir = tempDir('receiver-');
    const client = { id: 'kiosk-health', secret: 'health-secret-123456' };
    const receiver = await startReceiver({
      dataDir: receiverDir,
      clients: [client],
      servicesDir: join(FIXTURE_RESOURCES, 'services'),
      certificateValidity: TEST_CERTIFICATE_VALIDITY,
    });
    try {
      const clock = new FakeClock(MONDAY_10);
      const hub = await start(clock);
      kiosk = openHubCore(hub, {
        clock,
        portal: {
          tokenUrl: receiver.tokenUrl,
          submissionApiUrl: receiver.url,
          clientId: client.id,
          clientSecret: client.secret,
          trustedRootPem: receiver.rootCertificatePem,
          destinations: { 'test-feedback': DEFAULT_DESTINATION_ID },
          retryBaseMs: 1_000,
          retryCapMs: 60_000,
        },
      });
      await until(async () => (await terminal(hub, hub.terminalId)).health?.portal === 'unknown');
      const submit = async () => {
        let view = await kiosk!.value('session.start', { serviceId: 'test-feedback', language: 'de' });
        view = await kiosk!.value('session.answer', {
          sessionId: view.sessionId,
          stepId: 'message',
          values: { message: 'Hallo' },
        });
        view = await kiosk!.value('session.answer', { sessionId: view.sessionId, stepId: 'email', values: {} });
        await kiosk!.value('session.submit', { sessionId: view.sessionId });
        await kiosk!.core.syncNow();
        await receiver.idle();
      };
      await submit();
      clock.advance(MINUTE);
      const sent = await until(async () => {
        const health = (await terminal(hub, hub.terminalId)).health;
        return health?.portal === 'reachable' ? health : undefined;
      });
      expect(sent.lastDeliveryAt).not.toBeNull();
      expect(sent.lastError).toBe('none');

      receiver.faults.set({ route: '*', kind: 'status', status: 503 });
      await submit();
      clock.advance(MINUTE);
      const down = await until(async () => {
        const health = (await terminal(hub, hub.terminalId)).health;
        // The report that says "unreachable" may come before the one with the second entry in the outbox.
        return health?.portal === 'unreachable' && health.outbox.depth === 2 ? health : undefined;
      });
      // The first still counts until the portal decides on it; the second never left.
      expect(down).toMatchObject({ lastError: 'portal_unreachable', outbox: { depth: 2 } });
      expect(down.lastDeliveryAt).toBe(sent.lastDeliveryAt);
    } finally {
      await receiver.close();
      removeDir(receiverDir);
    }
  });
});

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
    sockets.push(back);
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
