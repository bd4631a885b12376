import { describe, expect, it } from 'vitest';
import type { ToCore } from '../../core/host/protocol';
import {
  createCoreSupervisor,
  type CoreProcess,
  type SupervisorOptions,
  type Timers,
} from '../../core/host/supervisor';

/**
 * The supervisor's restart logic against a fake process factory: every "process" records the frames
 * it was sent and the test answers for it. The real process is covered by core-host.test.ts.
 */

class FakeProcess implements CoreProcess {
  sent: ToCore[] = [];
  killed = false;
  private frameListeners: ((frame: unknown) => void)[] = [];
  private exitListeners: ((code: number | null) => void)[] = [];
  send(frame: ToCore) {
    if (this.killed) throw new Error('gone');
    this.sent.push(frame);
  }
  onFrame(listener: (frame: unknown) => void) {
    this.frameListeners.push(listener);
  }
  onExit(listener: (code: number | null) => void) {
    this.exitListeners.push(listener);
  }
  kill() {
    this.killed = true;
  }
  /** The core speaks. */
  emit(frame: unknown) {
    for (const listener of this.frameListeners) listener(frame);
  }
  ready() {
    this.emit({ kind: 'ready', catalogProblems: [] });
  }
  crash(code: number | null = null) {
    this.killed = true;
    for (const listener of this.exitListeners.splice(0)) listener(code);
  }
  calls() {
    return this.sent.filter((frame) => frame.kind === 'call') as Extract<ToCore, { kind: 'call' }>[];
  }
  answer(id: number, value: unknown) {
    this.emit({ kind: 'result', id, result: { ok: true, value } });
  }
}

/** Timers the test runs by hand. */
class ManualTimers implements Timers {
  time = 1_000_000;
  queue: { at: number; callback: () => void; handle: number }[] = [];
  private next = 1;
  setTimeout(callback: () => void, ms: number) {
    const handle = this.next++;
    this.queue.push({ at: this.time + ms, callback, handle });
    return handle;
  }
  clearTimeout(handle: unknown) {
    this.queue = this.queue.filter((entry) => entry.handle !== handle);
  }
  now() {
    return this.time;
  }
  /** The delays asked for, in order. */
  get delays() {
    return this.queue.map((entry) => entry.at - this.time);
  }
  runNext() {
    const entry = this.queue.shift()!;
    this.time = entry.at;
    entry.callback();
  }
}

const KEY = Buffer.alloc(32, 7);

