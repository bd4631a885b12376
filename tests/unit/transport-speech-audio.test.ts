// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import type { KioskBridge } from '../../contract';
import { SPEECH_AUDIO_CONTENT_TYPE, SPEECH_CACHED_HEADER, SPEECH_DURATION_HEADER } from '../../contract/speech';
import { openKioskCore } from '../../core/kiosk-core';
import { createMemoryLogger } from '../../core/logging';
import { createServerApi, startHttpServer, type RunningHttpServer } from '../../core/transport';
import type { KioskCore } from '../../core/types';
import { createHttpBridge } from '../../renderer/api/http-bridge';
import { decodeWav } from '../../renderer/speech/wav';
import { createRendererFixture } from './transport-helpers';

/**
 * Issue 19: a prompt's audio crosses as bytes (the HTTP body; a Uint8Array over Electron's IPC), never as
 * base64 inside JSON, which the page would decode on its main thread while the next question is shown. The real
 * core and espeak-ng, the real server, and the renderer's own bridge (Node's fetch; `ws` as its WebSocket).
 */
describe('speech audio as binary over HTTP', () => {
  let dataDir: string;
  let core: KioskCore;
  let server: RunningHttpServer;
  let fixture: ReturnType<typeof createRendererFixture>;
  let bridge: KioskBridge;
  const input = { text: 'Guten Tag.', language: 'de', rate: 'normal' } as const;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-speech-audio-'));
    fixture = createRendererFixture();
    core = openKioskCore({
      dataDir,
      resourcesDir: path.resolve(__dirname, '..', '..', 'resources'),
      mode: 'browser',
      logger: createMemoryLogger(),
      speech: { warmUpAfterMs: null },
    });
    server = await startHttpServer({
      api: createServerApi(core),
      port: 0,
      host: '127.0.0.1',
      rendererDir: fixture.rendererDir,
    });
    // Node 20 has no WebSocket of its own; the bridge's speech goes by POST whatever the socket does.
    (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
    bridge = createHttpBridge(new URL(server.url));
  }, 60_000);

  afterAll(async () => {
    await server.close();
    core.close();
    fixture.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers with the WAV as the body and its figures in headers, not with JSON', async () => {
    const response = await fetch(`${server.url}api/call/speech.synthesize`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    expect(response.headers.get('content-type')).toBe(SPEECH_AUDIO_CONTENT_TYPE);
    const body = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(body.subarray(0, 4)).toString('latin1')).toBe('RIFF');
    expect(Number(response.headers.get('content-length'))).toBe(body.byteLength);
    expect(Number(response.headers.get(SPEECH_DURATION_HEADER))).toBeGreaterThan(100);
    expect(['true', 'false']).toContain(response.headers.get(SPEECH_CACHED_HEADER));
  }, 60_000);

  it('the renderer’s bridge gives the bytes to the player, which decodes them without base64', async () => {
    const result = await bridge.call('speech.synthesize', input);
    if (!result.ok) throw new Error(`speech.synthesize failed: ${result.error.code}`);
    expect(result.value.wav).toBeInstanceOf(Uint8Array);
    expect(result.value.cached).toBe(true); // the test above made it
    const wav = decodeWav(result.value.wav);
    expect(wav.samples.length).toBeGreaterThan(wav.sampleRate / 10);
    expect(Math.round((wav.samples.length / wav.sampleRate) * 1000)).toBeCloseTo(result.value.durationMs, -1);
  }, 60_000);

  it('a refused prompt still answers with the JSON result', async () => {
    const result = await bridge.call('speech.synthesize', { ...input, text: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('"Vorlesen" is counted when the session ends at once: usage.settings goes on the socket, ahead of the end', async () => {
    // A page's socket sends its own origin (the core refuses one without); ws sends none unless told.
    const origin = new URL(server.url).origin;
    const previous = globalThis.WebSocket;
    (globalThis as { WebSocket?: unknown }).WebSocket = class extends WebSocket {
      constructor(url: string | URL) {
        super(url, { origin });
      }
    };
    const fresh = createHttpBridge(new URL(server.url));
    const posted: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string | URL | Request, init?: RequestInit) => {
      posted.push(String(url instanceof Request ? url.url : url));
      return realFetch(url, init);
    }) as typeof fetch;
    try {
      // Until its socket is open the bridge posts every call: wait until a socket method no longer goes by POST.
      for (let sent = posted.length; ; sent = posted.length) {
        await fresh.call('session.keepAlive', { sessionId: '00000000-0000-4000-8000-000000000000' });
        if (posted.length === sent) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const view = await fresh.call('session.start', { serviceId: 'meldebescheinigung', language: 'de' });
      expect(view.ok).toBe(true);
      const sessionId = (view as { ok: true; value: { sessionId: string } }).value.sessionId;
      // The page reports speech and the resident ends in the same moment: neither waits for the other.
      const [counted, ended] = await Promise.all([
        fresh.call('usage.settings', { sessionId, speech: true }),
        fresh.call('session.end', { sessionId, reason: 'resident' }),
      ]);
      expect(counted).toEqual({ ok: true, value: { counted: true } });
      expect(ended.ok).toBe(true);
      expect(posted.filter((url) => url.includes('usage.settings'))).toEqual([]);
    } finally {
      globalThis.fetch = realFetch;
      (globalThis as { WebSocket?: unknown }).WebSocket = previous;
    }
    const db = new Database(path.join(dataDir, 'kiosk.db'), { readonly: true });
    try {
      const row = db.prepare('SELECT totals FROM usage_days').get() as { totals: string };
      expect((JSON.parse(row.totals) as { settings: { speech: number } }).settings.speech).toBe(1);
    } finally {
      db.close();
    }
  });
});
