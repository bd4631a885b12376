import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SAMPLE_TICKETPRINTER_HASH } from '../../appointments/sample-data';
import { AppointmentError, ZmsAppointmentClient } from '../../core/appointments';
import type { AppointmentsConfig } from '../../core/appointments/config';
import { BUERGERBUERO, MONDAY, slotAt, startTestServer, type TestServer } from '../fixtures/appointments-harness';
import {
  FakeClock,
  openTestCore,
  PROJECT_RESOURCES,
  removeDir,
  tempDir,
  type TestCore,
} from '../fixtures/core-harness';

/**
 * Walk-in waiting numbers (issue 16): the reference server's ticket-printer route (zmsapi's shapes), the kiosk's
 * client and the core's `walkIn.*` routes, over real HTTP on 127.0.0.1 and one hand-moved clock.
 */
const FUNDBUERO = 10005;
const ORDNUNGSAMT = 10002;
const WEEKDAY_MORNINGS = [{ days: [1, 2, 3, 4, 5], from: '08:30', to: '12:00' }];

let server: TestServer | undefined;
const clients: ZmsAppointmentClient[] = [];
const cores: TestCore[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const kiosk of cores.splice(0)) kiosk.close();
  for (const client of clients.splice(0)) client.close();
  await server?.stop();
  server = undefined;
  dirs.splice(0).forEach(removeDir);
});

const at = (date: string, hhmm: string) => slotAt(date, hhmm) * 1000;

async function waitingNumber(t: TestServer, scopeId: number, hash = SAMPLE_TICKETPRINTER_HASH) {
  const response = await fetch(`${t.server.zmsApiUrl}/scope/${scopeId}/waitingnumber/${hash}/`);
  return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON as the wire has it
}

function walkInConfig(t: TestServer): AppointmentsConfig {
  return {
    baseUrl: t.server.apiUrl,
    timeoutMs: 2000,
    services: {},
    walkIns: {
      apiUrl: t.server.zmsApiUrl,
      ticketprinterHash: SAMPLE_TICKETPRINTER_HASH,
      offices: {
        buergerbuero: { scopeId: BUERGERBUERO, openingHours: WEEKDAY_MORNINGS },
        fundbuero: { scopeId: FUNDBUERO, openingHours: WEEKDAY_MORNINGS },
        // The kiosk believes the Ordnungsamt takes walk-ins every weekday; the server's sample has none there.
        ordnungsamt: { scopeId: ORDNUNGSAMT, openingHours: [{ days: [1, 2, 3, 4, 5], from: '07:00', to: '20:00' }] },
      },
    },
  };
}

function client(config: AppointmentsConfig): ZmsAppointmentClient {
  const made = new ZmsAppointmentClient({ config });
  clients.push(made);
  return made;
}

async function booted(startMs: number) {
  server ??= await startTestServer();
  server.clock.ms = startMs;
  const clock = new FakeClock(startMs);
  const dataDir = tempDir('kiosk-walkin-');
  dirs.push(dataDir);
  const kiosk = openTestCore({
    resourcesDir: PROJECT_RESOURCES,
    clock,
    dataDir,
    appointments: client(walkInConfig(server)),
  });
  cores.push(kiosk);
  await vi.waitFor(async () => expect((await kiosk.value('walkIn.offices', {})).offices).toHaveLength(3));
  const move = (ms: number) => {
    clock.time = ms;
    server!.clock.ms = ms;
  };
  return { kiosk, t: server, move };
}