function setup(extra: Partial<SupervisorOptions> = {}) {
  const processes: FakeProcess[] = [];
  const timers = new ManualTimers();
  const lines: string[] = [];
  const supervisor = createCoreSupervisor({
    spawn: () => {
      const child = new FakeProcess();
      processes.push(child);
      return child;
    },
    masterKey: KEY,
    open: { dataDir: '/data', resourcesDir: '/resources', mode: 'electron' },
    timers,
    log: (line) => lines.push(line),
    policy: { baseMs: 100, capMs: 1_000, maxCrashes: 3, windowMs: 60_000 },
    ...extra,
  });
  const connection: boolean[] = [];
  supervisor.onConnectionChange((up) => connection.push(up));
  const current = () => processes.at(-1)!;
  return { supervisor, processes, timers, lines, connection, current };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('core supervisor', () => {
  it('hands over the master key and the options first, and holds calls until the core is ready', async () => {
    const { supervisor, current } = setup();
    const started = supervisor.start();
    expect(current().sent).toEqual([
      { kind: 'masterKey', keyBase64: KEY.toString('base64') },
      { kind: 'open', options: { dataDir: '/data', resourcesDir: '/resources', mode: 'electron' } },
    ]);
    const info = supervisor.dispatch('kiosk.info', {});
    expect(current().calls()).toEqual([]);
    current().emit({
      kind: 'ready',
      catalogProblems: [{ file: 'services/x/service.json', path: '/id', message: 'bad' }],
    });
    expect(await started).toEqual([{ file: 'services/x/service.json', path: '/id', message: 'bad' }]);
    const [call] = current().calls();
    expect(call).toMatchObject({ method: 'kiosk.info', input: {} });
    current().answer(call!.id, { mode: 'electron' });
    expect(await info).toEqual({ ok: true, value: { mode: 'electron' } });
  });

  it('passes events on, and refuses frames that fail their check', async () => {
    const { supervisor, current, lines } = setup();
    const started = supervisor.start();
    current().ready();
    await started;
    const events: unknown[] = [];
    supervisor.onEvent((event) => events.push(event));
    current().emit({ kind: 'event', event: { type: 'session.ended', sessionId: 's', reason: 'idle' } });
    current().emit({ kind: 'event', event: { type: 'session.exploded' } });
    expect(events).toEqual([{ type: 'session.ended', sessionId: 's', reason: 'idle' }]);
    // A result that fails its check still ends its call, as internal.
    const call = supervisor.dispatch('kiosk.info', {});
    const { id } = current().calls()[0]!;
    current().emit({ kind: 'result', id, result: { ok: 'maybe' } });
    expect(await call).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(lines.filter((line) => line.includes('refused'))).toHaveLength(2);
  });

  it('after a crash: retries what changes nothing, answers the rest with internal, and says when it is back', async () => {
    const { supervisor, processes, timers, connection, current } = setup();
    const started = supervisor.start();
    current().ready();
    await started;
    const answer = supervisor.dispatch('session.answer', { sessionId: 'x' });
    const resume = supervisor.dispatch('session.resume', {});
    const speech = supervisor.dispatch('speech.synthesize', { text: 'Hallo' });
    processes[0]!.crash();
    expect(connection).toEqual([false]);
    expect(supervisor.state).toBe('restarting');
    expect(await answer).toEqual({
      ok: false,
      error: { code: 'internal', detail: 'the core process restarted during this call' },
    });
    // Asked while it is away: waits for the next process.
    const later = supervisor.dispatch('session.back', { sessionId: 'x' });
    expect(timers.delays).toEqual([100]);
    timers.runNext();
    expect(processes).toHaveLength(2);
    expect(
      current()
        .sent.slice(0, 2)
        .map((frame) => frame.kind),
    ).toEqual(['masterKey', 'open']);
    expect(current().calls()).toEqual([]);
    current().ready();
    expect(connection).toEqual([false, true]);
    const resent = current().calls();
    expect(resent.map((frame) => frame.method)).toEqual(['session.resume', 'speech.synthesize', 'session.back']);
    for (const frame of resent) current().answer(frame.id, frame.method);
    expect(await resume).toEqual({ ok: true, value: 'session.resume' });
    expect(await speech).toEqual({ ok: true, value: 'speech.synthesize' });
    expect(await later).toEqual({ ok: true, value: 'session.back' });
  });

  it('waits longer after each crash, and after too many in the window stays out of service', async () => {
    const { supervisor, processes, timers, connection, current, lines } = setup();
    const started = supervisor.start();
    current().ready();
    await started;
    const delays: number[] = [];
    for (let crash = 0; crash < 3; crash++) {
      current().crash(1);
      delays.push(...timers.delays);
      timers.runNext();
      current().ready();
    }
    expect(delays).toEqual([100, 200, 400]);
    const waiting = supervisor.dispatch('session.resume', {});
    current().crash(1); // the fourth within the minute
    expect(supervisor.state).toBe('out_of_service');
    expect(timers.queue).toEqual([]);
    expect(processes).toHaveLength(4);
    expect(connection.at(-1)).toBe(false);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await supervisor.dispatch('kiosk.info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(lines.at(-1)).toMatch(/ended 4 times within 60 s/);
  });

  it('forgets crashes older than the window, so the back-off starts small again', async () => {
    const { supervisor, timers, current } = setup();
    const started = supervisor.start();
    current().ready();
    await started;
    current().crash(1);
    timers.runNext();
    current().ready();
    timers.time += 61_000;
    current().crash(1);
    expect(timers.delays).toEqual([100]);
  });

  it('does not restart a core that cannot open its data at start-up', async () => {
    const { supervisor, processes, timers, current } = setup();
    const started = supervisor.start();
    const call = supervisor.dispatch('kiosk.info', {});
    current().emit({ kind: 'failed', message: 'foreign database history' });
    await expect(started).rejects.toThrow('foreign database history');
    expect(await call).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(current().killed).toBe(true);
    current().crash(1);
    expect(timers.queue).toEqual([]);
    expect(processes).toHaveLength(1);
  });

  it('gives every core process the portal and the hub, once they are known', async () => {
    const { supervisor, timers, current } = setup();
    const portal = {
      tokenUrl: 'https://auth.example/token',
      submissionApiUrl: 'https://api.example',
      clientId: 'kiosk',
      clientSecret: 'secret',
      trustedRootPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      destinations: {},
    };
    supervisor.setPortal(portal);
    const started = supervisor.start();
    current().ready();
    await started;
    supervisor.setHub({ url: 'https://hub.example' });
    expect(current().sent.filter((frame) => frame.kind === 'portal' || frame.kind === 'hub')).toEqual([
      { kind: 'portal', config: portal },
      { kind: 'hub', options: { url: 'https://hub.example' } },
    ]);
    current().crash();
    timers.runNext();
    current().ready();
    expect(current().sent.map((frame) => frame.kind)).toEqual(['masterKey', 'open', 'portal', 'hub']);
  });

  it("prints for the core on the parent's printer and tells it the outcome", async () => {
    const printed: Buffer[] = [];
    let fail: Error | undefined;
    const { supervisor, current } = setup({
      print: async (pdf) => {
        if (fail) throw fail;
        printed.push(pdf);
      },
    });
    const started = supervisor.start();
    current().ready();
    await started;
    current().emit({ kind: 'print', id: 0, pdfBase64: Buffer.from('%PDF-1.7').toString('base64') });
    await flush();
    fail = new Error('the print system failed');
    current().emit({ kind: 'print', id: 1, pdfBase64: Buffer.from('%PDF-1.7').toString('base64') });
    await flush();
    // Issue 20: a failure that names the printer's state (the Electron printer's PrintError) passes it on.
    fail = Object.assign(new Error('printer reports media-empty'), { printerState: 'out_of_paper' });
    current().emit({ kind: 'print', id: 2, pdfBase64: Buffer.from('%PDF-1.7').toString('base64') });
    await flush();
    expect(printed.map((pdf) => pdf.toString())).toEqual(['%PDF-1.7']);
    expect(current().sent.filter((frame) => frame.kind === 'printed')).toEqual([
      { kind: 'printed', id: 0, ok: true },
      { kind: 'printed', id: 1, ok: false, printerState: 'error' },
      { kind: 'printed', id: 2, ok: false, printerState: 'out_of_paper' },
    ]);
  });

  it('on close: tells the core, answers what waits, and restarts nothing', async () => {
    const { supervisor, timers, current } = setup();
    const started = supervisor.start();
    current().ready();
    await started;
    const call = supervisor.dispatch('session.resume', {});
    supervisor.close();
    expect(current().sent.at(-1)).toEqual({ kind: 'close' });
    expect(await call).toMatchObject({ ok: false, error: { code: 'internal', detail: 'core is closed' } });
    current().crash(0);
    expect(timers.queue).toEqual([]);
    expect(supervisor.state).toBe('closed');
  });
});
