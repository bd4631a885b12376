// @vitest-environment node
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATOMIC_WRITE_STEPS, type AtomicWriteStep } from '../../core/crypto/atomic-file';
import { MasterKeyError } from '../../core/crypto/master-key';
import { openTestCore, tempDir, type TestCore } from '../fixtures/core-harness';

const PROJECT = path.resolve(import.meta.dirname, '..', '..');
let work: string;
let child: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kiosk-key-atomic-'));
  child = path.join(work, 'master-key-child.mjs');
  await build({
    entryPoints: [path.join(PROJECT, 'tests', 'crash', 'master-key-child.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    absWorkingDir: PROJECT,
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runChild(dataDir: string, killAt: AtomicWriteStep): Promise<{ signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [child, dataDir, killAt], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    process_.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    process_.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    process_.on('error', reject);
    process_.on('exit', (_code, signal) => resolve({ signal, out }));
  });
}

const tempFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

/** One queued application in the outbox (no portal: it stays there), then the core is closed. */
async function withQueuedApplication(): Promise<string> {
  const kiosk = openTestCore();
  const view = await kiosk.value('session.start', { serviceId: 'test-feedback', language: 'de' });
  await kiosk.value('session.answer', { sessionId: view.sessionId, stepId: 'message', values: { message: 'Hallo' } });
  await kiosk.value('session.answer', { sessionId: view.sessionId, stepId: 'email', values: {} });
  await kiosk.value('session.submit', { sessionId: view.sessionId });
  kiosk.close();
  return kiosk.dataDir;
}

function refusal(dataDir: string): unknown {
  let opened: TestCore | undefined;
  try {
    opened = openTestCore({ dataDir });
    return undefined;
  } catch (error) {
    return error;
  } finally {
    opened?.close();
  }
}

describe('master key written atomically: killed between each step of the first start', () => {
  it.each(ATOMIC_WRITE_STEPS.map((step, index) => [step, index] as const))(
    'SIGKILL after %s: the next start has a usable key, the same one if it was already in place',
    async (step, index) => {
      const dataDir = tempDir('kiosk-key-kill-');
      try {
        const killed = await runChild(dataDir, step);
        expect(killed.signal, killed.out).toBe('SIGKILL');
        const keyFile = path.join(dataDir, 'master.key');
        const linked = index >= ATOMIC_WRITE_STEPS.indexOf('linked');
        // The key file is there whole, or not at all: never empty or short.
        expect(existsSync(keyFile)).toBe(linked);
        // Killed before the temp file was removed, it is still there (and must go at the next start).
        expect(tempFiles(dataDir)).toHaveLength(index < ATOMIC_WRITE_STEPS.indexOf('temp-removed') ? 1 : 0);
        const before = linked ? readFileSync(keyFile) : undefined;
        if (before) expect(before.length).toBe(32);

        let kiosk = openTestCore({ dataDir });
        const view = await kiosk.value('session.start', { serviceId: 'test-feedback', language: 'de' });
        await kiosk.value('session.answer', {
          sessionId: view.sessionId,
          stepId: 'message',
          values: { message: 'Schlüssel' },
        });
        kiosk = kiosk.reopen();
        // Usable: what was sealed with it opens again after a restart.
        const resumed = await kiosk.value('session.resume', {});
        expect(resumed?.answers).toMatchObject({ message: 'Schlüssel' });
        kiosk.close();
        const after = readFileSync(keyFile);
        expect(after.length).toBe(32);
        if (before) expect(after.equals(before)).toBe(true);
        expect(statSync(keyFile).mode & 0o777).toBe(0o600);
        // A temp file the kill left behind is gone.
        expect(tempFiles(dataDir)).toEqual([]);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    30_000,
  );
});

describe('a master key that cannot be used is refused, with a clear error', () => {
  it.each([
    ['empty', Buffer.alloc(0), /damaged \(0 bytes, expected 32\)/],
    ['truncated', Buffer.alloc(16, 1), /damaged \(16 bytes, expected 32\)/],
    ['too long', Buffer.alloc(40, 1), /damaged \(40 bytes, expected 32\)/],
  ])('%s key file: refused, never replaced', (_name, bytes, message) => {
    const dataDir = tempDir('kiosk-key-bad-');
    try {
      writeFileSync(path.join(dataDir, 'master.key'), bytes, { mode: 0o600 });
      const error = refusal(dataDir);
      expect(error).toBeInstanceOf(MasterKeyError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(/will not make a new key over existing data/);
      expect(readFileSync(path.join(dataDir, 'master.key')).equals(bytes)).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a missing key while applications are queued: refused, and no new key is made', async () => {
    const dataDir = await withQueuedApplication();
    try {
      rmSync(path.join(dataDir, 'master.key'));
      const error = refusal(dataDir);
      expect(error).toBeInstanceOf(MasterKeyError);
      expect((error as Error).message).toMatch(/is missing, but kiosk.db holds queued applications/);
      expect(existsSync(path.join(dataDir, 'master.key'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a garbled key (right length, wrong bytes) while applications are queued: refused, outbox unchanged', async () => {
    const dataDir = await withQueuedApplication();
    try {
      const keyFile = path.join(dataDir, 'master.key');
      const original = readFileSync(keyFile);
      const garbled = Buffer.from(original);
      garbled[0] = garbled[0]! ^ 0xff;
      writeFileSync(keyFile, garbled);
      const error = refusal(dataDir);
      expect(error).toBeInstanceOf(MasterKeyError);
      expect((error as Error).message).toMatch(/does not open the keys stored in kiosk.db/);
      // With the right key back, the application is still there and readable.
      writeFileSync(keyFile, original);
      const kiosk = openTestCore({ dataDir });
      const status = await kiosk.value('outbox.status', {});
      expect(status.entries).toHaveLength(1);
      kiosk.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
