import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompactEncrypt, importJWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { peekDb, scanForCanary } from '../fixtures/core-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';
import { connectKiosk } from '../fixtures/hub-harness';
import { startHelpHub, type HelpHub } from './hub-help-helpers';

/** Continue at the desk: a kiosk deposits a sealed draft, staff open it by code and submit it through the desk core. */

let h: HelpHub;
beforeAll(async () => {
  h = await startHelpHub();
});
afterAll(() => h.t.close());

describe('continue at the desk', () => {
  it('stores the sealed draft, opens it by code (audited), and submits it through the desk core', async () => {
    const { t, admin, meyer, credential } = h;
    const kiosk = await connectKiosk(t.hub, credential);
    const welcome = await kiosk.next('welcome');
    const key = await importJWK(welcome.handoverKey as Record<string, unknown>, 'RSA-OAEP-256');
    const draft = {
      answers: {
        fullName: 'Erika Mustermann',
        birthDate: '1964-08-12',
        postcode: '21682',
        moveDate: '2025-07-01',
        household: 'family',
        persons: 3,
        extras: ['pets'],
        email: 'erika@example.org',
        notes: 'Zweiter Stock',
        consent: true,
      },
    };
    const sealedDraft = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(draft)))
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'application/json' })
      .encrypt(key);
    const handoverId = randomUUID();
    const code = '7KQM-3XRT';
    kiosk.send({ type: 'handover.deposit', handoverId, code, serviceId: 'test-move', language: 'de', sealedDraft });
    expect((await kiosk.next('handover.stored')).handoverId).toBe(handoverId);
    // Stored sealed: the name is nowhere in the hub's files.
    expect(scanForCanary(t.dataDir, 'Mustermann')).toEqual([]);

    expect((await meyer.post('/handover/open', { code: '2222-3333' })).status).toBe(404);
    const opened = await meyer.post('/handover/open', { code });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ handoverId, serviceId: 'test-move', language: 'de', answers: draft.answers });

    const answers = Object.assign({}, ...Object.values(MOVE_ANSWERS)) as Record<string, unknown>;
    // The desk core validates as a kiosk does: a missing answer comes back as a field error, nothing is sent.
    const incomplete = await meyer.post(`/handover/${handoverId}/submit`, { answers: { ...answers, fullName: '' } });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body).toMatchObject({
      error: 'validation',
      fieldErrors: [{ field: 'fullName', code: 'required' }],
    });
    const submitted = await meyer.post(`/handover/${handoverId}/submit`, { answers });
    expect(submitted.status).toBe(200);
    expect((submitted.body as { reference: string }).reference).toMatch(/\S+/);
    // In the desk core's outbox, as a kiosk's would be; still nothing readable on disk.
    expect(peekDb(join(t.dataDir, 'desk'), (db) => db.prepare('SELECT COUNT(*) AS n FROM outbox').get())).toEqual({
      n: 1,
    });
    expect(scanForCanary(t.dataDir, 'Mustermann')).toEqual([]);
    // Submitted once: the draft is gone.
    expect((await meyer.post('/handover/open', { code })).status).toBe(404);
    expect((await meyer.post(`/handover/${handoverId}/submit`, { answers })).status).toBe(404);

    const audit = (
      (await admin.get('/audit')).body as { action: string; outcome: string; subjectId: string | null }[]
    ).filter((entry) => entry.action.startsWith('handover.'));
    expect(audit.map((entry) => `${entry.action}:${entry.outcome}`)).toEqual(
      expect.arrayContaining([
        'handover.open:refused',
        'handover.open:ok',
        'handover.submit:ok',
        'handover.submit:refused',
      ]),
    );
    kiosk.close();
  });
});
