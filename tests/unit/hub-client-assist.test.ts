import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { KioskEvent, SessionView } from '../../contract';
import type { HelpRequestView } from '../../contract/hub';
import { writeCredential } from '../../core/hub-client/credential-file';
import { openTestCore, removeDir, rowCounts, scanForCanary, type TestCore } from '../fixtures/core-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';
import {
  helpState,
  openHubCore,
  startRealHub,
  TEST_BACKOFF,
  until,
  untilOnline,
  type RealHub,
} from './hub-client-helpers';

/**
 * Help request, consent, live view, guide, takeover and continue-at-the-desk between the real core (real
 * SQLite file) and the real hub (createHub in-process on 127.0.0.1). Staff act through the console API;
 * what the kiosk sent is checked on the staff member's console socket.
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

async function setUp(): Promise<{ k: TestCore; h: RealHub; view: SessionView; requestId: string }> {
  hub = await startRealHub();
  kiosk = openHubCore(hub);
  await untilOnline(kiosk);
  const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
  await kiosk.value('help.request', { reason: 'button' });
  const alert = await hub.console.next('help.new');
  const requestId = (alert.request as HelpRequestView).requestId;
  expect((await hub.staff.post(`/help/${requestId}/accept`)).status).toBe(200);
  return { k: kiosk, h: hub, view, requestId };
}

const helpEvents = (events: KioskEvent[]) =>
  events.flatMap((event) => (event.type === 'help.changed' ? [event.state.status] : []));

/** Staff ask for consent and the resident answers. */
async function consent(k: TestCore, h: RealHub, requestId: string, granted: boolean): Promise<void> {
  expect((await h.staff.post(`/help/${requestId}/consent`)).status).toBe(200);
  await until(async () => (await helpState(k)).status === 'consent');
  await k.value('help.consent', { granted });
}

const snapshots = (h: RealHub) => h.console.of('live.snapshot');

