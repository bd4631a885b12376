import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CONSOLE_API_PREFIX,
  CONSOLE_WS_PATH,
  ENROL_PATH,
  TERMINAL_WS_PATH,
  type TerminalActivity,
} from '../contract/hub';
import WebSocket from 'ws';
import { http } from '../tests/fixtures/hub-wire';

/**
 * The help-desk hub under load, on loopback: the hub runs as its own process
 * (dist/node/hub.mjs, as `npm run hub` starts it); this process plays 200
 * kiosks and 20 staff consoles through the real routes and sockets. A kiosk
 * asks for help at random moments; its request stays open until every console
 * has been told of it (then the kiosk cancels, as when staff have taken it), so
 * a slow hub is never relieved by requests ending early. Every kiosk reports its
 * activity every few seconds. Measured: help request sent → `help.new` received,
 * per console; the notifications that never arrived (requests × consoles, less
 * those received by the end); and the hub's RSS.
 */

export interface HubBenchOptions {
  kiosks: number;
  consoles: number;
  /** Help requests per kiosk, spread over `durationMs`. */
  requestsPerKiosk: number;
  durationMs: number;
}

export interface HubBenchResult {
  notifyMs: number[];
  requests: number;
  /** requests × consoles: every console should hear of every request. */
  notificationsExpected: number;
  /** Of those, the ones no console had received when the run ended (after a grace period). */
  notificationsMissing: number;
  rssConnectedMb: number;
  rssPeakMb: number;
  /** CPU the hub process used during the load, in cores (1 = one core busy all the time). */
  hubCpuCores: number;
}

const ACTIVITY: TerminalActivity = {
  serviceId: 'meldebescheinigung',
  stepId: null,
  screen: 'step',
  stepNumber: 2,
  stepCount: 6,
  language: 'de',
};

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** utime + stime of a process, in seconds (clock ticks of 1/100 s on Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function startHubProcess(
  hubScript: string,
  dataDir: string,
  extraArgs: readonly string[] = [],
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // HUB_BENCH_NODE_ARGS, e.g. "--cpu-prof": flags for the hub process only (Node refuses them in NODE_OPTIONS).
    const nodeArgs = process.env.HUB_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(
      process.execPath,
      [...nodeArgs, hubScript, '--port', '0', '--data-dir', dataDir, '--console-dir', dataDir, ...extraArgs],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let ready = false;
    // Both pipes are read to the end (a full pipe would stall the hub); stderr's tail explains an early exit.
    let errTail = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      if (ready) return;
      out += chunk.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) {
        ready = true;
        resolve({ child, url: match[1]! });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (errTail = (errTail + chunk.toString()).slice(-2000)));
    child.on('exit', (code) => reject(new Error(`hub exited (${code}) ${errTail.trim()}`)));
  });
}

