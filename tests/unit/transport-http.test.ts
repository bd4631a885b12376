// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerApi, MAX_BODY_BYTES, startHttpServer, type RunningHttpServer } from '../../core/transport';
import { createFakeCore, createRendererFixture, postJson, rawRequest, type FakeCore } from './transport-helpers';

describe('browser-mode HTTP transport', () => {
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

  it('listens on loopback only and reports its URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('carries a call to core.dispatch and returns its Result as JSON', async () => {
    const response = await postJson(server.port, 'session.start', JSON.stringify({ serviceId: 'x', language: 'de' }));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(response.body)).toEqual({
      ok: true,
      value: { echoedMethod: 'session.start', echoedInput: { serviceId: 'x', language: 'de' } },
    });
    expect(core.calls.at(-1)).toEqual({
      method: 'session.start',
      input: { serviceId: 'x', language: 'de' },
      // No page holds a session (this stand-in core has none): starting one needs no token.
      caller: { ownPage: true },
    });
  });

  it('answers malformed JSON with invalid_input without calling the core', async () => {
    const before = core.calls.length;
    const response = await postJson(server.port, 'kiosk.info', '{"broken":');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(core.calls.length).toBe(before);
  });

  it('refuses a body over the limit with payload_too_large', async () => {
    const before = core.calls.length;
    const big = JSON.stringify({ text: 'a'.repeat(MAX_BODY_BYTES + 10) });
    const response = await postJson(server.port, 'kiosk.info', big);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(core.calls.length).toBe(before);
  });

  it('passes unknown methods to the contract, which answers unknown_method', async () => {
    const response = await postJson(server.port, 'system.shutdown', '{}');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('refuses non-JSON content types (no CORS-simple cross-site posts)', async () => {
    const response = await postJson(server.port, 'kiosk.info', '{}', { 'Content-Type': 'text/plain' });
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers 405 for GET on a call path and 404 for unknown API paths', async () => {
    const get = await rawRequest(server.port, { path: '/api/call/kiosk.info' });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const unknown = await rawRequest(server.port, { path: '/api/nothing-here' });
    expect(unknown.status).toBe(404);
    const put = await rawRequest(server.port, { method: 'PUT', path: '/index.html', body: 'x' });
    expect(put.status).toBe(405);
  });

  it('refuses a foreign Host header (DNS rebinding) on API and static routes', async () => {
    const before = core.calls.length;
    const api = await postJson(server.port, 'kiosk.info', '{}', { Host: `evil.example:${server.port}` });
    expect(api.status).toBe(403);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const page = await rawRequest(server.port, { path: '/', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
    expect(core.calls.length).toBe(before);
  });

  it('accepts localhost:<port> as Host', async () => {
    const response = await postJson(server.port, 'kiosk.info', '{}', {
      Host: `localhost:${server.port}`,
      Origin: `http://localhost:${server.port}`,
    });
    expect(JSON.parse(response.body)).toMatchObject({ ok: true });
  });

  it('refuses a POST from a foreign Origin with forbidden', async () => {
    const before = core.calls.length;
    const response = await postJson(server.port, 'session.start', '{"serviceId":"x","language":"de"}', {
      Origin: 'http://evil.example',
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.calls.length).toBe(before);
  });

  it('accepts a POST from its own Origin', async () => {
    const response = await postJson(server.port, 'kiosk.info', '{}', { Origin: `http://127.0.0.1:${server.port}` });
    expect(JSON.parse(response.body)).toMatchObject({ ok: true });
  });

  it('serves index.html for / with a strict CSP and the other security headers', async () => {
    const response = await rawRequest(server.port, { path: '/' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('Bürgerkiosk test');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // Only for printing the receipt the page made itself (see security-headers.ts).
    expect(csp).toContain('frame-src blob:;');
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}`);
    expect(csp).not.toContain('unsafe-inline');
    // Spoken prompts play through Web Audio from API bytes: no media source is allowed at all.
    expect(csp).not.toContain('media-src');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
    // The camera for the page itself only (a booking code's QR code, issue 16), never for a frame.
    expect(String(response.headers['permissions-policy'])).toContain('camera=(self)');
    expect(String(response.headers['permissions-policy'])).toContain('microphone=()');
  });

  it('serves assets with their content types, and security headers on API answers too', async () => {
    const script = await rawRequest(server.port, { path: '/assets/app.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe('console.log("app");');
    const style = await rawRequest(server.port, { path: '/assets/style.css' });
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    const api = await postJson(server.port, 'kiosk.info', '{}');
    expect(api.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('lists no directories and hides dot files', async () => {
    expect((await rawRequest(server.port, { path: '/assets/' })).status).toBe(404);
    expect((await rawRequest(server.port, { path: '/assets' })).status).toBe(404);
    expect((await rawRequest(server.port, { path: '/.env' })).status).toBe(404);
    expect((await rawRequest(server.port, { path: '/missing.js' })).status).toBe(404);
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%5c..%5csecret.txt'])(
    'refuses path traversal %s',
    async (path) => {
      const response = await rawRequest(server.port, { path });
      expect(response.status).toBe(404);
      expect(response.body).not.toContain('TOP-SECRET-CANARY');
    },
  );
});
