import { cspHeader, HUB_CSP_DIRECTIVES } from '../../hub/http/content-security-policy';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../core/logging';
import { createHub } from '../../hub/create-hub';
import { CONSOLE_API_PREFIX, CONSOLE_WS_PATH, ENROL_PATH, TERMINAL_WS_PATH } from '../../contract/hub';
import { IDLE_TIMEOUT_MS, ABSOLUTE_TIMEOUT_MS } from '../../hub/stores/session-store';
import { ENROLMENT_CODE_TTL_MS } from '../../hub/stores/terminal-store';
import { OPEN_DATA_PREFIX } from '../../hub/open-data/dcat';
import {
  ADMIN,
  STAFF,
  connect,
  connectConsole,
  connectKiosk,
  enrol,
  hello,
  http,
  login,
  startTestHub,
  tempDir,
  wsUrl,
  type TestHub,
} from '../fixtures/hub-harness';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t.close());

/** A concrete path for a route pattern (":id" → a syntactically valid id). */
function concrete(url: string): string {
  return url
    .replace(':requestId', '3f8a6c1e-0000-4000-8000-000000000001')
    .replace(':handoverId', '3f8a6c1e-0000-4000-8000-000000000002')
    .replace(':terminalId', 't_abcdefghijkl')
    .replace('*', 'index.html');
}

async function refusedStatus(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    return (error as { status?: number }).status ?? -1;
  }
  return 0;
}

