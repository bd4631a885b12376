import { spawn } from 'node:child_process';
import { generateKeyPair } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CONSOLE_API_PREFIX,
  CSRF_HEADER,
  ENROL_PATH,
  TERMINAL_WS_PATH,
  type EnrolResponse,
} from '../../../contract/hub';
import { connect, type Client } from '../../fixtures/hub-wire';
import { launchUntilReady, stopChild, type Running } from './child-process';
import { ROOT } from './paths';

/**
 * The real help-desk hub as the town runs it: `node dist/node/hub.mjs` (needs `node build/build.mjs`),
 * its first admin made with the documented `create-admin` command, on 127.0.0.1 with a fresh data dir.
 * Staff accounts and terminals are created through the hub's own admin API, as the console does.
 */

export const HUB_SCRIPT = join(ROOT, 'dist', 'node', 'hub.mjs');
const READY = /Bürgerkiosk hub listening on (http:\/\/127\.0\.0\.1:(\d+))/;
const START_TIMEOUT_MS = 40_000;

export interface HubAccount {
  username: string;
  displayName: string;
  password: string;
}

export const HUB_ADMIN: HubAccount = {
  username: 'admin',
  displayName: 'Frau Admin',
  password: 'Rathaus-Leitung-e2e',
};
export const HUB_STAFF: HubAccount = {
  username: 'meyer',
  displayName: 'Frau Meyer',
  password: 'Buergerbuero-Tresen-e2e',
};

function run(args: string[], stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HUB_SCRIPT, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`hub ${args[0]}: ${output}`))));
    child.stdin.end(stdin ?? '');
  });
}

function launch(dataDir: string, port: number, log: string[]): Promise<Running> {
  const args = [HUB_SCRIPT, '--port', String(port), '--data-dir', dataDir];
  return launchUntilReady('hub', args, { ready: READY, timeoutMs: START_TIMEOUT_MS, log });
}

/**
 * The hub generates its RSA-3072 handover key at the first enrolment: seconds of CPU that, on a loaded
 * machine, outlast the kiosk's enrolment timeout. Each hub here gets a 2048-bit key made once per worker
 * instead, in the file the hub loads it from; loading and using it is the hub's own code.
 */
let handoverKeyPem: Promise<string> | undefined;
function sharedHandoverKey(): Promise<string> {
  return (handoverKeyPem ??= new Promise((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: 2048 }, (error, _publicKey, privateKey) =>
      error ? reject(error) : resolve(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
    ),
  ));
}

/** A logged-in admin API client (cookie + CSRF token), as the console holds them. */
export class HubAdmin {
  private constructor(
    private readonly hub: HubProcess,
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  static async login(hub: HubProcess, account: HubAccount): Promise<HubAdmin> {
    const response = await fetch(`${hub.url}${CONSOLE_API_PREFIX}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: account.username, password: account.password }),
    });
    if (!response.ok) throw new Error(`login refused (${response.status})`);
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0]!)
      .join('; ');
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return new HubAdmin(hub, cookie, csrfToken);
  }

  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.hub.url}${CONSOLE_API_PREFIX}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        ...(method === 'POST' ? { 'content-type': 'application/json', [CSRF_HEADER]: this.csrf } : {}),
      },
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return (await response.json()) as T;
  }

  createTerminal(name: string, location: string): Promise<{ enrolmentCode: string; terminal: { terminalId: string } }> {
    return this.call('POST', '/terminals', { name, location });
  }

  /** A terminal created here and enrolled with its code as a kiosk enrols: its credential and the handover key. */
  async enrolTerminal(name: string, location: string, appVersion: string): Promise<EnrolResponse> {
    const { enrolmentCode } = await this.createTerminal(name, location);
    const response = await fetch(`${this.hub.url}${ENROL_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrolmentCode, appVersion }),
    });
    if (!response.ok) throw new Error(`enrol: ${response.status}`);
    return (await response.json()) as EnrolResponse;
  }
}

/** The terminal WebSocket with an enrolled credential: the test plays the kiosk over the real protocol. */
export function connectTerminal(hub: Pick<HubProcess, 'url'>, credential: string): Promise<Client> {
  return connect(`${hub.url.replace(/^http/, 'ws')}${TERMINAL_WS_PATH}`, { authorization: `Bearer ${credential}` });
}

export interface HubProcess {
  url: string;
  port: number;
  dataDir: string;
  output(): string;
  /** SIGKILL: the hub dies mid-request, no shutdown code runs. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for exit; the data dir stays for inspection. */
  stop(): Promise<void>;
  /** Starts again on the same port and data dir. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/** A fresh hub with its first admin (create-admin) and a staff account, ready on 127.0.0.1. */
export async function startHub(): Promise<HubProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-e2e-'));
  const log: string[] = [];
  try {
    writeFileSync(join(dataDir, 'handover-key.pem'), await sharedHandoverKey(), { mode: 0o600 });
    await run(
      [
        'create-admin',
        '--data-dir',
        dataDir,
        '--username',
        HUB_ADMIN.username,
        '--display-name',
        HUB_ADMIN.displayName,
        '--password-stdin',
      ],
      `${HUB_ADMIN.password}\n`,
    );
    let running = await launch(dataDir, 0, log);
    const hub: HubProcess = {
      url: running.url,
      port: running.port,
      dataDir,
      output: () => log.join(''),
      kill9: () => stopChild(running.child, 'SIGKILL'),
      stop: () => stopChild(running.child, 'SIGTERM'),
      async restart() {
        await stopChild(running.child, 'SIGTERM');
        running = await launch(dataDir, hub.port, log);
      },
      async dispose() {
        await stopChild(running.child, 'SIGTERM');
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
    const admin = await HubAdmin.login(hub, HUB_ADMIN);
    await admin.call('POST', '/staff', { ...HUB_STAFF, role: 'staff' });
    return hub;
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
