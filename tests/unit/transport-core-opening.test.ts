// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createServerApi, startHttpServer, type RunningHttpServer, type ServerApi } from '../../core/transport';
import { createFakeCore, createRendererFixture, postJson, rawRequest } from './transport-helpers';

/**
 * Browser mode listens before the core is open (launcher/browser-mode.ts): the page is served at
 * once, and calls and sockets that arrive before the core wait for it instead of failing.
 */
describe('browser-mode server while the core is still opening', () => {
  let server: RunningHttpServer | undefined;
  let fixture: ReturnType<typeof createRendererFixture> | undefined;

  afterEach(async () => {
    await server?.close();
    fixture?.cleanup();
  });

  function deferred() {
    let resolve: (api: ServerApi) => void = () => undefined;
    let reject: (error: Error) => void = () => undefined;
    const promise = new Promise<ServerApi>((yes, no) => {
      resolve = yes;
      reject = no;
    });
    return { promise, resolve, reject };
  }

  it('serves the page at once and answers an early call when the core is there', async () => {
    fixture = createRendererFixture();
    const api = deferred();
    server = await startHttpServer({ api: api.promise, port: 0, host: '127.0.0.1', rendererDir: fixture.rendererDir });

    const page = await rawRequest(server.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Bürgerkiosk test');

    let answered = false;
    const early = postJson(server.port, 'kiosk.info', '{}').then((response) => {
      answered = true;
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);

    const core = createFakeCore();
    api.resolve(createServerApi(core));
    const response = await early;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: { echoedMethod: 'kiosk.info', echoedInput: {} } });
    expect(core.calls).toEqual([{ method: 'kiosk.info', input: {}, caller: { ownPage: false } }]);
  });

  it('opens an early socket once the core is there, and it carries calls', async () => {
    fixture = createRendererFixture();
    const api = deferred();
    server = await startHttpServer({ api: api.promise, port: 0, host: '127.0.0.1', rendererDir: fixture.rendererDir });
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, {
      origin: `http://127.0.0.1:${server.port}`,
    });
    const opened = new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(socket.readyState).toBe(WebSocket.CONNECTING);

    api.resolve(createServerApi(createFakeCore()));
    await opened;
    const reply = new Promise<unknown>((resolve) =>
      socket.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    socket.send(JSON.stringify({ call: 7, method: 'kiosk.info', input: {} }));
    expect(await reply).toEqual({
      reply: 7,
      result: { ok: true, value: { echoedMethod: 'kiosk.info', echoedInput: {} } },
    });
    socket.close();
  });

  it('refuses calls and sockets with a typed error when the core could not open, and keeps serving the page', async () => {
    fixture = createRendererFixture();
    const api = deferred();
    server = await startHttpServer({ api: api.promise, port: 0, host: '127.0.0.1', rendererDir: fixture.rendererDir });
    api.reject(new Error('database refused'));

    const response = await postJson(server.port, 'kiosk.info', '{}');
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ ok: false, error: { code: 'internal' } });
    expect(response.body).not.toContain('database refused');

    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, {
      origin: `http://127.0.0.1:${server.port}`,
    });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('open', () => resolve('open'));
      socket.once('error', () => resolve('error'));
    });
    expect(outcome).toBe('error');
    expect((await rawRequest(server.port, { path: '/' })).status).toBe(200);
  });
});
