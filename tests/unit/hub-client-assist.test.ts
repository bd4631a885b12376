import { afterEach, describe, expect, it } from 'vitest';
import type { KioskEvent, SessionView } from '../../contract';
import { removeDir, rowCounts, scanForCanary, type TestCore } from '../fixtures/core-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';
import { startTestHub, type TestHub } from '../e2e/support/hub-test-server';
import { helpState, openHubCore, TEST_BACKOFF, until, untilOnline } from './hub-client-helpers';

/**
 * Help request, consent, live view, guide, takeover and continue-at-the-desk,
 * end to end between the real core (real SQLite file) and a real WebSocket
 * server on 127.0.0.1 standing in for the hub built in parallel.
 */

let kiosk: TestCore | undefined;
let hub: TestHub | undefined;
afterEach(async () => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
  await hub?.close();
  hub = undefined;
});

async function setUp(): Promise<{ k: TestCore; h: TestHub; view: SessionView; requestId: string }> {
  hub = await startTestHub();
  kiosk = openHubCore(hub);
  await untilOnline(kiosk);
  const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
  await kiosk.value('help.request', { reason: 'button' });
  const sent = await hub.waitFor('help.request');
  return { k: kiosk, h: hub, view, requestId: sent.request.requestId };
}

const helpEvents = (events: KioskEvent[]) =>
  events.flatMap((event) => (event.type === 'help.changed' ? [event.state.status] : []));