describe('hub security', () => {
  it('refuses every route and both WebSockets without credentials (routes taken from the router)', async () => {
    const { hub } = t;
    // Routes that are public by design: login and enrolment (their own secret is the credential).
    const publicRoutes = new Set([`POST ${CONSOLE_API_PREFIX}/login`, `POST ${ENROL_PATH}`]);
    // The open data (issue 18) are public by design too: counts only, suppressed, read-only (GET and HEAD).
    const openData = hub.routes.filter((route) => route.url.startsWith(OPEN_DATA_PREFIX));
    expect(openData.every((route) => route.method === 'GET' || route.method === 'HEAD')).toBe(true);
    const routes = hub.routes.filter(
      (route) => !publicRoutes.has(`${route.method} ${route.url}`) && !route.url.startsWith(OPEN_DATA_PREFIX),
    );
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes.filter((route) => route.websocket && route.method === 'GET')).toHaveLength(2);
    for (const route of routes) {
      const url = `${hub.url}${concrete(route.url)}`;
      if (route.websocket && route.method === 'GET') {
        const status = await refusedStatus(connect(url.replace(/^http/, 'ws'), { origin: hub.url }));
        expect(status, `${route.method} ${route.url}`).toBe(401);
      } else {
        // Same-origin, as a browser would send it: refused for the missing credentials alone.
        const result = await http(url, {
          method: route.method,
          headers: { origin: hub.url },
          ...(route.method === 'POST' ? { body: {} } : {}),
        });
        expect(result.status, `${route.method} ${route.url}`).toBe(401);
      }
    }
    // The public ones refuse wrong secrets.
    const badLogin = await http(`${hub.url}${CONSOLE_API_PREFIX}/login`, {
      method: 'POST',
      body: { username: STAFF.username, password: 'wrong-password-123' },
      localAddress: '127.0.0.9',
    });
    expect(badLogin.status).toBe(401);
    const badEnrol = await http(`${hub.url}${ENROL_PATH}`, {
      method: 'POST',
      body: { enrolmentCode: 'ABCD-EFGH-JKMN', appVersion: '1' },
    });
    expect(badEnrol.status).toBe(401);
  });

  it('sends strict security headers', async () => {
    const result = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/session`);
    const csp = String(result.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain(`connect-src 'self' ${t.hub.url.replace(/^http/, 'ws')};`);
    // The e2e stand-in server sends the hub's own directives: the same header but for the WebSocket origin.
    expect(csp.replace(` ${t.hub.url.replace(/^http/, 'ws')}`, '')).toBe(cspHeader(HUB_CSP_DIRECTIVES));
    expect(result.headers['x-content-type-options']).toBe('nosniff');
    // A crafted Host header cannot write into the policy.
    const crafted = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/session`, { headers: { host: 'x; script-src *' } });
    expect(String(crafted.headers['content-security-policy'])).not.toContain('script-src *');
    expect(result.headers['referrer-policy']).toBe('no-referrer');
  });

  it('session cookie is HttpOnly and SameSite=Strict; GET never changes state', async () => {
    const result = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/login`, {
      method: 'POST',
      body: { username: STAFF.username, password: STAFF.password },
    });
    const cookie = (result.headers['set-cookie'] as string[])[0]!;
    expect(cookie).toMatch(/^hub_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    // A GET to a POST route is not routed at all.
    const viaGet = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/logout`, {
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(viaGet.status).toBe(404);
    const stillThere = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/session`, {
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(stillThere.status).toBe(200);
  });

  it('refuses a POST with a missing or wrong CSRF token, or a foreign Origin', async () => {
    const admin = await login(t.hub, ADMIN);
    const url = `${t.hub.url}${CONSOLE_API_PREFIX}/terminals`;
    const body = { name: 'X', location: 'Y' };
    const missing = await http(url, { method: 'POST', headers: { cookie: admin.cookie }, body });
    expect(missing.status).toBe(403);
    const wrong = await http(url, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': 'x'.repeat(43) },
      body,
    });
    expect(wrong.status).toBe(403);
    // Another session's token is no good either: the token is bound to its session.
    const other = await login(t.hub, STAFF);
    const crossed = await http(url, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': other.csrf },
      body,
    });
    expect(crossed.status).toBe(403);
    const foreign = await http(url, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, origin: 'https://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    const terminals = await admin.get('/terminals');
    expect((terminals.body as unknown[]).length).toBe(0);
    const good = await admin.post('/terminals', body);
    expect(good.status).toBe(200);
  });

  it('staff may not use admin routes', async () => {
    const staff = await login(t.hub, STAFF);
    expect((await staff.get('/audit')).status).toBe(403);
    expect((await staff.post('/terminals', { name: 'X', location: 'Y' })).status).toBe(403);
    expect(
      (await staff.post('/staff', { username: 'mallory', displayName: 'M', role: 'admin', password: 'x'.repeat(12) }))
        .status,
    ).toBe(403);
  });

  it('refuses the console WebSocket from a foreign Origin or without a session', async () => {
    const staff = await login(t.hub, STAFF);
    const url = wsUrl(t.hub, CONSOLE_WS_PATH);
    expect(await refusedStatus(connect(url, { cookie: staff.cookie, origin: 'https://evil.example' }))).toBe(403);
    expect(await refusedStatus(connect(url, { cookie: staff.cookie }))).toBe(403);
    expect(await refusedStatus(connect(url, { origin: t.hub.url }))).toBe(401);
    const ok = await connectConsole(t.hub, staff);
    expect((await ok.next('queue')).type).toBe('queue');
    ok.close();
  });

  it('logout ends the session and closes its socket', async () => {
    const staff = await login(t.hub, STAFF);
    const socket = await connectConsole(t.hub, staff);
    const closed = socket.closed();
    expect((await staff.post('/logout')).status).toBe(200);
    expect((await closed).code).toBe(4401);
    expect((await staff.get('/session')).status).toBe(401);
  });

  it('a new login gives a new token; the one presented before ends', async () => {
    const first = await login(t.hub, STAFF);
    const second = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/login`, {
      method: 'POST',
      headers: { cookie: first.cookie },
      body: { username: STAFF.username, password: STAFF.password },
    });
    const cookie = (second.headers['set-cookie'] as string[])[0]!.split(';')[0]!;
    expect(cookie).not.toBe(first.cookie);
    expect((await first.get('/session')).status).toBe(401);
    expect((await http(`${t.hub.url}${CONSOLE_API_PREFIX}/session`, { headers: { cookie } })).status).toBe(200);
  });

  it('expires sessions after 15 minutes idle and after 8 hours in all', async () => {
    const idle = await login(t.hub, STAFF);
    t.clock.advance(IDLE_TIMEOUT_MS - 1_000);
    expect((await idle.get('/session')).status).toBe(200); // touched: the idle timer starts again
    t.clock.advance(IDLE_TIMEOUT_MS);
    expect((await idle.get('/session')).status).toBe(401);
    expect(await refusedStatus(connectConsole(t.hub, idle))).toBe(401);

    const busy = await login(t.hub, STAFF);
    for (let elapsed = 0; elapsed < ABSOLUTE_TIMEOUT_MS - IDLE_TIMEOUT_MS; elapsed += IDLE_TIMEOUT_MS - 60_000) {
      t.clock.advance(IDLE_TIMEOUT_MS - 60_000);
      expect((await busy.get('/session')).status).toBe(200);
    }
    t.clock.advance(IDLE_TIMEOUT_MS - 60_000);
    expect((await busy.get('/session')).status).toBe(401);
  });

  it('brute force is limited (per address and account) while the real staff member still logs in', async () => {
    // The staff member's own desk logged in before: its browser holds the account's device cookie.
    const before = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/login`, {
      method: 'POST',
      body: { username: STAFF.username, password: STAFF.password },
      localAddress: '127.0.0.3',
    });
    const deviceCookie = (before.headers['set-cookie'] as string[])
      .map((line) => line.split(';')[0]!)
      .find((pair) => pair.startsWith('hub_device_'))!;
    const attacker = '127.0.0.2';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 14; attempt += 1) {
      const result = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/login`, {
        method: 'POST',
        body: { username: STAFF.username, password: `guess-${attempt}-abcdef` },
        localAddress: attacker,
      });
      statuses.push(result.status);
    }
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThan(0);
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);
    // The right password from the attacker's address is refused too (limited), not let in.
    const limited = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/login`, {
      method: 'POST',
      body: { username: STAFF.username, password: STAFF.password },
      localAddress: attacker,
    });
    expect(limited.status).toBe(429);
    // The account is locked for unknown devices …
    const unknownDevice = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/login`, {
      method: 'POST',
      body: { username: STAFF.username, password: STAFF.password },
      localAddress: '127.0.0.4',
    });
    expect(unknownDevice.status).toBe(429);
    // … so the real staff member, at their own desk, still logs in.
    const real = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/login`, {
      method: 'POST',
      headers: { cookie: deviceCookie },
      body: { username: STAFF.username, password: STAFF.password },
      localAddress: '127.0.0.3',
    });
    expect(real.status).toBe(200);
    // The lock runs out (1 s after the sixth failure): the account is open again for the tests below.
    t.clock.advance(2_000);
    await login(t.hub, STAFF, '127.0.0.5');
  });

  it('refuses a wrong terminal credential, a used or expired enrolment code, and a revoked terminal', async () => {
    const admin = await login(t.hub, ADMIN);
    const enrolled = await enrol(t.hub, admin, 'Bibliothek');
    expect(enrolled.credential.startsWith(`${enrolled.terminalId}.`)).toBe(true);
    expect(enrolled.handoverKey).toMatchObject({ kty: 'RSA', alg: 'RSA-OAEP-256' });
    const url = wsUrl(t.hub, TERMINAL_WS_PATH);
    expect(await refusedStatus(connect(url, {}))).toBe(401);
    expect(await refusedStatus(connect(url, { authorization: `Bearer ${enrolled.terminalId}.wrongsecret` }))).toBe(401);
    expect(await refusedStatus(connect(url, { authorization: `Bearer ${enrolled.credential}x` }))).toBe(401);

    // An enrolment code works once, and only for 15 minutes.
    const created = await admin.post('/terminals', { name: 'Spät', location: 'Keller' });
    const code = (created.body as { enrolmentCode: string }).enrolmentCode;
    t.clock.advance(ENROLMENT_CODE_TTL_MS + 1);
    const late = await http(`${t.hub.url}${ENROL_PATH}`, {
      method: 'POST',
      body: { enrolmentCode: code, appVersion: '1' },
    });
    expect(late.status).toBe(401);
    const admin2 = await login(t.hub, ADMIN);
    const fresh = await admin2.post('/terminals', { name: 'Neu', location: 'Foyer' });
    const freshCode = (fresh.body as { enrolmentCode: string }).enrolmentCode;
    const body = { enrolmentCode: freshCode, appVersion: '1' };
    expect((await http(`${t.hub.url}${ENROL_PATH}`, { method: 'POST', body })).status).toBe(200);
    expect((await http(`${t.hub.url}${ENROL_PATH}`, { method: 'POST', body })).status).toBe(401);

    const kiosk = await connectKiosk(t.hub, enrolled.credential);
    expect((await kiosk.next('welcome')).terminalName).toBe('Bibliothek');
    kiosk.send(hello());
    const closed = kiosk.closed();
    const revoked = await admin2.post(`/terminals/${enrolled.terminalId}/revoke`);
    expect(revoked.status).toBe(200);
    expect((revoked.body as { revoked: boolean }).revoked).toBe(true);
    expect((await kiosk.next('revoked')).type).toBe('revoked');
    expect((await closed).code).toBe(4403);
    expect(await refusedStatus(connectKiosk(t.hub, enrolled.credential))).toBe(401);
  });
});

describe('the console files', () => {
  it("are served at / with the strict headers; the console's own paths get its page, the API a JSON 404", async () => {
    const consoleDir = tempDir('hub-console-');
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Konsole</title>');
    const hub = await createHub({ dataDir: tempDir('hub-static-'), consoleDir, logger: createMemoryLogger() });
    try {
      const page = await http(`${hub.url}/`);
      expect(page.status).toBe(200);
      expect(String(page.body)).toContain('<title>Konsole</title>');
      expect(String(page.headers['content-security-policy'])).toContain("default-src 'none'");
      expect(String((await http(`${hub.url}/queue`)).body)).toContain('<title>Konsole</title>');
      const api = await http(`${hub.url}${CONSOLE_API_PREFIX}/nope`);
      expect(api.status).toBe(404);
      expect(api.body).toEqual({ error: 'not_found' });
    } finally {
      await hub.close();
    }
  });
});
