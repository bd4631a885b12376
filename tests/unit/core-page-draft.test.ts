import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore, removeDir, scanForCanary, type TestCore } from '../fixtures/core-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';
import { openHubCore, startRealHub, untilOnline, type RealHub } from './hub-client-helpers';

/**
 * Issue 14, item 2: what is typed on the current page before "Weiter" survives a reload (and a restart) and
 * goes with "Am Schalter weitermachen", sealed like the answers and kept apart from them: it was never
 * validated, so it is never an answer. Real core, real SQLite file; the handover against the real hub.
 */

let kiosk: TestCore | undefined;
let hub: RealHub | undefined;
afterEach(async () => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
  await hub?.close();
  hub = undefined;
});

const canary = () => `Kanarien${Date.now().toString(36)}vogel`;

describe('the current page’s unconfirmed entries', () => {
  it('are saved sealed, come back after a restart, are no answer, and go with the next page change', async () => {
    let k = (kiosk = openTestCore());
    const view = await k.value('session.start', { serviceId: 'test-move', language: 'de' });
    const typed = canary();
    const saved = await k.value('session.saveDraft', {
      sessionId: view.sessionId,
      stepId: 'name',
      values: { fullName: typed, notAField: 'x' },
    });
    expect(saved).toEqual({ saved: true });
    // Sealed with the session's key, as the answers: not in any file in plain text.
    expect(scanForCanary(k.dataDir, typed)).toEqual([]);

    // A restart (crash or reload): the page comes back with what was typed, and only its own fields.
    k = kiosk = k.reopen();
    const resumed = (await k.value('session.resume', {}))!;
    expect(resumed.pageDraft).toEqual({ stepId: 'name', values: { fullName: typed } });
    expect(resumed.answers).toEqual({});

    // "Weiter" with it: now it is an answer, and the page's entries are gone.
    const next = await k.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'name',
      values: { fullName: typed },
    });
    expect(next.answers).toEqual({ fullName: typed });
    expect(next.pageDraft).toBeUndefined();
    // A save for a page no longer on screen (it arrived late) is not kept.
    expect(
      await k.value('session.saveDraft', { sessionId: view.sessionId, stepId: 'name', values: { fullName: 'x' } }),
    ).toEqual({ saved: false });
    expect((await k.value('session.resume', {}))!.pageDraft).toBeUndefined();
  });

  it('a refused "Weiter" keeps what was typed as the page’s entries, not as an answer', async () => {
    const k = (kiosk = openTestCore());
    const view = await k.value('session.start', { serviceId: 'test-move', language: 'de' });
    await k.value('session.answer', { sessionId: view.sessionId, stepId: 'name', values: MOVE_ANSWERS.name });
    const wrong = { birthDate: { day: '31', month: '2', year: '1980' } };
    const refused = await k.call('session.answer', { sessionId: view.sessionId, stepId: 'birth', values: wrong });
    expect(refused.ok).toBe(false);
    const resumed = (await k.value('session.resume', {}))!;
    expect(resumed.pageDraft).toEqual({ stepId: 'birth', values: wrong });
    expect(resumed.answers).not.toHaveProperty('birthDate');
    // Going back leaves the page: its entries go, as they would from the screen.
    const back = await k.value('session.back', { sessionId: view.sessionId });
    expect(back.pageDraft).toBeUndefined();
  });

  it('"Am Schalter weitermachen" carries them to the desk apart from the answers', async () => {
    hub = await startRealHub();
    const k = (kiosk = openHubCore(hub));
    await untilOnline(k);
    const view = await k.value('session.start', { serviceId: 'test-move', language: 'de' });
    await k.value('session.answer', { sessionId: view.sessionId, stepId: 'name', values: MOVE_ANSWERS.name });
    // Half a date: not valid yet, so only ever shown at the desk as typed, never as an answer.
    const typed = { birthDate: { day: '27', month: '03', year: '19' } };
    expect(await k.value('session.saveDraft', { sessionId: view.sessionId, stepId: 'birth', values: typed })).toEqual({
      saved: true,
    });
    const ticket = await k.value('handover.start', { sessionId: view.sessionId });
    if (!ticket.stored) throw new Error('handover not stored');
    const opened = await hub.staff.post('/handover/open', { code: ticket.code });
    expect(opened.status).toBe(200);
    const body = opened.body as { answers: Record<string, unknown>; pending?: unknown };
    expect(body.pending).toEqual({ stepId: 'birth', values: typed });
    expect(body.answers).not.toHaveProperty('birthDate');
    expect(body.answers).toHaveProperty('fullName');
  });
});