describe('the reference server: GET /scope/{id}/waitingnumber/{hash}/', () => {
  it('gives increasing numbers per office and per day, with the waiting time only where the office publishes it', async () => {
    server = await startTestServer();
    server.clock.ms = at(MONDAY, '09:00');
    const first = await waitingNumber(server, BUERGERBUERO);
    expect(first.status).toBe(200);
    expect(first.body.meta.error).toBe(false);
    expect(first.body.data.status).toBe('queued');
    expect(first.body.data.queue).toMatchObject({ number: 100, status: 'queued', withAppointment: false });
    expect(first.body.data.queue.arrivalTime).toBe(slotAt(MONDAY, '09:00'));
    expect(typeof first.body.data.queue.waitingTimeEstimate).toBe('number');
    const numbers = [];
    for (let i = 0; i < 5; i += 1) numbers.push((await waitingNumber(server, BUERGERBUERO)).body.data.queue.number);
    expect(numbers).toEqual([101, 102, 103, 104, 105]);
    // More waiting ahead: a longer estimate (two desks, 12 minutes each).
    const later = await waitingNumber(server, BUERGERBUERO);
    expect(later.body.data.queue.waitingTimeEstimate).toBeGreaterThan(first.body.data.queue.waitingTimeEstimate);

    // Another office counts on its own, and gives out no estimate.
    const fund = await waitingNumber(server, FUNDBUERO);
    expect(fund.body.data.queue.number).toBe(1);
    expect(fund.body.data.queue).not.toHaveProperty('waitingTimeEstimate');

    // The next day starts again at the office's first number.
    server.clock.ms = at('2026-12-08', '08:45');
    expect((await waitingNumber(server, BUERGERBUERO)).body.data.queue.number).toBe(100);
    expect((await waitingNumber(server, FUNDBUERO)).body.data.queue.number).toBe(1);
  });

  it('refuses outside the walk-in hours, at an office without walk-ins, an unknown scope and a wrong hash', async () => {
    server = await startTestServer();
    server.clock.ms = at(MONDAY, '13:00');
    const closed = await waitingNumber(server, BUERGERBUERO);
    expect(closed.status).toBe(423);
    expect(closed.body.meta).toMatchObject({
      error: true,
      exception: expect.stringMatching(/TicketprinterNotEnabled$/),
    });
    server.clock.ms = at('2026-12-12', '10:00'); // a Saturday
    expect((await waitingNumber(server, BUERGERBUERO)).status).toBe(423);
    server.clock.ms = at(MONDAY, '10:00');
    expect((await waitingNumber(server, ORDNUNGSAMT)).status).toBe(423);
    const unknown = await waitingNumber(server, 99999);
    expect(unknown.status).toBe(404);
    expect(unknown.body.meta.exception).toMatch(/ScopeNotFound$/);
    const wrongHash = await waitingNumber(server, BUERGERBUERO, 'notTheKiosksPrinter');
    expect(wrongHash.status).toBe(403);
    expect(wrongHash.body.meta.exception).toMatch(/TicketprinterHashNotValid$/);
    // Nothing was given out by the refusals: the first number is still the first.
    expect((await waitingNumber(server, BUERGERBUERO)).body.data.queue.number).toBe(100);
  });

  it('keeps the day’s numbers in its SQLite across a restart', async () => {
    server = await startTestServer();
    server.clock.ms = at(MONDAY, '09:00');
    await waitingNumber(server, FUNDBUERO);
    await waitingNumber(server, FUNDBUERO);
    await server.server.close();
    const { startAppointmentServer } = await import('../../appointments');
    const again = await startAppointmentServer({ dataDir: server.dataDir, now: () => at(MONDAY, '09:05') });
    try {
      const answer = await fetch(`${again.zmsApiUrl}/scope/${FUNDBUERO}/waitingnumber/${SAMPLE_TICKETPRINTER_HASH}/`);
      expect(((await answer.json()) as { data: { queue: { number: number } } }).data.queue.number).toBe(3);
    } finally {
      await again.close();
    }
  });
});

describe('the kiosk’s client', () => {
  it('reads the number and estimate, and tells closed, refused and unreachable apart', async () => {
    server = await startTestServer();
    server.clock.ms = at(MONDAY, '09:00');
    const walkIns = client(walkInConfig(server)).walkIns!;
    expect(await walkIns.takeNumber('buergerbuero')).toEqual({
      number: '100',
      arrivalTime: slotAt(MONDAY, '09:00'),
      waitingMinutes: expect.any(Number),
    });
    expect((await walkIns.takeNumber('fundbuero')).waitingMinutes).toBeNull();
    await expect(walkIns.takeNumber('ordnungsamt')).rejects.toMatchObject({ kind: 'closed' });
    await expect(walkIns.takeNumber('steueramt')).rejects.toMatchObject({ kind: 'not-offered' });
    server.server.faults.add({ route: 'waitingnumber', status: 503 });
    await expect(walkIns.takeNumber('buergerbuero')).rejects.toMatchObject({ kind: 'server' });
    const config = walkInConfig(server);
    await server.stop();
    server = undefined;
    const error = await client(config)
      .walkIns!.takeNumber('buergerbuero')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppointmentError);
    expect((error as AppointmentError).kind).toBe('unreachable');
  });
});