describe('hub client: help and assist', () => {
  it('request → accepted → consent declined sends no answers', async () => {
    const { k, h, view, requestId } = await setUp();
    expect((await helpState(k)).status).toBe('waiting');
    h.send({ type: 'help.accepted', requestId, staffName: 'Frau Meyer' });
    await until(async () => (await helpState(k)).status === 'accepted');
    expect(await helpState(k)).toMatchObject({ status: 'accepted', staffName: 'Frau Meyer' });
    h.send({ type: 'consent.request', requestId, staffName: 'Frau Meyer' });
    await until(async () => (await helpState(k)).status === 'consent');
    expect((await k.value('help.consent', { granted: false })).status).toBe('accepted');
    await k.value('session.answer', { sessionId: view.sessionId, stepId: 'name', values: MOVE_ANSWERS.name });
    await h.waitFor('consent.answer');
    expect(h.received.find((message) => message.type === 'consent.answer')).toMatchObject({ granted: false });
    expect(h.received.some((message) => message.type === 'live.snapshot')).toBe(false);
    expect(JSON.stringify(h.received)).not.toContain('Mustermann');
    expect(helpEvents(k.events)).toEqual(['idle', 'waiting', 'accepted', 'consent', 'accepted']);
  });

  it('consent → snapshots, guide, takeover through the same validation, resident stops', async () => {
    const { k, h, view, requestId } = await setUp();
    await k.value('session.answer', { sessionId: view.sessionId, stepId: 'name', values: MOVE_ANSWERS.name });
    h.send({ type: 'help.accepted', requestId, staffName: 'Frau Meyer' });
    h.send({ type: 'consent.request', requestId, staffName: 'Frau Meyer' });
    await until(async () => (await helpState(k)).status === 'consent');
    await k.value('help.consent', { granted: true });
    const first = await h.waitFor('live.snapshot');
    expect(first.snapshot.answers).toEqual({ fullName: 'Erika Mustermann' });

    h.send({ type: 'guide.highlight', requestId, target: 'field:birthDate' });
    await until(() => k.events.find((event) => event.type === 'guide.highlight'));

    // Takeover before takeover.start is refused.
    const early = '00000000-0000-4000-8000-000000000001';
    h.send({ type: 'takeover.answer', requestId, commandId: early, stepId: 'birth', values: MOVE_ANSWERS.birth! });
    expect(await h.waitFor('takeover.result', (m) => m.commandId === early)).toMatchObject({
      ok: false,
      errorCode: 'not_in_takeover',
    });

    h.send({ type: 'takeover.start', requestId, staffName: 'Frau Meyer' });
    await until(async () => (await helpState(k)).status === 'takeover');
    // An invalid answer is refused by the service's rules, as a tap would be.
    const bad = '00000000-0000-4000-8000-000000000002';
    h.send({
      type: 'takeover.answer',
      requestId,
      commandId: bad,
      stepId: 'birth',
      values: { birthDate: { day: '40', month: '13', year: '1964' } },
    });
    const refused = await h.waitFor('takeover.result', (m) => m.commandId === bad);
    expect(refused.ok).toBe(false);
    expect(refused.errorCode).toBe('validation');
    expect(refused.fieldErrors?.[0]?.field).toBe('birthDate');

    const good = '00000000-0000-4000-8000-000000000003';
    h.send({ type: 'takeover.answer', requestId, commandId: good, stepId: 'birth', values: MOVE_ANSWERS.birth! });
    expect(await h.waitFor('takeover.result', (m) => m.commandId === good)).toMatchObject({ ok: true });
    const changed = await until(() => k.events.find((event) => event.type === 'session.changed'));
    expect(changed.type === 'session.changed' && changed.view.position).toMatchObject({ stepId: 'address' });
    // Committed durably like a tap: the core's own view has it.
    const resumed = await k.value('session.resume', {});
    expect(resumed?.answers.birthDate).toBe('1964-08-12');
    await h.waitFor('live.snapshot', (m) => m.snapshot.answers.birthDate === '1964-08-12');

    const back = '00000000-0000-4000-8000-000000000004';
    h.send({ type: 'takeover.navigate', requestId, commandId: back, action: 'back' });
    expect(await h.waitFor('takeover.result', (m) => m.commandId === back)).toMatchObject({ ok: true });

    // One tap ends it: no more snapshots after live.stopped.
    expect((await k.value('help.stopAssist', {})).status).toBe('accepted');
    expect(await h.waitFor('live.stopped')).toMatchObject({ by: 'resident' });
    const count = h.received.filter((message) => message.type === 'live.snapshot').length;
    const after = await k.value('session.resume', {});
    await k.value('session.answer', {
      sessionId: after!.sessionId,
      stepId: 'birth',
      values: MOVE_ANSWERS.birth,
    });
    await h.waitFor('activity', (m) => m.activity.stepId === 'address');
    expect(h.received.filter((message) => message.type === 'live.snapshot')).toHaveLength(count);
  });

  it("the resident's session end stops the live view", async () => {
    const { k, h, view, requestId } = await setUp();
    h.send({ type: 'help.accepted', requestId, staffName: 'Herr Öztürk' });
    h.send({ type: 'consent.request', requestId, staffName: 'Herr Öztürk' });
    await until(async () => (await helpState(k)).status === 'consent');
    await k.value('help.consent', { granted: true });
    await k.value('session.end', { sessionId: view.sessionId, reason: 'resident' });
    expect(await h.waitFor('live.stopped')).toMatchObject({ requestId, by: 'session_end' });
    expect((await helpState(k)).status).toBe('accepted');
  });

  it('continue at the desk: sealed for the hub, stored, then wiped here with no trace of the answers', async () => {
    const { k, h, view } = await setUp();
    const canary = `Kanarien${Date.now().toString(36)}vogel`;
    await k.value('session.answer', { sessionId: view.sessionId, stepId: 'name', values: { fullName: canary } });
    const ticket = await k.value('handover.start', { sessionId: view.sessionId });
    if (!ticket.stored) throw new Error('handover not stored');
    expect(ticket.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(ticket.qr.length).toBeGreaterThanOrEqual(21);
    const deposit = await h.waitFor('handover.deposit');
    expect(deposit.sealedDraft.split('.')).toHaveLength(5);
    expect(deposit.sealedDraft).not.toContain(canary);
    expect(h.handovers.get(ticket.code)).toMatchObject({
      serviceId: 'test-move',
      language: 'de',
      answers: { fullName: canary },
      position: { kind: 'step', stepId: 'birth' },
    });
    expect(k.events).toContainEqual({ type: 'session.ended', sessionId: view.sessionId, reason: 'handover' });
    expect(rowCounts(k.dataDir)).toMatchObject({ sessions: 0, drafts: 0, data_keys: 0 });
    expect(scanForCanary(k.dataDir, canary)).toEqual([]);
    expect(scanForCanary(k.dataDir, ticket.code)).toEqual([]);
    expect(JSON.stringify(k.logger.lines)).not.toContain(ticket.code);
  });

  it('a deposit the hub never confirms keeps the draft on the kiosk', async () => {
    hub = await startTestHub({ autoStoreHandover: false });
    kiosk = openHubCore(hub, {
      hub: { url: hub.url, enrolmentCode: hub.enrolmentCode, handoverTimeoutMs: 200, backoff: TEST_BACKOFF },
    });
    await untilOnline(kiosk);
    const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    expect(await kiosk.value('handover.start', { sessionId: view.sessionId })).toEqual({
      stored: false,
      reason: 'timeout',
    });
    expect(rowCounts(kiosk.dataDir)).toMatchObject({ sessions: 1 });
  });
});
