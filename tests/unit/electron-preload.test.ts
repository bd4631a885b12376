// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The preload bundled exactly as build/build.mjs does, loaded against a fake
 * contextBridge/ipcRenderer. A sandboxed preload can require only 'electron',
 * so the bundle must not require anything else.
 */
const PROJECT = path.resolve(__dirname, '..', '..');

describe('sandboxed preload', () => {
  let dir: string;
  let bundle: string;
  const exposed: Array<{ name: string; api: Record<string, (...args: unknown[]) => unknown> }> = [];
  const requested: string[] = [];
  const ipcListeners = new Map<string, (...args: unknown[]) => void>();
  const invoke = vi.fn(async (...args: unknown[]) => ({ ok: true, value: { args } }));
  const originalLoad = (Module as unknown as { _load: (...args: unknown[]) => unknown })._load;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-preload-'));
    const outfile = path.join(dir, 'preload.cjs');
    await build({
      entryPoints: [path.join(PROJECT, 'electron', 'preload', 'index.ts')],
      outfile,
      bundle: true,
      platform: 'browser',
      format: 'cjs',
      target: 'chrome140',
      external: ['electron'],
      logLevel: 'error',
      absWorkingDir: PROJECT,
    });
    bundle = readFileSync(outfile, 'utf8');
    const fakeElectron = {
      contextBridge: {
        exposeInMainWorld(name: string, api: Record<string, (...args: unknown[]) => unknown>) {
          exposed.push({ name, api });
        },
      },
      ipcRenderer: {
        invoke,
        on: (channel: string, listener: (...args: unknown[]) => void) => ipcListeners.set(channel, listener),
        removeListener: (channel: string) => ipcListeners.delete(channel),
      },
    };
    (Module as unknown as { _load: unknown })._load = function (this: unknown, request: string, ...rest: unknown[]) {
      requested.push(request);
      if (request === 'electron') return fakeElectron;
      return originalLoad.call(this, request, ...rest);
    };
    createRequire(import.meta.url)(outfile);
  });

  afterAll(() => {
    (Module as unknown as { _load: unknown })._load = originalLoad;
    rmSync(dir, { recursive: true, force: true });
  });

  it("requires nothing but 'electron'", () => {
    expect(requested.filter((request) => request !== path.join(dir, 'preload.cjs'))).toEqual(['electron']);
    const requires = [...bundle.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
  });

  it('exposes exactly one object, window.kiosk, with the bridge methods only', () => {
    expect(exposed.map((entry) => entry.name)).toEqual(['kiosk']);
    expect(Object.keys(exposed[0]!.api).sort()).toEqual(['call', 'onConnectionChange', 'onEvent']);
  });

  it('sends calls over kiosk:call', async () => {
    const result = await exposed[0]!.api.call!('kiosk.info', {});
    expect(invoke).toHaveBeenCalledWith('kiosk:call', 'kiosk.info', {}, undefined);
    expect(result).toEqual({ ok: true, value: { args: ['kiosk:call', 'kiosk.info', {}, undefined] } });
  });

  it("keeps session.start's token from the page, and sends it beside every later call", async () => {
    const token = 'T'.repeat(43);
    invoke.mockResolvedValueOnce({ ok: true, value: { sessionId: 's-1', sessionToken: token } } as never);
    const started = await exposed[0]!.api.call!('session.start', { serviceId: 'x', language: 'de' });
    expect(started).toEqual({ ok: true, value: { sessionId: 's-1' } });
    await exposed[0]!.api.call!('session.keepAlive', { sessionId: 's-1' });
    expect(invoke).toHaveBeenLastCalledWith('kiosk:call', 'session.keepAlive', { sessionId: 's-1' }, token);
  });

  it('answers unknown methods itself, without IPC', async () => {
    invoke.mockClear();
    expect(await exposed[0]!.api.call!('fs.readFile', {})).toEqual({ ok: false, error: { code: 'unknown_method' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('passes on valid events only, and unsubscribes', () => {
    const received: unknown[] = [];
    const unsubscribe = exposed[0]!.api.onEvent!((event: unknown) => received.push(event)) as () => void;
    const deliver = ipcListeners.get('kiosk:event')!;
    const ipcEvent = { sender: 'must not leak' };
    deliver(ipcEvent, { type: 'session.ended', sessionId: 's-1', reason: 'idle' });
    deliver(ipcEvent, { type: 'something.else' });
    deliver(ipcEvent, 'not an event');
    expect(received).toEqual([{ type: 'session.ended', sessionId: 's-1', reason: 'idle' }]);
    unsubscribe();
    expect(ipcListeners.has('kiosk:event')).toBe(false);
  });

  it('reports the core process going away and coming back (booleans only), and unsubscribes', () => {
    const changes: unknown[] = [];
    const unsubscribe = exposed[0]!.api.onConnectionChange!((up: unknown) => changes.push(up)) as () => void;
    const deliver = ipcListeners.get('kiosk:connection')!;
    deliver({}, false);
    deliver({}, 'up');
    deliver({}, true);
    expect(changes).toEqual([false, true]);
    unsubscribe();
    expect(ipcListeners.has('kiosk:connection')).toBe(false);
  });
});
