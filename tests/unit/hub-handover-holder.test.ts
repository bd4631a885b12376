import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompactEncrypt, importJWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { HANDOVER_TTL_MS } from '../../hub/stores/handover-store';
import { ADMIN, connectKiosk, login, STAFF, type StaffSession } from '../fixtures/hub-harness';
import { startHelpHub, type HelpHub } from './hub-help-helpers';

/**
 * Issue 17: a handover code is bound to the member of staff who opened it. A colleague can neither open nor
 * submit nor close it until the holder releases it; an admin may take it over (audited as a takeover); past
 * its time it is refused at submit even before the sweeper has dropped it. Real hub on 127.0.0.1, HTTP only.
 */

const SHIPPED_RESOURCES = join(import.meta.dirname, '..', '..', 'resources');
const SCHULZ = { username: 'schulz', displayName: 'Herr Schulz', password: 'Kranich-Wolke-Taschenlampe-91' };

let h: HelpHub;
let schulz: StaffSession;
beforeAll(async () => {
  h = await startHelpHub(SHIPPED_RESOURCES);
  await h.t.hub.createStaff({ ...SCHULZ, role: 'staff' });
  schulz = await login(h.t.hub, SCHULZ);
}, 60_000);
afterAll(() => h.t.close());

async function deposit(serviceId: string, code: string): Promise<string> {
  const kiosk = await connectKiosk(h.t.hub, h.credential);
  const welcome = await kiosk.next('welcome');
  const key = await importJWK(welcome.handoverKey as Record<string, unknown>, 'RSA-OAEP-256');
  const sealedDraft = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify({ answers: {} })))
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'application/json' })
    .encrypt(key);
  const handoverId = randomUUID();
  kiosk.send({ type: 'handover.deposit', handoverId, code, serviceId, language: 'de', sealedDraft });
  await kiosk.next('handover.stored');
  kiosk.close();
  return handoverId;
}

async function auditOf(handoverId: string, viewer: StaffSession = h.admin): Promise<string[]> {
  const entries = (await viewer.get('/audit')).body as {
    staffId: string;
    action: string;
    outcome: string;
    subjectId: string | null;
  }[];
  const names = new Map([
    [h.admin.staffId, 'admin'],
    [h.meyer.staffId, 'meyer'],
    [schulz.staffId, 'schulz'],
  ]);
  return entries
    .filter((entry) => entry.subjectId === handoverId)
    .reverse()
    .map((entry) => `${names.get(entry.staffId)}:${entry.action}:${entry.outcome}`);
}

describe('a handover code is bound to who opened it', () => {
  it('a colleague cannot open or submit it; release frees it; an admin takes it over, audited', async () => {
    const code = '7KQM-6XRT';
    const handoverId = await deposit('sperrmuell', code);
    const submit = (who: StaffSession) => who.post(`/handover/${handoverId}/submit`, { answers: {} });

    expect((await h.meyer.post('/handover/open', { code })).status).toBe(200);
    // Frau Meyer may open it again (a reload at her desk).
    expect((await h.meyer.post('/handover/open', { code })).status).toBe(200);
    const refused = await schulz.post('/handover/open', { code });
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ error: 'handover_held' });
    expect((await submit(schulz)).status).toBe(409);
    // Only the holder releases.
    expect((await schulz.post(`/handover/${handoverId}/release`)).status).toBe(409);
    // The holder's submit gets past the binding to the desk, which finds the empty draft incomplete.
    expect((await submit(h.meyer)).status).toBe(422);

    expect((await h.meyer.post(`/handover/${handoverId}/release`)).status).toBe(200);
    expect((await h.meyer.post(`/handover/${handoverId}/release`)).status).toBe(409);
    expect((await schulz.post('/handover/open', { code })).status).toBe(200);
    expect((await submit(h.meyer)).status).toBe(409);
    expect((await h.meyer.post('/handover/open', { code })).status).toBe(409);

    // The admin takes it from Herr Schulz: from now on only the admin submits.
    expect((await h.admin.post('/handover/open', { code })).status).toBe(200);
    expect((await submit(schulz)).status).toBe(409);
    expect((await submit(h.admin)).status).toBe(422);

    expect(await auditOf(handoverId)).toEqual([
      'meyer:handover.open:ok',
      'meyer:handover.open:ok',
      'schulz:handover.open:refused',
      'schulz:handover.submit:refused',
      'schulz:handover.release:refused',
      'meyer:handover.submit:refused',
      'meyer:handover.release:ok',
      'meyer:handover.release:refused',
      'schulz:handover.open:ok',
      'meyer:handover.submit:refused',
      'meyer:handover.open:refused',
      'admin:handover.takeover:ok',
      'schulz:handover.submit:refused',
      'admin:handover.submit:refused',
    ]);
  });

  it("a prepared visit's close follows the same binding", async () => {
    const code = '7KQM-7XRT';
    const handoverId = await deposit('fuehrungszeugnis', code);
    expect((await schulz.post(`/handover/${handoverId}/close`)).status).toBe(409);
    expect((await h.meyer.post('/handover/open', { code })).status).toBe(200);
    expect((await schulz.post(`/handover/${handoverId}/close`)).status).toBe(409);
    expect((await h.meyer.post(`/handover/${handoverId}/close`)).status).toBe(200);
    expect(await auditOf(handoverId)).toEqual([
      'schulz:handover.close:refused',
      'meyer:handover.open:ok',
      'schulz:handover.close:refused',
      'meyer:handover.close:ok',
    ]);
  });

  it('an expired handover is refused at submit and close, before the sweeper has dropped it', async () => {
    const application = await deposit('sperrmuell', '7KQM-8XRT');
    const visit = await deposit('fuehrungszeugnis', '7KQM-9XRT');
    expect((await h.meyer.post('/handover/open', { code: '7KQM-8XRT' })).status).toBe(200);
    expect((await h.meyer.post('/handover/open', { code: '7KQM-9XRT' })).status).toBe(200);
    // Time moves on without the sweeper's tick (FakeClock.advance would run it).
    h.t.clock.time += HANDOVER_TTL_MS;
    // A day on, every session has ended: both log in again.
    const meyer = await login(h.t.hub, STAFF);
    const admin = await login(h.t.hub, ADMIN);
    const submitted = await meyer.post(`/handover/${application}/submit`, { answers: {} });
    expect(submitted.status).toBe(410);
    expect(submitted.body).toEqual({ error: 'handover_expired' });
    expect((await meyer.post(`/handover/${visit}/close`)).status).toBe(410);
    expect((await auditOf(application, admin)).at(-1)).toBe('meyer:handover.submit:refused');
    expect((await auditOf(visit, admin)).at(-1)).toBe('meyer:handover.close:refused');
  });
});
