// @vitest-environment node
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CONSOLE_API_PREFIX, CONSOLE_WS_PATH } from '../../contract/hub';
import { ADMIN, startTestHub, tempDir, type TestHub } from '../fixtures/hub-harness';
import { removeDir } from '../fixtures/core-harness';

/**
 * `npm run hub -- --tls-cert … --tls-key …`: the hub on a town network serves HTTPS and WSS only.
 * A self-signed certificate for 127.0.0.1 made with Debian's openssl stands for the town's own CA.
 */

const execFileAsync = promisify(execFile);

let dir: string;
let cert: Buffer;
let hub: TestHub;

function get(url: string, options: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = httpsRequest(
        url,
        {
          method: options.method ?? 'GET',
          ca: cert,
          agent: false,
          headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...options.headers },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    },
  );
}

beforeAll(async () => {
  dir = tempDir('hub-tls-');
  const [certFile, keyFile] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile,
  ], { stdio: 'ignore' }); // prettier-ignore
  cert = readFileSync(certFile);
  hub = await startTestHub({ tls: { cert, key: readFileSync(keyFile) } });
}, 60_000);

afterAll(async () => {
  await hub?.close();
  removeDir(dir);
});

describe('hub with TLS', () => {
  it("a kiosk trusts the town's CA through NODE_EXTRA_CA_CERTS (its fetch and WebSocket use Node's trust store)", async () => {
    const probe = `fetch(process.argv[1]).then((r) => console.log(r.status), (e) => console.log(e.cause?.code ?? e.message))`;
    // Asynchronously: the hub runs in this process and must be free to answer.
    const run = async (env: NodeJS.ProcessEnv) =>
      (
        await execFileAsync(process.execPath, ['-e', probe, `${hub.hub.url}${CONSOLE_API_PREFIX}/login`], { env })
      ).stdout.trim();
    const { NODE_EXTRA_CA_CERTS: _none, ...plainEnv } = process.env;
    expect(await run(plainEnv)).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    // Reached the hub's route: GET on the login route is not allowed, but it answered over TLS.
    expect(await run({ ...plainEnv, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') })).toMatch(/^4\d\d$/);
  });

  it('serves HTTPS with a Secure session cookie, HSTS and a CSP that allows only wss', async () => {
    expect(hub.hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const login = await get(`${hub.hub.url}${CONSOLE_API_PREFIX}/login`, {
      method: 'POST',
      body: { username: ADMIN.username, password: ADMIN.password },
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers['set-cookie'] as string[])[0]!;
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(login.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const page = await get(`${hub.hub.url}/`);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain('upgrade-insecure-requests');
    expect(csp).toMatch(/connect-src 'self' wss:\/\//);
    expect(csp).not.toMatch(/ws:\/\//);
  });

  it('the console socket runs over WSS; plain HTTP on the port gets no answer from the hub', async () => {
    const login = await get(`${hub.hub.url}${CONSOLE_API_PREFIX}/login`, {
      method: 'POST',
      body: { username: ADMIN.username, password: ADMIN.password },
    });
    const cookie = (login.headers['set-cookie'] as string[])[0]!.split(';')[0]!;
    const socket = new WebSocket(`${hub.hub.url.replace(/^https/, 'wss')}${CONSOLE_WS_PATH}`, {
      ca: cert,
      origin: hub.hub.url,
      headers: { cookie },
    });
    const first = await new Promise<Record<string, unknown>>((resolve, reject) => {
      socket.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>));
      socket.once('error', reject);
    });
    expect(typeof first.type).toBe('string');
    socket.close();

    const plain = await new Promise<number | string>((resolve) => {
      const req = httpRequest(hub.hub.url.replace(/^https/, 'http') + '/', { agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (error) => resolve((error as NodeJS.ErrnoException).code ?? 'error'));
      req.end();
    });
    // The TLS server drops a plain-text request: no hub route runs, nothing travels in clear.
    expect(plain).toBe('ECONNRESET');
  });
});
