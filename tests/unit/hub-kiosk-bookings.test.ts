import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalToHub } from '../../contract/hub';
import { BookingNotices } from '../../core/hub-client/booking-notices';
import type { HubLink } from '../../core/hub-client/hub-link';
import { connectKiosk, enrol } from '../fixtures/hub-harness';
import { startHelpHub, type HelpHub } from './hub-help-helpers';

/**
 * Times booked at a kiosk (issue 16) reach the staff console through the hub: today's by office and time, one
 * found by its code, every look audited, cancelled ones marked, nothing kept past its day. The hub is the real
 * one (in-process, 127.0.0.1, temp dir) at 15 June 2025, 12:00 in Stade.
 */

let h: HelpHub;
beforeAll(async () => {
  h = await startHelpHub();
});
afterAll(() => h.t.close());

const booking = (code: string, startsAt: string, officeName = 'Bürgerservicebüro, Rathaus Stade') => ({
  code,
  serviceId: 'personalausweis',
  officeName,
  startsAt,
  familyName: 'Brinkmann',
});

describe('kiosk bookings at the hub', () => {
  it("lists today's bookings by office and time, finds one by code, audits both, marks a cancelled one", async () => {
    const kiosk = await connectKiosk(h.t.hub, h.credential);
    await kiosk.next('welcome');
    kiosk.send({ type: 'booking.made', booking: booking('48213-a9f3', '2025-06-15T13:30:00Z') });
    kiosk.send({ type: 'booking.made', booking: booking('48214-b1c2', '2025-06-15T08:00:00Z', 'Abfallwirtschaft') });
    kiosk.send({ type: 'booking.made', booking: booking('48215-c3d4', '2025-06-16T08:00:00Z') }); // tomorrow
    // The same notice again (after a reconnect) is one booking.
    kiosk.send({ type: 'booking.made', booking: booking('48213-a9f3', '2025-06-15T13:30:00Z') });
    kiosk.send({ type: 'booking.cancelled', code: '48214-b1c2' });

    await expect
      .poll(async () => ((await h.meyer.get('/bookings')).body as { code: string }[]).map((entry) => entry.code))
      .toEqual(['48214-b1c2', '48213-a9f3']);
    const list = (await h.meyer.get('/bookings')).body as Record<string, unknown>[];
    expect(list[0]).toEqual({
      ...booking('48214-b1c2', '2025-06-15T08:00:00.000Z', 'Abfallwirtschaft'),
      terminalName: expect.any(String),
      cancelled: true,
    });
    expect(list[1]).toMatchObject({ familyName: 'Brinkmann', cancelled: false, serviceId: 'personalausweis' });

    const found = await h.meyer.post('/bookings/find', { code: '48215-c3d4' });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ code: '48215-c3d4', startsAt: '2025-06-16T08:00:00.000Z' });
    expect((await h.meyer.post('/bookings/find', { code: '99999-zzzz' })).status).toBe(404);
    // A malformed code is refused at the contract, before any lookup.
    expect((await h.meyer.post('/bookings/find', { code: "1' OR 1=1" })).status).toBe(400);

    const audit = ((await h.admin.get('/audit')).body as { action: string; outcome: string }[])
      .filter((entry) => entry.action.startsWith('bookings.'))
      .map((entry) => `${entry.action}:${entry.outcome}`);
    expect(audit).toEqual(expect.arrayContaining(['bookings.list:ok', 'bookings.find:ok', 'bookings.find:refused']));
    kiosk.close();
  });

  it('a kiosk cannot cancel another kiosk’s booking, and bookings go a day after their time', async () => {
    const { credential } = await enrol(h.t.hub, h.admin);
    const other = await connectKiosk(h.t.hub, credential);
    await other.next('welcome');
    other.send({ type: 'booking.cancelled', code: '48213-a9f3' });
    // Messages are handled in order: once this one is listed, the cancel before it has been handled.
    other.send({ type: 'booking.made', booking: booking('48216-d5e6', '2025-06-15T14:00:00Z') });
    await expect.poll(async () => (await h.meyer.post('/bookings/find', { code: '48216-d5e6' })).status).toBe(200);
    const kept = (await h.meyer.post('/bookings/find', { code: '48213-a9f3' })).body as { cancelled: boolean };
    expect(kept.cancelled).toBe(false);
    other.close();

    h.t.clock.advance(2 * 24 * 60 * 60_000);
    const db = new Database(join(h.t.dataDir, 'hub.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM kiosk_bookings').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});

describe('the kiosk keeps a notice the hub could not take until it is connected again', () => {
  it('sends in order after the connection opens; never more than 100 waiting', () => {
    const sent: TerminalToHub[] = [];
    let online = false;
    const link = { send: (message: TerminalToHub) => online && sent.push(message) > 0 } as unknown as HubLink;
    const notices = new BookingNotices(link);
    notices.made(booking('1-a', '2025-06-15T13:30:00Z'));
    notices.cancelled('1-a');
    expect(sent).toEqual([]);
    online = true;
    notices.flush();
    expect(sent.map((message) => message.type)).toEqual(['booking.made', 'booking.cancelled']);

    online = false;
    for (let index = 0; index < 120; index += 1) notices.cancelled(`${index}-a`);
    online = true;
    sent.length = 0;
    notices.flush();
    expect(sent).toHaveLength(100);
    expect(sent[0]).toEqual({ type: 'booking.cancelled', code: '20-a' });
  });
});
