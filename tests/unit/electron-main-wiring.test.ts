// @vitest-environment node
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundleCoreHost } from '../fixtures/core-host-bundle';
import { bundleElectronMain } from '../fixtures/electron-main-bundle';
import { createFakeElectron, FakeWebContents } from './electron-fake';

/**
 * Loads the real main process (electron/main/index.ts, bundled as in the
 * build) against a fake 'electron' module and the real core, and checks how
 * it wires up the lockdown. The bundle sits in <tmp>/dist/electron/, so its
 * project root is <tmp> with a fixture renderer and the real resources.
 */
const PROJECT = path.resolve(__dirname, '..', '..');

describe('Electron main process wiring', () => {
  let root: string;
  let fake: ReturnType<typeof createFakeElectron>;
  const originalLoad = (Module as unknown as { _load: (...args: unknown[]) => unknown })._load;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'kiosk-main-'));
    mkdirSync(path.join(root, 'dist', 'renderer'), { recursive: true });
    writeFileSync(path.join(root, 'dist', 'renderer', 'index.html'), '<!doctype html><title>main wiring</title>');
    writeFileSync(path.join(root, 'secret.txt'), 'TOP-SECRET-CANARY');
    symlinkSync(path.join(PROJECT, 'resources'), path.join(root, 'resources'));
    // better-sqlite3 stays external, as in the real bundle: the bundle resolves it from <tmp>/node_modules.
    symlinkSync(path.join(PROJECT, 'node_modules'), path.join(root, 'node_modules'));
    const outfile = path.join(root, 'dist', 'electron', 'main.cjs');
    await bundleElectronMain(outfile);
    // The core process's entry, next to main.cjs as the build puts it.
    await bundleCoreHost(root, path.join('dist', 'electron', 'core-host.cjs'));
    fake = createFakeElectron(path.join(root, 'user-data'));
    const patched = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    patched._load = function (request: string, ...rest: unknown[]) {
      if (request === 'electron') return fake.electron;
      return originalLoad.call(this, request, ...rest);
    };
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    // The fake safeStorage has no key store (as Linux without a key ring): the operator's opt-in.
    process.argv.push('--allow-plaintext-key-store');
    createRequire(import.meta.url)(outfile);
    fake.state.fireReady();
    await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1));
    // Two esbuild bundles and a core process: seconds on a busy two-core machine.
  }, 90_000);

  afterAll(() => {
    (Module as unknown as { _load: unknown })._load = originalLoad;
    process.argv.splice(process.argv.indexOf('--allow-plaintext-key-store'), 1);
    fake?.state.appListeners.emit('will-quit');
    vi.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  it('registers app:// as a privileged scheme before ready, and sandboxes every renderer', () => {
    expect(fake.state.schemesRegisteredBeforeReady).toBe(true);
    expect(fake.state.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.state.sandboxEnabled).toBe(true);
  });

  it('takes the single-instance lock and removes the application menu', () => {
    expect(fake.electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(fake.state.menu).toBeNull();
  });

  it('opens one kiosk window on a fresh in-memory partition and loads app://kiosk/', () => {
    expect(fake.state.windows).toHaveLength(1);
    const window = fake.state.windows[0]!;
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false });
    expect(prefs.partition).toMatch(/^kiosk-[0-9a-f-]{36}$/);
    expect(fake.state.partitions).toEqual([prefs.partition]);
    expect(prefs.preload).toBe(path.join(root, 'dist', 'electron', 'preload.cjs'));
    expect(window.loadedUrls).toEqual(['app://kiosk/']);
    expect(fake.state.powerSaveBlocker).toEqual(['prevent-display-sleep']);
  });

  it('serves the renderer on the kiosk session with the strict CSP, refusing traversal', async () => {
    const handler = fake.state.protocolHandlers.get('app')!;
    const page = await handler({ url: 'app://kiosk/', method: 'GET' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('main wiring');
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self';");
    const traversal = await handler({ url: 'app://kiosk/%2e%2e/%2e%2e/secret.txt', method: 'GET' });
    expect(traversal.status).toBe(404);
    expect(await traversal.text()).not.toContain('TOP-SECRET-CANARY');
  });

  it('denies every permission on the kiosk session and refuses downloads', () => {
    const callback = vi.fn();
    fake.state.permissionRequestHandler!({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.state.permissionCheckHandler!()).toBe(false);
    const download = { preventDefault: vi.fn() };
    fake.state.session.emit('will-download', download);
    expect(download.preventDefault).toHaveBeenCalled();
  });

  it('locks down every new web contents', () => {
    const contents = new FakeWebContents();
    fake.state.appListeners.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler!()).toEqual({ action: 'deny' });
    const away = { url: 'https://example.org/', preventDefault: vi.fn() };
    contents.emit('will-navigate', away, away.url);
    expect(away.preventDefault).toHaveBeenCalled();
    const reload = { preventDefault: vi.fn() };
    contents.emit('before-input-event', reload, {
      type: 'keyDown',
      key: 'F5',
      code: 'F5',
      control: false,
      meta: false,
      alt: false,
      shift: false,
    });
    expect(reload.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('answers kiosk:call from the app frame via the real core, and refuses other senders', async () => {
    const handle = fake.state.ipcHandlers.get('kiosk:call')!;
    const info = await handle({ senderFrame: { url: 'app://kiosk/', parent: null } }, 'kiosk.info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'electron' } });
    const foreign = await handle({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'kiosk.info', {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('forwards session.ended to the window and wipes clipboard and renderer storage', async () => {
    const handle = fake.state.ipcHandlers.get('kiosk:call')!;
    const sender = { senderFrame: { url: 'app://kiosk/', parent: null } };
    const catalog = (await handle(sender, 'catalog.get', {})) as {
      ok: true;
      value: { services: Array<{ id: string }> };
    };
    const started = (await handle(sender, 'session.start', {
      serviceId: catalog.value.services[0]!.id,
      language: 'de',
    })) as {
      ok: true;
      value: { sessionId: string; sessionToken: string };
    };
    const clipboardBefore = fake.state.clipboardCleared;
    // The preload sends the session's token beside the input (issue 17); without it the core refuses.
    const token = started.value.sessionToken;
    expect(
      await handle(sender, 'session.end', { sessionId: started.value.sessionId, reason: 'resident' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await handle(sender, 'session.end', { sessionId: started.value.sessionId, reason: 'resident' }, token);
    const sent = fake.state.windows[0]!.webContents.sent;
    expect(sent.at(-1)).toEqual({
      channel: 'kiosk:event',
      payload: { type: 'session.ended', sessionId: started.value.sessionId, reason: 'resident' },
    });
    expect(fake.state.clipboardCleared).toBe(clipboardBefore + 1);
    expect(fake.state.storageCleared).toBeGreaterThan(0);
  });

  it('reloads the app after a renderer crash, but not after a clean exit', async () => {
    const window = fake.state.windows[0]!;
    const before = window.loadedUrls.length;
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit' });
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    await vi.waitFor(() => expect(window.loadedUrls.slice(before)).toEqual(['app://kiosk/']));
    window.emit('unresponsive');
    expect(window.webContents.forcefullyCrashRenderer).toHaveBeenCalled();
  });

  it('runs the core in a utility process, with neither the master key nor a KIOSK_ setting in argv or env', () => {
    expect(fake.state.utilityForks).toHaveLength(1);
    const [forked] = fake.state.utilityForks;
    expect(forked!.modulePath).toBe(path.join(root, 'dist', 'electron', 'core-host.cjs'));
    expect(forked!.args).toEqual([]);
    const env = forked!.options.env as Record<string, string>;
    expect(Object.keys(env).filter((name) => name.startsWith('KIOSK_'))).toEqual([]);
    const key = readFileSync(path.join(root, 'user-data', 'kiosk-data', 'master.key')).toString('base64');
    expect(JSON.stringify(forked)).not.toContain(key);
  });

  it('after kill -9 of the core process: the window waits, a new core process starts, and the session resumes', async () => {
    const handle = fake.state.ipcHandlers.get('kiosk:call')!;
    const sender = { senderFrame: { url: 'app://kiosk/', parent: null } };
    const catalog = (await handle(sender, 'catalog.get', {})) as {
      ok: true;
      value: { services: Array<{ id: string }> };
    };
    const started = (await handle(sender, 'session.start', {
      serviceId: catalog.value.services[0]!.id,
      language: 'de',
    })) as { ok: true; value: { sessionId: string } };
    const sent = fake.state.windows[0]!.webContents.sent;
    const connection = () => sent.filter((entry) => entry.channel === 'kiosk:connection').map((entry) => entry.payload);

    process.kill(fake.state.utilityProcesses[0]!.pid!, 'SIGKILL');
    await vi.waitFor(() => expect(connection()).toEqual([false]), { timeout: 10_000 });
    const resumed = await handle(sender, 'session.resume', {});
    expect(resumed).toMatchObject({ ok: true, value: { sessionId: started.value.sessionId } });
    expect(connection()).toEqual([false, true]);
    expect(fake.state.utilityProcesses).toHaveLength(2);
  }, 30_000);
});