describe('hub client: help and assist', () => {
  it('request → accepted → consent declined sends no answers', async () => {
    const { k, h, view, requestId } = await setUp();
    await until(async () => (await helpState(k)).status === 'accepted');
    expect(await helpState(k)).toMatchObject({ status: 'accepted', staffName: 'Frau Meyer' });
    await consent(k, h, requestId, false);
    await k.value('session.answer', { sessionId: view.sessionId, stepId: 'name', values: MOVE_ANSWERS.name });
    await h.console.next('queue', (message) =>
      (message.requests as HelpRequestView[]).some((request) => request.consent === 'declined'),
    );
    expect(snapshots(h)).toEqual([]);
    expect(JSON.stringify(h.console.messages)).not.toContain('Mustermann');
    expect(helpEvents(k.events)).toEqual(['idle', 'waiting', 'accepted', 'consent', 'accepted']);
  });

  it('consent → snapshots, guide, takeover through the same validation, resident stops', async () => {
    const { k, h, view, requestId } = await setUp();
    await k.value('session.answer', { sessionId: view.sessionId, stepId: 'name', values: MOVE_ANSWERS.name });
    await consent(k, h, requestId, true);
    const first = await h.console.next('live.snapshot');
    expect((first.snapshot as { answers: unknown }).answers).toEqual({ fullName: 'Erika Mustermann' });

    expect((await h.staff.post(`/help/${requestId}/guide`, { target: 'field:birthDate' })).status).toBe(200);
    await until(() => k.events.find((event) => event.type === 'guide.highlight'));

    // The hub refuses takeover commands before the takeover started.
    const early = await h.staff.post(`/help/${requestId}/takeover/answer`, {
      stepId: 'birth',
      values: MOVE_ANSWERS.birth,
    });
    expect(early.status).toBeGreaterThanOrEqual(400);

    expect((await h.staff.post(`/help/${requestId}/takeover/start`)).status).toBe(200);
    await until(async () => (await helpState(k)).status === 'takeover');
    // An invalid answer is refused by the service's rules on the kiosk, as a tap would be.
    const bad = await h.staff.post(`/help/${requestId}/takeover/answer`, {
      stepId: 'birth',
      values: { birthDate: { day: '40', month: '13', year: '1964' } },
    });
    const badId = (bad.body as { commandId: string }).commandId;
    const refused = await h.console.next('takeover.result', (m) => m.commandId === badId);
    expect(refused).toMatchObject({ ok: false, errorCode: 'validation' });
    expect((refused.fieldErrors as { field: string }[])[0]?.field).toBe('birthDate');

    const good = await h.staff.post(`/help/${requestId}/takeover/answer`, {
      stepId: 'birth',
      values: MOVE_ANSWERS.birth,
    });
    const goodId = (good.body as { commandId: string }).commandId;
    expect(await h.console.next('takeover.result', (m) => m.commandId === goodId)).toMatchObject({ ok: true });
    const changed = await until(() => k.events.find((event) => event.type === 'session.changed'));
    expect(changed.type === 'session.changed' && changed.view.position).toMatchObject({ stepId: 'address' });
    // Committed durably like a tap: the core's own view has it.
    const resumed = await k.value('session.resume', {});
    expect(resumed?.answers.birthDate).toBe('1964-08-12');
    await h.console.next(
      'live.snapshot',
      (m) => (m.snapshot as { answers: Record<string, unknown> }).answers.birthDate === '1964-08-12',
    );

    const back = await h.staff.post(`/help/${requestId}/takeover/navigate`, { action: 'back' });
    const backId = (back.body as { commandId: string }).commandId;
    expect(await h.console.next('takeover.result', (m) => m.commandId === backId)).toMatchObject({ ok: true });

    // One tap ends it: the console learns it, and no snapshot follows.
    expect((await k.value('help.stopAssist', {})).status).toBe('accepted');
    expect(await h.console.next('live.stopped')).toMatchObject({ requestId, by: 'resident' });
    const count = snapshots(h).length;
    const after = await k.value('session.resume', {});
    await k.value('session.answer', { sessionId: after!.sessionId, stepId: 'birth', values: MOVE_ANSWERS.birth });
    await h.console.next('queue', (m) =>
      (m.requests as HelpRequestView[]).some((request) => request.activity.stepId === 'address'),
    );
    expect(snapshots(h)).toHaveLength(count);
  });

  it("the resident's session end stops the live view", async () => {
    const { k, h, view, requestId } = await setUp();
    await consent(k, h, requestId, true);
    await h.console.next('live.snapshot');
    await k.value('session.end', { sessionId: view.sessionId, reason: 'resident' });
    expect(await h.console.next('live.stopped')).toMatchObject({ requestId, by: 'session_end' });
    expect((await helpState(k)).status).toBe('accepted');
  });

  it('staff guiding or filling in keeps the session alive; while the request is open nothing runs out', async () => {
    const { k, h, view, requestId } = await setUp();
    await consent(k, h, requestId, true);
    await h.console.next('live.snapshot');
    const idleEvents = () => k.events.filter((event) => event.type === 'session.idle');
    const remaining = async () => (await k.value('session.resume', {}))?.idle.remainingMs;

    // 100 s without a touch, then staff point at a field: the idle clock starts again, and the renderer hears it.
    k.clock.advance(100_000);
    expect((await h.staff.post(`/help/${requestId}/guide`, { target: 'field:fullName' })).status).toBe(200);
    const guided = await until(() => idleEvents()[0]);
    expect(guided).toEqual({ type: 'session.idle', sessionId: view.sessionId, idle: expect.any(Object) });
    expect(guided.type === 'session.idle' && guided.idle.remainingMs).toBe(120_000);
    expect(await remaining()).toBe(120_000);

    // Taking over: even an answer the service refuses shows that someone is there.
    expect((await h.staff.post(`/help/${requestId}/takeover/start`)).status).toBe(200);
    await until(async () => (await helpState(k)).status === 'takeover');
    k.clock.advance(100_000);
    const bad = await h.staff.post(`/help/${requestId}/takeover/answer`, { stepId: 'name', values: { fullName: '' } });
    const badId = (bad.body as { commandId: string }).commandId;
    expect(await h.console.next('takeover.result', (m) => m.commandId === badId)).toMatchObject({ ok: false });
    await until(() => idleEvents()[1]);
    expect(await remaining()).toBe(120_000);

    // Staff only watch: the request is still open, so the timeout does not run (issue 14, item 1).
    k.clock.advance(200_000);
    expect(await remaining()).toBe(120_000);
    expect(k.events.filter((event) => event.type === 'session.ended')).toEqual([]);
    // Staff resolve it: the normal timeout from its beginning, then the end, as without staff.
    expect((await h.staff.post(`/help/${requestId}/resolve`)).status).toBe(200);
    await until(async () => (await helpState(k)).status === 'idle');
    expect(await remaining()).toBe(120_000);
    k.clock.advance(120_000);
    expect(k.events).toContainEqual({ type: 'session.ended', sessionId: view.sessionId, reason: 'idle' });
    expect(rowCounts(k.dataDir)).toMatchObject({ sessions: 0, drafts: 0, data_keys: 0 });
  });

  it('continue at the desk: sealed for the hub, stored, then wiped here with no trace of the answers', async () => {
    const { k, h, view } = await setUp();
    const canary = `Kanarien${Date.now().toString(36)}vogel`;
    await k.value('session.answer', { sessionId: view.sessionId, stepId: 'name', values: { fullName: canary } });
    const ticket = await k.value('handover.start', { sessionId: view.sessionId });
    if (!ticket.stored) throw new Error('handover not stored');
    expect(ticket.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(ticket.qr.length).toBeGreaterThanOrEqual(21);
    // Opened with the hub's key at the console.
    const opened = await h.staff.post('/handover/open', { code: ticket.code });
    expect(opened.body).toMatchObject({ serviceId: 'test-move', language: 'de', answers: { fullName: canary } });
    expect(k.events).toContainEqual({ type: 'session.ended', sessionId: view.sessionId, reason: 'handover' });
    expect(rowCounts(k.dataDir)).toMatchObject({ sessions: 0, drafts: 0, data_keys: 0 });
    expect(scanForCanary(k.dataDir, canary)).toEqual([]);
    expect(scanForCanary(k.dataDir, ticket.code)).toEqual([]);
    expect(scanForCanary(h.t.dataDir, canary)).toEqual([]);
    expect(JSON.stringify(k.logger.lines)).not.toContain(ticket.code);
  });

  it('a deposit the hub never confirms keeps the draft on the kiosk', async () => {
    // The real hub always confirms a deposit it can store; a hub that takes the socket and never answers
    // cannot be made from it, so this one test talks to a bare WebSocket server on 127.0.0.1.
    const { publicKey } = await generateKeyPair('RSA-OAEP-256', { modulusLength: 2048, extractable: true });
    const handoverKey = { ...(await exportJWK(publicKey)), alg: 'RSA-OAEP-256', use: 'enc' };
    const server = createServer();
    const wss = new WebSocketServer({ server });
    wss.on('connection', (socket) =>
      socket.send(JSON.stringify({ type: 'welcome', terminalName: 'x', location: 'x', handoverKey })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      kiosk = openTestCore();
      kiosk.close();
      writeCredential(kiosk.dataDir, {
        terminalId: 't_silenthub1',
        credential: `t_silenthub1.${'s'.repeat(43)}`,
        terminalName: 'x',
        location: 'x',
        handoverKey,
      });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      kiosk = kiosk.reopen({ hub: { url, handoverTimeoutMs: 200, backoff: TEST_BACKOFF } });
      await untilOnline(kiosk);
      const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
      expect(await kiosk.value('handover.start', { sessionId: view.sessionId })).toEqual({
        stored: false,
        reason: 'timeout',
      });
      expect(rowCounts(kiosk.dataDir)).toMatchObject({ sessions: 1 });
    } finally {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
