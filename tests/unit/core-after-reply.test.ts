import { afterEach, describe, expect, it } from 'vitest';
import { api, ok, SessionViewSchema, type SessionView } from '../../contract';
import { AfterReply } from '../../core/api/after-reply';
import { answersWithView, sessionViewOf } from '../../core/api/session-views';
import { openTestCore, removeDir, type TestCore } from '../fixtures/core-harness';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('work deferred past a reply (issue 19)', () => {
  it('runs on the next turn of the event loop, in order, and not before', async () => {
    const done: string[] = [];
    const after = new AfterReply(() => undefined);
    after.defer(() => done.push('first'));
    after.defer(() => done.push('second'));
    expect(done).toEqual([]);
    expect(after.pending).toBe(2);
    await turn();
    expect(done).toEqual(['first', 'second']);
    expect(after.pending).toBe(0);
  });

  it('a flush (the next call, an event) runs it at once, so observers see calls in their order', async () => {
    const done: string[] = [];
    const after = new AfterReply(() => undefined);
    after.defer(() => done.push('answer 1'));
    after.flush();
    done.push('call 2 begins');
    await turn();
    expect(done).toEqual(['answer 1', 'call 2 begins']);
  });

  it('a failing piece is reported and the rest still runs', () => {
    const errors: unknown[] = [];
    const done: string[] = [];
    const after = new AfterReply((error) => errors.push(error));
    after.defer(() => {
      throw new Error('observer broke');
    });
    after.defer(() => done.push('next'));
    after.flush();
    expect(errors).toHaveLength(1);
    expect(done).toEqual(['next']);
  });
});

describe('session views read off the contract, not parsed again', () => {
  it('knows exactly the methods whose output is the session view', () => {
    for (const [method, { output }] of Object.entries(api)) {
      const answersView =
        output === SessionViewSchema || (output as { unwrap?: () => unknown }).unwrap?.() === SessionViewSchema;
      expect(answersWithView(method), method).toBe(answersView);
    }
    expect(answersWithView('session.answer')).toBe(true);
    expect(answersWithView('session.resume')).toBe(true);
    expect(answersWithView('session.end')).toBe(false);
  });

  it('gives the view of a successful view call only', () => {
    const view = { sessionId: 'x' } as SessionView;
    expect(sessionViewOf('session.answer', ok(view))).toBe(view);
    expect(sessionViewOf('session.resume', ok(null))).toBeUndefined();
    expect(sessionViewOf('session.end', ok({ ended: true }))).toBeUndefined();
    expect(sessionViewOf('session.answer', { ok: false, error: { code: 'validation' } })).toBeUndefined();
    expect(sessionViewOf('no.such', ok(view))).toBeUndefined();
  });
});

describe('the real core defers its observers past the reply', () => {
  let kiosk: TestCore | undefined;
  afterEach(() => {
    if (!kiosk) return;
    kiosk.close();
    removeDir(kiosk.dataDir);
    kiosk = undefined;
  });

  it('a call right after session.start (no turn of the event loop between) finds the session counted', async () => {
    kiosk = openTestCore();
    const view = await kiosk.value('session.start', { serviceId: 'test-feedback', language: 'de' });
    // The start's counting was deferred past its reply; the next call runs it first.
    expect(await kiosk.value('usage.settings', { sessionId: view.sessionId, largeText: true })).toEqual({
      counted: true,
    });
  });
});
