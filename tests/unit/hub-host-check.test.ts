// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_API_PREFIX, CONSOLE_WS_PATH, TERMINAL_WS_PATH } from '../../contract/hub';
import { createMemoryLogger } from '../../core/logging';
import { createHub } from '../../hub/create-hub';
import { HostCheckConfigError } from '../../hub/http/host-check';
import {
  connect,
  enrol,
  http,
  login,
  startTestHub,
  tempDir,
  wsUrl,
  type StaffSession,
  type TestHub,
} from '../fixtures/hub-harness';
import { removeDir } from '../fixtures/core-harness';

/**
 * Issue 17: DNS rebinding. A name the attacker's DNS points at the hub makes the browser send that name as
 * Host, and an Origin that matches it, so the Origin check alone would let the attacker's page in. The hub
 * answers only to its public origin and the addresses it listens on, on every route and both sockets.
 */

let t: TestHub;
let admin: StaffSession;
let credential: string;
let port: string;
const REBOUND = () => `rebind.attacker.example:${port}`;

beforeAll(async () => {
  t = await startTestHub();
  admin = await login(t.hub, { username: 'admin', password: 'admin-password-123' });
  credential = (await enrol(t.hub, admin)).credential;
  port = new URL(t.hub.url).port;
}, 60_000);
afterAll(() => t.close());

describe('the Host header', () => {
  it('refuses a rebound host on API routes, even with a valid session, with 421 and no data', async () => {
    const own = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/queue`, { headers: { cookie: admin.cookie } });
    expect(own.status).toBe(200);
    for (const path of [`${CONSOLE_API_PREFIX}/queue`, `${CONSOLE_API_PREFIX}/terminals`, '/', '/nothing-here']) {
      const rebound = await http(`${t.hub.url}${path}`, {
        headers: { cookie: admin.cookie, host: REBOUND(), origin: `http://${REBOUND()}` },
      });
      expect(rebound.status, path).toBe(421);
      expect(rebound.body).toEqual({ error: 'wrong_host' });
    }
    const post = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/terminals`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, host: REBOUND(), origin: `http://${REBOUND()}` },
      body: { name: 'Rebound', location: 'nowhere' },
    });
    expect(post.status).toBe(421);
    const login = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/login`, {
      method: 'POST',
      headers: { host: REBOUND() },
      body: { username: 'admin', password: 'admin-password-123' },
    });
    expect(login.status).toBe(421);
    expect(login.headers['set-cookie']).toBeUndefined();
  });

  it('accepts the addresses it listens on: 127.0.0.1 and localhost with its port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      const result = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/queue`, { headers: { cookie: admin.cookie, host } });
      expect(result.status, host).toBe(200);
    }
    // The right name on another port is another origin.
    const otherPort = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/queue`, {
      headers: { cookie: admin.cookie, host: '127.0.0.1:1' },
    });
    expect(otherPort.status).toBe(421);
  });

  it('refuses the console socket and the terminal socket under a rebound host', async () => {
    // The attacker's page: Origin and Host agree, both the attacker's name.
    const rebound = { host: REBOUND(), origin: `http://${REBOUND()}` };
    await expect(connect(wsUrl(t.hub, CONSOLE_WS_PATH), { cookie: admin.cookie, ...rebound })).rejects.toMatchObject({
      status: 421,
    });
    await expect(
      connect(wsUrl(t.hub, TERMINAL_WS_PATH), { authorization: `Bearer ${credential}`, host: REBOUND() }),
    ).rejects.toMatchObject({ status: 421 });
    // The same sockets under the hub's own host open.
    const console = await connect(wsUrl(t.hub, CONSOLE_WS_PATH), { cookie: admin.cookie, origin: t.hub.url });
    console.close();
    const kiosk = await connect(wsUrl(t.hub, TERMINAL_WS_PATH), { authorization: `Bearer ${credential}` });
    kiosk.close();
  });
});

describe('the configured public origin', () => {
  it('is the host the hub answers to, besides its own addresses', async () => {
    const dir = tempDir('hub-origin-');
    const hub = await createHub({
      dataDir: dir,
      publicOrigin: 'https://hub.stade.example',
      logger: createMemoryLogger(),
      handoverKeyBits: 2048,
    });
    try {
      const url = `${hub.url}${CONSOLE_API_PREFIX}/session`;
      expect((await http(url, { headers: { host: 'hub.stade.example' } })).status).toBe(401);
      expect((await http(url, { headers: { host: 'HUB.stade.example' } })).status).toBe(401);
      // Its name on the port the hub listens on (no proxy in front) is the hub; on another port it is not.
      const port = new URL(hub.url).port;
      expect((await http(url, { headers: { host: `hub.stade.example:${port}` } })).status).toBe(401);
      expect((await http(url, { headers: { host: 'hub.stade.example:1' } })).status).toBe(421);
      expect((await http(url, { headers: { host: 'rebind.attacker.example' } })).status).toBe(421);
    } finally {
      await hub.close();
      removeDir(dir);
    }
  });
});

describe('a network address', () => {
  it('without --public-origin: the hub refuses to start, and says how to go on in one line', async () => {
    const dir = tempDir('hub-network-');
    try {
      const refused = createHub({ dataDir: dir, host: '0.0.0.0', port: 0, logger: createMemoryLogger() });
      await expect(refused).rejects.toBeInstanceOf(HostCheckConfigError);
      await expect(refused).rejects.toThrow(/--public-origin.*--allow-any-host/);
      const error = (await refused.catch((reason: unknown) => reason)) as Error;
      expect(error.message).not.toContain('\n');
    } finally {
      removeDir(dir);
    }
  });

  it('with a public origin checks Host; with allowAnyHost (told so) it starts and checks none', async () => {
    const dir = tempDir('hub-network-');
    try {
      const checked = await createHub({
        dataDir: dir,
        host: '0.0.0.0',
        publicOrigin: 'https://hub.stade.example',
        logger: createMemoryLogger(),
      });
      const checkedUrl = `${checked.url}${CONSOLE_API_PREFIX}/session`;
      expect((await http(checkedUrl, { headers: { host: 'hub.stade.example' } })).status).toBe(401);
      expect((await http(checkedUrl, { headers: { host: 'rebind.attacker.example' } })).status).toBe(421);
      await checked.close();

      const open = await createHub({ dataDir: dir, host: '0.0.0.0', allowAnyHost: true, logger: createMemoryLogger() });
      const openUrl = `${open.url}${CONSOLE_API_PREFIX}/session`;
      expect((await http(openUrl, { headers: { host: 'any.name.example' } })).status).toBe(401);
      await open.close();
    } finally {
      removeDir(dir);
    }
  });
});
