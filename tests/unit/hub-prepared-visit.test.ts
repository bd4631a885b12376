import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompactEncrypt, importJWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { scanForCanary } from '../fixtures/core-harness';
import { connectKiosk } from '../fixtures/hub-harness';
import { startHelpHub, type HelpHub } from './hub-help-helpers';

/**
 * A prepared visit (Führungszeugnis, done in person) continued at the desk: the console's catalogue marks it as
 * in person, staff read it and close it (the draft is deleted, audited); it can never be "sent", and an
 * application's draft cannot be closed this way. The hub runs with the shipped services (resources/).
 */

const SHIPPED_RESOURCES = join(import.meta.dirname, '..', '..', 'resources');

let h: HelpHub;
beforeAll(async () => {
  h = await startHelpHub(SHIPPED_RESOURCES);
});
afterAll(() => h.t.close());

async function deposit(serviceId: string, code: string, answers: Record<string, unknown>): Promise<string> {
  const kiosk = await connectKiosk(h.t.hub, h.credential);
  const welcome = await kiosk.next('welcome');
  const key = await importJWK(welcome.handoverKey as Record<string, unknown>, 'RSA-OAEP-256');
  const sealedDraft = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify({ answers })))
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'application/json' })
    .encrypt(key);
  const handoverId = randomUUID();
  kiosk.send({ type: 'handover.deposit', handoverId, code, serviceId, language: 'de', sealedDraft });
  await kiosk.next('handover.stored');
  kiosk.close();
  return handoverId;
}

describe('a prepared visit at the desk', () => {
  it('the console catalogue says which services are done in person', async () => {
    const catalog = (await h.meyer.get('/catalog')).body as {
      de: { serviceId: string; inPerson: boolean }[];
    };
    const inPerson = (id: string) => catalog.de.find((service) => service.serviceId === id)?.inPerson;
    expect(inPerson('fuehrungszeugnis')).toBe(true);
    expect(inPerson('personalausweis')).toBe(true);
    expect(inPerson('sperrmuell')).toBe(false);
  });

  it('is read and closed: the draft is gone, nothing sent, both audited', async () => {
    const code = '7KQM-4XRT';
    const handoverId = await deposit('fuehrungszeugnis', code, { familyName: 'Brinkmann' });
    expect(scanForCanary(h.t.dataDir, 'Brinkmann')).toEqual([]);
    const opened = await h.meyer.post('/handover/open', { code });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ serviceId: 'fuehrungszeugnis', answers: { familyName: 'Brinkmann' } });

    // Sending it is refused by the desk core (a visit is prepared, not sent).
    expect(
      (await h.meyer.post(`/handover/${handoverId}/submit`, { answers: { familyName: 'Brinkmann' } })).status,
    ).not.toBe(200);
    const closed = await h.meyer.post(`/handover/${handoverId}/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.body).toEqual({ closed: true });
    expect((await h.meyer.post('/handover/open', { code })).status).toBe(404);
    expect((await h.meyer.post(`/handover/${handoverId}/close`, {})).status).toBe(404);

    const audit = (
      (await h.admin.get('/audit')).body as { action: string; outcome: string; subjectId: string | null }[]
    )
      .filter((entry) => entry.subjectId === handoverId)
      .map((entry) => `${entry.action}:${entry.outcome}`);
    expect(audit).toEqual(expect.arrayContaining(['handover.open:ok', 'handover.close:ok', 'handover.close:refused']));
  });

  it("an application's draft is not closed this way: it stays for sending", async () => {
    const code = '7KQM-5XRT';
    const handoverId = await deposit('sperrmuell', code, {});
    const refused = await h.meyer.post(`/handover/${handoverId}/close`, {});
    expect(refused.status).toBe(409);
    expect((await h.meyer.post('/handover/open', { code })).status).toBe(200);
  });
});
