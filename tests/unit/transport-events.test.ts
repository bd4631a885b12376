// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { KioskEvent } from '../../contract';
import { createServerApi, startHttpServer, type RunningHttpServer } from '../../core/transport';
import { createFakeCore, createRendererFixture, type FakeCore } from './transport-helpers';

function connect(url: string, headers: { origin?: string; host?: string }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      ...(headers.origin ? { origin: headers.origin } : {}),
      headers: headers.host ? { Host: headers.host } : {},
    });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`refused with ${response.statusCode}`)),
    );
    socket.once('error', reject);
  });
}

describe('browser-mode event socket', () => {
  let server: RunningHttpServer;
  let core: FakeCore;
  let fixture: ReturnType<typeof createRendererFixture>;

  beforeAll(async () => {
    fixture = createRendererFixture();
    core = createFakeCore();
    server = await startHttpServer({
      api: createServerApi(core),
      port: 0,
      host: '127.0.0.1',
      rendererDir: fixture.rendererDir,
    });
  });

  afterAll(async () => {
    await server.close();
    fixture.cleanup();
  });

  it('pushes core events as JSON to a client of the same origin', async () => {
    const socket = await connect(`ws://127.0.0.1:${server.port}/api/events`, {
      origin: `http://127.0.0.1:${server.port}`,
    });
    const received = new Promise<unknown>((resolve) =>
      socket.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    // Not a session's event: those go only to the session's own page (tests/unit/session-token.test.ts).
    const event: KioskEvent = { type: 'terminal.changed', terminalName: 'Rathaus Foyer', terminalLocation: 'EG' };
    core.emit(event);
    expect(await received).toEqual(event);
    socket.close();
  });

  it("answers calls on the socket with the core's Result, matched by call id, out of order", async () => {
    const socket = await connect(`ws://127.0.0.1:${server.port}/api/events`, {
      origin: `http://127.0.0.1:${server.port}`,
    });
    const replies: unknown[] = [];
    const two = new Promise<void>((resolve) =>
      socket.on('message', (data) => {
        replies.push(JSON.parse(String(data)));
        if (replies.length === 2) resolve();
      }),
    );
    socket.send(JSON.stringify({ call: 7, method: 'catalog.get', input: { language: 'de' } }));
    socket.send(JSON.stringify({ call: 8, method: 'no.such', input: {} }));
    await two;
    expect(replies).toContainEqual({
      reply: 7,
      result: { ok: true, value: { echoedMethod: 'catalog.get', echoedInput: { language: 'de' } } },
    });
    expect(replies).toContainEqual({ reply: 8, result: { ok: false, error: { code: 'unknown_method' } } });
    socket.close();
  });

  it('closes the socket on a frame that is not a call, and on one over the size limit', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    const closeCode = (socket: WebSocket) => new Promise<number>((resolve) => socket.once('close', resolve));
    for (const frame of ['hello', JSON.stringify({ call: 1, method: 'catalog.get', input: {}, extra: 1 })]) {
      const socket = await connect(`ws://127.0.0.1:${server.port}/api/events`, { origin });
      const closed = closeCode(socket);
      socket.send(frame);
      expect(await closed).toBe(1008);
    }
    const big = await connect(`ws://127.0.0.1:${server.port}/api/events`, { origin });
    const closed = closeCode(big);
    big.send(JSON.stringify({ call: 2, method: 'catalog.get', input: { text: 'x'.repeat(70 * 1024) } }));
    expect(await closed).toBe(1009);
    // None of the three reached the core: its last calls are still the previous test's.
    expect(core.calls.slice(-2).map((call) => call.method)).toEqual(['catalog.get', 'no.such']);
  });

  it('refuses a WebSocket from a foreign origin', async () => {
    await expect(
      connect(`ws://127.0.0.1:${server.port}/api/events`, { origin: 'http://evil.example' }),
    ).rejects.toThrow('refused with 403');
  });

  it('refuses a WebSocket without an Origin header', async () => {
    await expect(connect(`ws://127.0.0.1:${server.port}/api/events`, {})).rejects.toThrow('refused with 403');
  });

  it('refuses a WebSocket with a foreign Host even if Origin matches it', async () => {
    await expect(
      connect(`ws://127.0.0.1:${server.port}/api/events`, {
        origin: `http://evil.example:${server.port}`,
        host: `evil.example:${server.port}`,
      }),
    ).rejects.toThrow('refused with 403');
  });

  it('refuses upgrades on other paths', async () => {
    await expect(
      connect(`ws://127.0.0.1:${server.port}/api/other`, { origin: `http://127.0.0.1:${server.port}` }),
    ).rejects.toThrow('refused with 404');
  });

  it('stops pushing after close and unsubscribes from the core', async () => {
    const fixture2 = createRendererFixture();
    const core2 = createFakeCore();
    const server2 = await startHttpServer({ api: createServerApi(core2), port: 0, rendererDir: fixture2.rendererDir });
    const socket = await connect(`ws://127.0.0.1:${server2.port}/api/events`, {
      origin: `http://127.0.0.1:${server2.port}`,
    });
    expect(core2.listenerCount()).toBe(1);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await server2.close();
    expect(await closed).toBeGreaterThan(0);
    expect(core2.listenerCount()).toBe(0);
    fixture2.cleanup();
  });
});