/** A bare socket: the simulated clients look at a message's first bytes only, so their own parsing does not pose as hub latency. */
export function rawConnect(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`refused ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** After the last request, how long notifications still in flight may take before they count as missing. */
const GRACE_MS = 10_000;

export async function measureHub(tmp: string, root: string, options: HubBenchOptions): Promise<HubBenchResult> {
  const hubScript = join(root, 'dist', 'node', 'hub.mjs');
  const dataDir = mkdtempSync(join(tmp, 'hub-'));
  const created = spawnSync(
    process.execPath,
    [hubScript, 'create-admin', '--data-dir', dataDir, '--username', 'bench', '--display-name', 'Bench'],
    { encoding: 'utf8' },
  );
  const password = /Password[^:]*: (\S+)/.exec(created.stdout)?.[1];
  if (!password) throw new Error(`create-admin failed: ${created.stderr}`);
  const { child, url } = await startHubProcess(hubScript, dataDir);
  const sockets: WebSocket[] = [];
  try {
    const api = `${url}${CONSOLE_API_PREFIX}`;
    const loginAs = async (username: string, pass: string) => {
      const result = await http(`${api}/login`, { method: 'POST', body: { username, password: pass } });
      if (result.status !== 200) throw new Error(`login ${result.status}`);
      return {
        cookie: (result.headers['set-cookie'] as string[])[0]!.split(';')[0]!,
        csrf: (result.body as { csrfToken: string }).csrfToken,
      };
    };
    const admin = await loginAs('bench', password);
    const post = (path: string, body: unknown) =>
      http(`${api}${path}`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body });

    // Consoles: one staff member each.
    const sentAt = new Map<string, number>();
    const notifyMs: number[] = [];
    /** Consoles told of each request so far, and the kiosk that asked. */
    const told = new Map<string, number>();
    const askedBy = new Map<string, WebSocket>();
    for (let index = 0; index < options.consoles; index += 1) {
      const username = `staff${index}`;
      const staffPassword = `bench-password-${index}`;
      const made = await post('/staff', {
        username,
        displayName: `Staff ${index}`,
        role: 'staff',
        password: staffPassword,
      });
      if (made.status !== 200) throw new Error(`create staff ${made.status}`);
      const session = await loginAs(username, staffPassword);
      const socket = await rawConnect(`${url.replace(/^http/, 'ws')}${CONSOLE_WS_PATH}`, {
        cookie: session.cookie,
        origin: url,
      });
      socket.on('message', (data) => {
        const received = performance.now();
        const text = String(data);
        if (!text.startsWith('{"type":"help.new"')) return;
        const requestId = (JSON.parse(text) as { request: { requestId: string } }).request.requestId;
        const sent = sentAt.get(requestId);
        if (sent === undefined) return;
        notifyMs.push(received - sent);
        const consoles = (told.get(requestId) ?? 0) + 1;
        told.set(requestId, consoles);
        // Every console knows: the request has served its purpose and the kiosk ends it.
        if (consoles === options.consoles)
          askedBy.get(requestId)?.send(JSON.stringify({ type: 'help.cancel', requestId }));
      });
      sockets.push(socket);
    }

    // Kiosks: created by the admin, enrolled through the enrolment route (from several loopback
    // addresses, as the enrolment route is rate limited per address), connected with their credential.
    const kiosks: WebSocket[] = [];
    for (let index = 0; index < options.kiosks; index += 1) {
      const terminal = await post('/terminals', { name: `Kiosk ${index}`, location: `Raum ${index}` });
      const code = (terminal.body as { enrolmentCode: string }).enrolmentCode;
      const enrolled = await http(`${url}${ENROL_PATH}`, {
        method: 'POST',
        body: { enrolmentCode: code, appVersion: '0.1.0-bench' },
        localAddress: `127.0.2.${1 + Math.floor(index / 8)}`,
      });
      if (enrolled.status !== 200) throw new Error(`enrol ${enrolled.status}`);
      const credential = (enrolled.body as { credential: string }).credential;
      const kiosk = await rawConnect(`${url.replace(/^http/, 'ws')}${TERMINAL_WS_PATH}`, {
        authorization: `Bearer ${credential}`,
      });
      const send = (message: unknown) => kiosk.send(JSON.stringify(message));
      send({ type: 'hello', appVersion: '0.1.0-bench', outboxBacklog: 0, activity: ACTIVITY, openRequests: [] });
      kiosks.push(kiosk);
      sockets.push(kiosk);
    }
    await sleep(1_000);
    const rssConnectedMb = rssMb(child.pid!);
    let rssPeakMb = rssConnectedMb;
    const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb(child.pid!))), 250);

    const cpuBefore = cpuSeconds(child.pid!);
    const loadStarted = performance.now();
    const timers: NodeJS.Timeout[] = [];
    let requests = 0;
    const slot = options.durationMs / options.requestsPerKiosk;
    kiosks.forEach((kiosk, index) => {
      for (let round = 0; round < options.requestsPerKiosk; round += 1) {
        timers.push(
          setTimeout(
            () => {
              const requestId = randomUUID();
              sentAt.set(requestId, performance.now());
              askedBy.set(requestId, kiosk);
              requests += 1;
              kiosk.send(
                JSON.stringify({
                  type: 'help.request',
                  request: { requestId, reason: 'button', activity: ACTIVITY, since: new Date().toISOString() },
                }),
              );
              // One request per slot, 0.8 slot apart at least: a kiosk has one open request (the hub replaces an
              // open one, without a second alert), and the previous one is cancelled once every console has it.
            },
            (round + 0.1 + 0.8 * Math.random()) * slot,
          ),
        );
      }
      const activity = setInterval(
        () =>
          kiosk.send(
            JSON.stringify({
              type: 'activity',
              activity: { ...ACTIVITY, stepNumber: 1 + (index % 6) },
              outboxBacklog: 0,
            }),
          ),
        5_000 + (index % 50) * 20,
      );
      timers.push(activity);
    });
    await sleep(options.durationMs);
    // Every request is sent by now; wait for the notifications still on their way, up to the grace period.
    const expected = () => requests * options.consoles;
    const graceEnds = performance.now() + GRACE_MS;
    while (notifyMs.length < expected() && performance.now() < graceEnds) await sleep(100);
    for (const timer of timers) clearTimeout(timer);
    clearInterval(sampler);
    const hubCpuCores = (cpuSeconds(child.pid!) - cpuBefore) / ((performance.now() - loadStarted) / 1000);
    return {
      notifyMs,
      requests,
      notificationsExpected: expected(),
      notificationsMissing: expected() - notifyMs.length,
      rssConnectedMb,
      rssPeakMb,
      hubCpuCores,
    };
  } finally {
    for (const socket of sockets) socket.terminate();
    child.kill('SIGTERM');
  }
}