describe('walk-ins at the kiosk (core)', () => {
  it('lists the offices with their walk-in hours and draws a number, printed on A4 and 80 mm', async () => {
    const { kiosk } = await booted(at(MONDAY, '09:00'));
    const { offices } = await kiosk.value('walkIn.offices', {});
    expect(offices.map((office) => office.officeId)).toEqual(['buergerbuero', 'fundbuero', 'ordnungsamt']);
    expect(offices[0]!.opening).toMatchObject({ openNow: true, until: new Date(at(MONDAY, '12:00')).toISOString() });
    const taken = await kiosk.value('walkIn.take', { officeId: 'buergerbuero' });
    expect(taken).toEqual({
      outcome: 'number',
      ticket: {
        officeId: 'buergerbuero',
        number: '100',
        takenAt: new Date(at(MONDAY, '09:00')).toISOString(),
        waitingMinutes: expect.any(Number),
      },
    });
    const second = await kiosk.value('walkIn.take', { officeId: 'buergerbuero' });
    expect(second.outcome === 'number' && second.ticket.number).toBe('101');

    const pdfDir = tempDir('kiosk-walkin-pdf-');
    dirs.push(pdfDir);
    for (const layout of ['a4', 'receipt80'] as const) {
      const file = await kiosk.value('walkIn.receipt', { layout, language: 'de' });
      const pdf = join(pdfDir, `${layout}.pdf`);
      writeFileSync(pdf, Buffer.from(file.pdfBase64, 'base64'));
      // Lines wrap differently on 80 mm: compared with the white space folded.
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('Ihre Wartenummer');
      expect(text).toContain('101');
      expect(text).toContain('Wartezeit');
      expect(text).toMatch(/etwa \d+ Minute/);
      expect(text).toContain('Bürgerservicebüro');
      expect(text).toContain('Eingang');
      expect(text).toContain('7. Dezember 2026');
    }
    // An office that gives out no estimate: said plainly, in the resident's language (English here).
    await kiosk.value('walkIn.take', { officeId: 'fundbuero' });
    const file = await kiosk.value('walkIn.receipt', { layout: 'receipt80', language: 'en' });
    const pdf = join(pdfDir, 'fund.pdf');
    writeFileSync(pdf, Buffer.from(file.pdfBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Your waiting number');
    expect(text).toContain('not known');

    // "Fertig": the number is forgotten, nothing left to print.
    expect(await kiosk.value('walkIn.done', {})).toEqual({ forgotten: true });
    expect((await kiosk.call('walkIn.receipt', { layout: 'a4', language: 'de' })).ok).toBe(false);
  });

  it('a closed office: when it takes walk-ins next, without asking the server; the server’s refusal as well', async () => {
    const { kiosk, t, move } = await booted(at(MONDAY, '09:00'));
    move(at(MONDAY, '13:00'));
    const closed = await kiosk.value('walkIn.take', { officeId: 'buergerbuero' });
    expect(closed).toEqual({
      outcome: 'closed',
      opening: expect.objectContaining({ openNow: false, from: new Date(at('2026-12-08', '08:30')).toISOString() }),
    });
    expect(t.server.faults.fired()).toHaveLength(0);
    // Open by the kiosk's data, refused by the office: the next walk-in block after this one.
    const refused = await kiosk.value('walkIn.take', { officeId: 'ordnungsamt' });
    expect(refused).toEqual({
      outcome: 'closed',
      opening: expect.objectContaining({ from: new Date(at('2026-12-08', '07:00')).toISOString() }),
    });
    // An office that takes no walk-ins at all is a validation error, nothing asked.
    const invalid = await kiosk.call('walkIn.take', { officeId: 'steueramt' });
    expect(invalid.ok).toBe(false);
  });

  it('server down or failing: unavailable (the screen names the phone), and the kiosk keeps working', async () => {
    const { kiosk, t } = await booted(at(MONDAY, '09:00'));
    t.server.faults.add({ route: 'waitingnumber', status: 500 });
    expect(await kiosk.value('walkIn.take', { officeId: 'buergerbuero' })).toEqual({ outcome: 'unavailable' });
    await t.stop();
    server = undefined;
    expect(await kiosk.value('walkIn.take', { officeId: 'fundbuero' })).toEqual({ outcome: 'unavailable' });
    expect((await kiosk.value('walkIn.offices', {})).offices).toHaveLength(3);
    expect(kiosk.logger.lines.filter((line) => line.event === 'walkin.no_number')).toHaveLength(2);
  });
});
