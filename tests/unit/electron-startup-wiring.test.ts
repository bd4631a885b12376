// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PRODUCTION_LINE } from '../../launcher/production';
import { bundleCoreHost } from '../fixtures/core-host-bundle';
import { bundleElectronMain } from '../fixtures/electron-main-bundle';
import { createFakeElectron } from './electron-fake';

/**
 * The startup guards as the real main process (bundled as in the build) wires them, against the fake
 * 'electron' module (the real one cannot load here) with `app.isPackaged` set: an installed kiosk.
 */
const PROJECT = path.resolve(__dirname, '..', '..');

class ExitCalled extends Error {}

let root: string;
let outfile: string;
const originalLoad = (Module as unknown as { _load: (...args: unknown[]) => unknown })._load;
const originalArgv = [...process.argv];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'kiosk-guards-'));
  mkdirSync(path.join(root, 'dist', 'renderer'), { recursive: true });
  writeFileSync(path.join(root, 'dist', 'renderer', 'index.html'), '<!doctype html><title>guards</title>');
  symlinkSync(path.join(PROJECT, 'resources'), path.join(root, 'resources'));
  symlinkSync(path.join(PROJECT, 'node_modules'), path.join(root, 'node_modules'));
  outfile = path.join(root, 'dist', 'electron', 'main.cjs');
  await bundleElectronMain(outfile);
  // The core runs in a process of its own (core/host), next to main.cjs as the build puts it.
  await bundleCoreHost(root, path.join('dist', 'electron', 'core-host.cjs'));
}, 60_000);

afterEach(() => {
  (Module as unknown as { _load: unknown })._load = originalLoad;
  process.argv.splice(0, process.argv.length, ...originalArgv);
  delete process.env.KIOSK_DEBUG;
  vi.restoreAllMocks();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Loads the main process as an installed build started with `args`; process.exit stops it where it is called. */
function loadPackaged(args: string[]) {
  const fake = createFakeElectron(path.join(root, 'user-data'));
  Object.assign(fake.electron.app, { isPackaged: true });
  const patched = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  patched._load = function (request: string, ...rest: unknown[]) {
    if (request === 'electron') return fake.electron;
    return originalLoad.call(this, request, ...rest);
  };
  const stderr: string[] = [];
  const stdout: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => stderr.push(String(chunk)) > 0);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => stdout.push(String(chunk)) > 0);
  const exits: unknown[] = [];
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    exits.push(code);
    // The first exit stops the code that called it, as the real one would; later ones (from the
    // shell's own catch of that stop) only record.
    if (exits.length === 1) throw new ExitCalled();
    return undefined as never;
  });
  process.argv.push(...args);
  const require = createRequire(import.meta.url);
  delete require.cache[outfile];
  let threw: unknown;
  try {
    require(outfile);
  } catch (error) {
    threw = error;
  }
  return { fake, stderr, stdout, exits, threw };
}

describe('an installed kiosk refuses to start', () => {
  it('with a remote-debugging switch: one stderr line, exit 1, before anything is registered', () => {
    const run = loadPackaged(['--remote-debugging-port=9222']);
    expect(run.threw).toBeInstanceOf(ExitCalled);
    expect(run.exits).toEqual([1]);
    expect(run.stderr).toEqual([
      'Bürgerkiosk could not start: --remote-debugging-port is refused: an installed kiosk does not start with debugging, inspector or logging switches\n',
    ]);
    expect(run.fake.state.privilegedSchemes).toEqual([]);
    expect(run.fake.state.sandboxEnabled).toBe(false);
  });

  it('without a key ring (basic_text) unless the operator opted in, saying what that means', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-guards-data-'));
    try {
      const run = loadPackaged(['--data-dir', dataDir]);
      expect(run.threw).toBeUndefined();
      run.fake.state.fireReady();
      await vi.waitFor(() => expect(run.exits[0]).toBe(1));
      expect(run.stderr[0]).toMatch(
        /^Bürgerkiosk could not start: the master key would be stored in plain text: .*basic_text.*--allow-plaintext-key-store\n$/,
      );
      expect(run.fake.state.windows).toHaveLength(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('an installed kiosk that starts', () => {
  it('ignores KIOSK_DEBUG, says production, and is out of service without a portal configuration', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-guards-data-'));
    process.env.KIOSK_DEBUG = '1';
    try {
      const run = loadPackaged(['--data-dir', dataDir, '--allow-plaintext-key-store']);
      expect(run.threw).toBeUndefined();
      run.fake.state.fireReady();
      await vi.waitFor(() => expect(run.fake.state.windows).toHaveLength(1));
      const prefs = run.fake.state.windows[0]!.options.webPreferences as Record<string, unknown>;
      expect(prefs.devTools).toBe(false);
      expect(run.stdout[0]).toBe(`${PRODUCTION_LINE}\n`);
      const handle = run.fake.state.ipcHandlers.get('kiosk:call')!;
      const info = (await handle({ senderFrame: { url: 'app://kiosk/', parent: null } }, 'kiosk.info', {})) as {
        value: { outOfService?: string };
      };
      expect(info.value.outOfService).toBe('no-portal-configuration');
      run.fake.state.appListeners.emit('will-quit');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
