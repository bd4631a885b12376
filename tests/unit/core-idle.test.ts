import { afterEach, describe, expect, it } from 'vitest';
import { idleConfig } from '../../core/kiosk-core';
import { openTestCore, removeDir, rowCounts, type TestCore } from '../fixtures/core-harness';

let kiosk: TestCore;
afterEach(() => {
  if (!kiosk) return;
  kiosk.close();
  removeDir(kiosk.dataDir);
});

async function feedbackAtCheck() {
  let view = await kiosk.value('session.start', { serviceId: 'test-feedback', language: 'de' });
  view = await kiosk.value('session.answer', {
    sessionId: view.sessionId,
    stepId: 'message',
    values: { message: 'Hi' },
  });
  return kiosk.value('session.answer', { sessionId: view.sessionId, stepId: 'email', values: {} });
}

describe('idle timeout', () => {
  it('clamps the warning to the timeout and falls back on nonsense values', () => {
    expect(idleConfig({})).toEqual({ timeoutMs: 120_000, warningMs: 30_000 });
    expect(idleConfig({ idleTimeoutMs: 20_000, idleWarningMs: 30_000 })).toEqual({
      timeoutMs: 20_000,
      warningMs: 20_000,
    });
    expect(idleConfig({ idleTimeoutMs: -5, idleWarningMs: Number.NaN })).toEqual({
      timeoutMs: 120_000,
      warningMs: 30_000,
    });
  });

  it('counts down remainingMs and is reset by keepAlive', async () => {
    kiosk = openTestCore();
    const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    kiosk.clock.advance(100_000);
    expect((await kiosk.value('session.resume', {}))?.idle.remainingMs).toBe(20_000);
    const alive = await kiosk.value('session.keepAlive', { sessionId: view.sessionId });
    expect(alive.idle.remainingMs).toBe(120_000);
    kiosk.clock.advance(119_000);
    expect(kiosk.events).toEqual([]);
    expect((await kiosk.value('session.resume', {}))?.idle.remainingMs).toBe(1_000);
  });

  it('the sweeper ends and wipes an idle session and emits session.ended (idle)', async () => {
    kiosk = openTestCore({ idleTimeoutMs: 60_000, idleWarningMs: 20_000 });
    expect(kiosk.clock.timers).toBe(1);
    const view = await feedbackAtCheck();
    kiosk.clock.advance(59_999);
    expect(rowCounts(kiosk.dataDir).sessions).toBe(1);
    kiosk.clock.advance(1);
    expect(kiosk.events).toEqual([{ type: 'session.ended', sessionId: view.sessionId, reason: 'idle' }]);
    expect(rowCounts(kiosk.dataDir)).toEqual({ sessions: 0, drafts: 0, data_keys: 0, outbox: 0 });
    expect(await kiosk.call('session.keepAlive', { sessionId: view.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'no_session' },
    });
  });

  it('never uses an expired session even before the sweeper has run', async () => {
    kiosk = openTestCore();
    const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    kiosk.clock.time += 120_000; // no tick
    expect(
      await kiosk.call('session.answer', { sessionId: view.sessionId, stepId: 'name', values: { fullName: 'Al' } }),
    ).toMatchObject({ ok: false, error: { code: 'no_session' } });
    expect(kiosk.events).toEqual([{ type: 'session.ended', sessionId: view.sessionId, reason: 'idle' }]);
    expect(rowCounts(kiosk.dataDir).drafts).toBe(0);
  });

  it('times out the confirmation page too, keeping the outbox entry', async () => {
    kiosk = openTestCore();
    const view = await feedbackAtCheck();
    await kiosk.value('session.submit', { sessionId: view.sessionId });
    kiosk.clock.advance(120_000);
    expect(kiosk.events).toEqual([{ type: 'session.ended', sessionId: view.sessionId, reason: 'idle' }]);
    expect(rowCounts(kiosk.dataDir)).toEqual({ sessions: 0, drafts: 0, data_keys: 1, outbox: 1 });
  });

  it('stops the sweeper on close', () => {
    kiosk = openTestCore();
    kiosk.close();
    expect(kiosk.clock.timers).toBe(0);
  });
});
