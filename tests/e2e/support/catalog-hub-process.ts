import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONSOLE_API_PREFIX, ENROL_PATH, TERMINAL_WS_PATH, type EnrolResponse } from '../../../contract/hub';
import { connect, http, type Client } from '../../fixtures/hub-wire';
import { ROOT } from './paths';

/**
 * The real hub as `npm run hub` runs it (dist/node/hub.mjs, so: node build/build.mjs first), in a temp data
 * folder, with an admin made by its documented create-admin command. A process, not createHub in-process:
 * Playwright's loader cannot import the JSON schemas the hub's desk core pulls in.
 */
export interface HubProcess {
  url: string;
  admin: { username: string; password: string };
  /** Creates and enrols a terminal through the admin routes and the enrolment route; its kiosk socket. */
  enrolKiosk(name: string): Promise<Client>;
  stop(): Promise<void>;
}

const HUB = join(ROOT, 'dist', 'node', 'hub.mjs');

export async function startHubProcess(): Promise<HubProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-e2e-'));
  const admin = { username: 'admin', password: 'admin-password-e2e' };
  const made = spawnSync(
    process.execPath,
    [
      HUB,
      'create-admin',
      '--username',
      admin.username,
      '--display-name',
      'Frau Admin',
      '--data-dir',
      dataDir,
      '--password-stdin',
    ],
    { input: `${admin.password}\n`, encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`create-admin failed: ${made.stderr}`);
  const child: ChildProcess = spawn(process.execPath, [HUB, '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`hub exited (${code})`)));
  });

  return {
    url,
    admin,
    async enrolKiosk(name) {
      const login = await http(`${url}${CONSOLE_API_PREFIX}/login`, {
        method: 'POST',
        body: admin,
        headers: { origin: url },
      });
      const cookie = (login.headers['set-cookie'] as string[])[0]!.split(';')[0]!;
      const csrf = (login.body as { csrfToken: string }).csrfToken;
      const created = await http(`${url}${CONSOLE_API_PREFIX}/terminals`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, origin: url },
        body: { name, location: 'Rathaus, Erdgeschoss' },
      });
      const enrolmentCode = (created.body as { enrolmentCode: string }).enrolmentCode;
      const enrolled = await http(`${url}${ENROL_PATH}`, {
        method: 'POST',
        body: { enrolmentCode, appVersion: '0.1.0-e2e' },
      });
      const { credential } = enrolled.body as EnrolResponse;
      return connect(`${url.replace(/^http/, 'ws')}${TERMINAL_WS_PATH}`, { authorization: `Bearer ${credential}` });
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
