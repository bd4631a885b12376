// @vitest-environment node
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { forkCoreProcess } from '../../core/host/fork-process';
import type { OpenOptions } from '../../core/host/protocol';
import { createCoreSupervisor, type CoreProcess } from '../../core/host/supervisor';
import { bundleCoreHost } from '../fixtures/core-host-bundle';
import { decodeWav } from '../../renderer/speech/wav';
import { FIXTURE_RESOURCES, tempDir } from '../fixtures/core-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';

/**
 * The core process for real: core/host/main.ts bundled as the build does and started with
 * child_process.fork, the Node stand-in for Electron's utilityProcess (same frames), on a real
 * SQLite file. Electron itself cannot run here.
 */

let dir: string;
let entry: string;

beforeAll(async () => {
  dir = tempDir('kiosk-core-host-');
  entry = await bundleCoreHost(dir);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function openOptions(dataDir: string): OpenOptions {
  return { dataDir, resourcesDir: FIXTURE_RESOURCES, mode: 'electron', speechWarmUp: false };
}

/** Every frame the child sent, and a way to wait for one. */
function record(child: CoreProcess) {
  const frames: Array<Record<string, unknown>> = [];
  child.onFrame((frame) => frames.push(frame as Record<string, unknown>));
  const next = (match: (frame: Record<string, unknown>) => boolean) =>
    vi.waitFor(
      () => {
        const found = frames.find(match);
        if (!found) throw new Error('not yet');
        return found;
      },
      { timeout: 20_000, interval: 10 },
    );
  const exited = new Promise<number | null>((resolve) => child.onExit(resolve));
  return { frames, next, exited };
}

const resultOf = (id: number) => (frame: Record<string, unknown>) => frame.kind === 'result' && frame.id === id;

describe('core host in a forked process', () => {
  it('opens on masterKey and open, answers calls, sends events, and refuses invalid frames', async () => {
    const child = forkCoreProcess(entry, { silent: true });
    const { frames, next, exited } = record(child);
    const dataDir = path.join(dir, 'frames');

    child.send({ kind: 'open', options: openOptions(dataDir) });
    expect(await next((f) => f.kind === 'refused')).toEqual({ kind: 'refused', detail: 'open before masterKey' });

    child.send({ kind: 'masterKey', keyBase64: randomBytes(32).toString('base64') });
    child.send({ kind: 'open', options: openOptions(dataDir) });
    expect(await next((f) => f.kind === 'ready')).toEqual({ kind: 'ready', catalogProblems: [] });

    child.send({ kind: 'call', id: 1, method: 'kiosk.info', input: {} });
    expect(await next(resultOf(1))).toMatchObject({ result: { ok: true, value: { mode: 'electron' } } });

    child.send({ kind: 'call', id: 2, method: 'session.start', input: { serviceId: 'test-move', language: 'de' } });
    const started = (await next(resultOf(2))) as { result: { ok: true; value: { sessionId: string } } };
    const { sessionId } = started.result.value;
    child.send({ kind: 'call', id: 3, method: 'session.end', input: { sessionId, reason: 'resident' } });
    expect(await next(resultOf(3))).toMatchObject({ result: { ok: true, value: { ended: true } } });
    expect(await next((f) => f.kind === 'event')).toEqual({
      kind: 'event',
      event: { type: 'session.ended', sessionId, reason: 'resident' },
    });

    // Frames that fail the schema are refused by where they failed; the host keeps serving.
    const refusedBefore = frames.filter((f) => f.kind === 'refused').length;
    const bad: unknown[] = [
      { kind: 'call', id: 'x', method: 'kiosk.info', input: {} },
      { kind: 'call', id: -1, method: 'kiosk.info', input: {} },
      { kind: 'shutdown' },
      'not a frame',
      { kind: 'masterKey', keyBase64: 'c2hvcnQ=' },
      { kind: 'portal', config: { tokenUrl: 'not a url' } },
      { kind: 'call', id: 4, method: 'kiosk.info', input: {}, extra: true },
    ];
    for (const frame of bad) child.send(frame as never);
    await vi.waitFor(() => expect(frames.filter((f) => f.kind === 'refused').length).toBe(refusedBefore + bad.length));
    expect(frames.some((f) => f.kind === 'result' && f.id === 4)).toBe(false);
    // A well-formed frame with a method the contract does not know: the core's own answer.
    child.send({ kind: 'call', id: 5, method: 'kiosk.shutdown', input: {} });
    expect(await next(resultOf(5))).toMatchObject({ result: { ok: false, error: { code: 'unknown_method' } } });
    child.send({ kind: 'call', id: 6, method: 'session.start', input: { serviceId: 'test-move', language: 'xx' } });
    expect(await next(resultOf(6))).toMatchObject({ result: { ok: false, error: { code: 'invalid_input' } } });
    child.send({ kind: 'call', id: 7, method: 'kiosk.info', input: {} });
    expect(await next(resultOf(7))).toMatchObject({ result: { ok: true } });

    child.send({ kind: 'close' });
    expect(await exited).toBe(0);
  }, 30_000);

  it('says the core could not open its data, and the supervisor does not restart it', async () => {
    const blocked = path.join(dir, 'a-file');
    writeFileSync(blocked, 'not a folder');
    let spawned = 0;
    const supervisor = createCoreSupervisor({
      spawn: () => {
        spawned += 1;
        return forkCoreProcess(entry, { silent: true });
      },
      masterKey: randomBytes(32),
      open: openOptions(path.join(blocked, 'data')),
    });
    await expect(supervisor.start()).rejects.toThrow(/ENOTDIR|not a directory/);
    expect(supervisor.state).toBe('closed');
    expect(spawned).toBe(1);
  }, 30_000);

  it('after kill -9 of the core process mid-session, restarts it and the session answers again (resume)', async () => {
    const spawned: CoreProcess[] = [];
    const connection: boolean[] = [];
    const masterKey = randomBytes(32);
    const supervisor = createCoreSupervisor({
      spawn: () => {
        const child = forkCoreProcess(entry, { silent: true });
        spawned.push(child);
        return child;
      },
      masterKey,
      open: openOptions(path.join(dir, 'crash')),
      policy: { baseMs: 20 },
    });
    supervisor.onConnectionChange((up) => connection.push(up));
    try {
      await supervisor.start();
      const start = await supervisor.dispatch('session.start', { serviceId: 'test-move', language: 'de' });
      if (!start.ok) throw new Error(start.error.code);
      const { sessionId } = start.value as { sessionId: string };
      const answered = await supervisor.dispatch('session.answer', {
        sessionId,
        stepId: 'name',
        values: MOVE_ANSWERS.name,
      });
      expect(answered).toMatchObject({ ok: true, value: { position: { kind: 'step', stepId: 'birth' } } });

      const firstPid = spawned[0]!.pid!;
      process.kill(firstPid, 'SIGKILL');
      await vi.waitFor(() => expect(connection).toEqual([false]), { timeout: 10_000 });
      // Asked while the core is away: answered by the restarted process.
      const resumed = await supervisor.dispatch('session.resume', {});
      expect(connection).toEqual([false, true]);
      expect(spawned).toHaveLength(2);
      expect(spawned[1]!.pid).not.toBe(firstPid);
      expect(resumed).toMatchObject({
        ok: true,
        value: { sessionId, position: { kind: 'step', stepId: 'birth' }, answers: { fullName: 'Erika Mustermann' } },
      });
      // And the journey goes on in the new process.
      const next = await supervisor.dispatch('session.answer', {
        sessionId,
        stepId: 'birth',
        values: MOVE_ANSWERS.birth,
      });
      expect(next).toMatchObject({ ok: true, value: { position: { kind: 'step', stepId: 'address' } } });
    } finally {
      supervisor.close();
    }
  }, 40_000);
  it("a prompt's audio crosses the process boundary as bytes, as Electron's IPC carries it on (issue 19)", async () => {
    const child = forkCoreProcess(entry, { silent: true });
    const { next, exited } = record(child);
    child.send({ kind: 'masterKey', keyBase64: randomBytes(32).toString('base64') });
    child.send({ kind: 'open', options: openOptions(path.join(dir, 'speech')) });
    await next((f) => f.kind === 'ready');
    child.send({
      kind: 'call',
      id: 1,
      method: 'speech.synthesize',
      input: { text: 'Hallo.', language: 'de', rate: 'normal' },
    });
    const frame = (await next(resultOf(1))) as { result: { ok: true; value: { wav: unknown; durationMs: number } } };
    const { wav, durationMs } = frame.result.value;
    expect(wav).toBeInstanceOf(Uint8Array);
    const decoded = decodeWav(wav as Uint8Array);
    expect(decoded.samples.length).toBeGreaterThan(0);
    expect(durationMs).toBeGreaterThan(0);
    child.send({ kind: 'close' });
    expect(await exited).toBe(0);
  }, 60_000);
});
