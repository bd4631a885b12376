// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
