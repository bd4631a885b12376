import { afterEach, describe, expect, it } from 'vitest';
import type { KioskEvent, SessionView } from '../../contract';
import type { HelpRequestView } from '../../contract/hub';
import { removeDir, type TestCore } from '../fixtures/core-harness';
import { helpState, openHubCore, startRealHub, until, untilOnline, type RealHub } from './hub-client-helpers';

/**
 * Issue 14, item 1: while a help request is open the idle timeout does not run; it starts again from its
 * beginning when the request ends. The real core (its own idle sweeper, on a clock the test moves) against
 * the real hub in-process; staff act through the console API.
 */

const TIMEOUT_MS = 20_000;

let kiosk: TestCore | undefined;
let hub: RealHub | undefined;
afterEach(async () => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
  await hub?.close();
  hub = undefined;
});

async function setUp(
  hubOptions: Parameters<typeof startRealHub>[0] = {},
): Promise<{ k: TestCore; h: RealHub; view: SessionView; requestId: string }> {
  hub = await startRealHub(hubOptions);
  kiosk = openHubCore(hub, { idleTimeoutMs: TIMEOUT_MS, idleWarningMs: 5_000 });
  await untilOnline(kiosk);
  const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
  await kiosk.value('help.request', { reason: 'button' });
  const alert = await hub.console.next('help.new');
  return { k: kiosk, h: hub, view, requestId: (alert.request as HelpRequestView).requestId };
}

const ended = (k: TestCore) => k.events.filter((event) => event.type === 'session.ended');
const idleEvents = (k: TestCore) =>
  k.events.filter((event): event is Extract<KioskEvent, { type: 'session.idle' }> => event.type === 'session.idle');

async function sessionStillThere(k: TestCore, view: SessionView): Promise<SessionView> {
  const resumed = await k.value('session.resume', {});
  expect(resumed?.sessionId).toBe(view.sessionId);
  return resumed!;
}

describe('idle timeout while help is open', () => {
  it('waiting and accepted: no wipe however long; resolved: the full timeout again, then the wipe', async () => {
    const { k, h, view, requestId } = await setUp();
    // Waiting: three timeouts pass, the sweeper runs each second of them.
    for (let second = 0; second < (3 * TIMEOUT_MS) / 1000; second++) k.clock.advance(1000);
    expect(ended(k)).toEqual([]);
    const held = await sessionStillThere(k, view);
    // The renderer is told the whole window is left, so its countdown shows no warning meanwhile.
    expect(held.idle.remainingMs).toBe(TIMEOUT_MS);

    expect((await h.staff.post(`/help/${requestId}/accept`)).status).toBe(200);
    await until(async () => (await helpState(k)).status === 'accepted');
    k.clock.advance(2 * TIMEOUT_MS);
    await sessionStillThere(k, view);

    // Staff resolve it: from now the normal timeout, from its beginning (not from the last touch long ago).
    expect((await h.staff.post(`/help/${requestId}/resolve`)).status).toBe(200);
    await until(async () => (await helpState(k)).status === 'idle');
    const restarted = idleEvents(k).at(-1);
    expect(restarted).toMatchObject({ sessionId: view.sessionId, idle: { remainingMs: TIMEOUT_MS } });
    // The fresh clock reaches the renderer before the state that ends the hold.
    const order = k.events.map((event) => event.type);
    expect(order.lastIndexOf('session.idle')).toBeLessThan(order.lastIndexOf('help.changed'));
    k.clock.advance(TIMEOUT_MS - 1000);
    expect(ended(k)).toEqual([]);
    expect((await sessionStillThere(k, view)).idle.remainingMs).toBe(1000);
    k.clock.advance(1000);
    expect(ended(k)).toEqual([{ type: 'session.ended', sessionId: view.sessionId, reason: 'idle' }]);
  });

  it('the resident cancels the call: the timeout starts again from its beginning', async () => {
    const { k, view } = await setUp();
    k.clock.advance(5 * TIMEOUT_MS);
    await k.value('help.cancel', {});
    expect((await sessionStillThere(k, view)).idle.remainingMs).toBe(TIMEOUT_MS);
    k.clock.advance(TIMEOUT_MS);
    expect(ended(k).map((event) => event.type === 'session.ended' && event.reason)).toEqual(['idle']);
  });

  it('the hub out of reach ends the hold: nobody knows of the call, so the session does not stay', async () => {
    const { k, h, view } = await setUp();
    k.clock.advance(2 * TIMEOUT_MS);
    await h.close();
    hub = undefined;
    await until(async () => (await helpState(k)).hub !== 'online');
    expect((await helpState(k)).status).toBe('waiting');
    expect((await sessionStillThere(k, view)).idle.remainingMs).toBe(TIMEOUT_MS);
    k.clock.advance(TIMEOUT_MS);
    expect(ended(k)).toHaveLength(1);
  });

  it('the staff member who took it is gone (console closed past the grace): the kiosk waits again, still held', async () => {
    const { k, h, view, requestId } = await setUp({ staffGoneGraceMs: 200 });
    expect((await h.staff.post(`/help/${requestId}/accept`)).status).toBe(200);
    expect((await h.staff.post(`/help/${requestId}/consent`)).status).toBe(200);
    await until(async () => (await helpState(k)).status === 'consent');
    await k.value('help.consent', { granted: true });
    await until(async () => (await helpState(k)).status === 'viewing');
    h.console.close();
    // The banner goes back to "Hilfe ist unterwegs": no name, no live view.
    const state = await until(async () => {
      const current = await helpState(k);
      return current.status === 'waiting' && current;
    });
    expect(state.staffName).toBeUndefined();
    k.clock.advance(3 * TIMEOUT_MS);
    expect(ended(k)).toEqual([]);
    expect((await sessionStillThere(k, view)).idle.remainingMs).toBe(TIMEOUT_MS);
  });
});
