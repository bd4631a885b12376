// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SESSION_TOKEN_HEADER, type ApiInput, type ApiMethod, type ApiOutput, type Result } from '../../contract';
import { openKioskCore } from '../../core/kiosk-core';
import { createMemoryLogger } from '../../core/logging';
import { createServerApi, startHttpServer, type RunningHttpServer } from '../../core/transport';
import type { KioskCore } from '../../core/types';
import { createRendererFixture } from './transport-helpers';

/** The same transport with the real core: a real SQLite file in a temp dir and the project's services. */
describe('HTTP transport with the real core', () => {
  let dataDir: string;
  let core: KioskCore;
  let server: RunningHttpServer;
  let fixture: ReturnType<typeof createRendererFixture>;

  const call = async (method: string, input: unknown, token?: string): Promise<Result<unknown>> => {
    const response = await fetch(`${server.url}api/call/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { [SESSION_TOKEN_HEADER]: token } : {}) },
      body: JSON.stringify(input),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Result<unknown>;
  };
  /** Typed view of a successful answer; fails the test otherwise. */
  const value = async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> => {
    const result = await call(method, input);
    if (!result.ok) throw new Error(`${method} failed with ${result.error.code}`);
    return result.value as ApiOutput<M>;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-transport-core-'));
    fixture = createRendererFixture();
    core = openKioskCore({
      dataDir,
      resourcesDir: path.resolve(__dirname, '..', '..', 'resources'),
      mode: 'browser',
      logger: createMemoryLogger(),
    });
    server = await startHttpServer({
      api: createServerApi(core),
      port: 0,
      host: '127.0.0.1',
      rendererDir: fixture.rendererDir,
    });
  });

  afterAll(async () => {
    await server.close();
    core.close();
    fixture.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers kiosk.info in browser mode', async () => {
    const info = await value('kiosk.info', {});
    expect(info.mode).toBe('browser');
    expect(info.languages).toContain('de');
  });

  it('lets the contract refuse bad input and unknown methods', async () => {
    expect(await call('session.start', { serviceId: 'x', language: 'xx' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('kiosk.info', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('no.such.method', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('starts a session and pushes session.ended over the WebSocket when it ends', async () => {
    const catalog = await value('catalog.get', {});
    const serviceId = catalog.services[0]!.id;
    const started = await value('session.start', { serviceId, language: 'de' });
    const { sessionId } = started;
    const token = (started as { sessionToken?: string }).sessionToken;

    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, {
      origin: `http://127.0.0.1:${server.port}`,
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    // The session's events go to the sockets of its page only (issue 17).
    socket.send(JSON.stringify({ bind: token }));
    const received = new Promise<unknown>((resolve) =>
      socket.once('message', (data) => resolve(JSON.parse(String(data)))),
    );

    const ended = await call('session.end', { sessionId, reason: 'resident' }, token);
    expect(ended).toEqual({ ok: true, value: { ended: true } });
    expect(await received).toEqual({ type: 'session.ended', sessionId, reason: 'resident' });
    expect(await call('session.resume', {})).toEqual({ ok: true, value: null });
    socket.close();
  });
});
