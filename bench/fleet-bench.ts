import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type WebSocket from 'ws';
import {
  CONSOLE_API_PREFIX,
  CONSOLE_WS_PATH,
  ENROL_PATH,
  TERMINAL_WS_PATH,
  type EnrolResponse,
  type HealthReport,
  type TerminalActivity,
} from '../contract/hub';
import { http } from '../tests/fixtures/hub-wire';
import { cpuSeconds, rawConnect, rssMb } from './hub-bench';

/**
 * The fleet of issue 20 on loopback: 1,000 kiosks and 50 consoles in this one process, speaking the hub's real
 * wire protocol to one or more hub processes (`fleet-hubs.ts` starts them). Each kiosk is created by the admin and
 * enrolled through the enrolment route (so it holds a real device credential), connects the terminal socket the
 * kiosk's hub client uses, says hello, sends a health report every simulated minute and raises help requests.
 * Kiosks and consoles are spread over the instances in turn, so with two instances most help requests cross
 * between them. Measured: help request sent → `help.new` at each console; health reports offered and absorbed
 * (seen back in a console's terminal overview, i.e. stored and served by the hub); each hub process's CPU time.
 */

export interface FleetOptions {
  kiosks: number;
  consoles: number;
  /** The load phase; help requests and health reports are spread over it. */
  durationMs: number;
  /** A simulated minute: each kiosk reports its health once per `minuteMs` (60,000 = real time). */
  minuteMs: number;
  requestsPerKiosk: number;
}

export interface FleetInstance {
  url: string;
  pid: number;
}

export interface FleetResult {
  notifyMs: number[];
  requests: number;
  notificationsExpected: number;
  notificationsMissing: number;
  healthSent: number;
  /** Reports a console saw in the terminal overview (the hub stored and served them). */
  healthAbsorbed: number;
  loadSeconds: number;
  /** Per instance: CPU time of the hub process during the load over the load's wall time (1 = one core busy). */
  cpuCores: number[];
  rssMb: number[];
  /** Creating, enrolling and connecting all kiosks. */
  enrolSeconds: number;
  /** This process (all kiosks and consoles) during the load: its CPU in cores and its event loop's delay p99. A
   * busy client delays what it receives and would pose as hub latency. */
  clientCpuCores: number;
  clientLoopDelayP99Ms: number;
  /** Terminal overviews one console received during the whole run, and the largest one's size. */
  overviews: number;
  overviewBytes: number;
}

const ACTIVITY: TerminalActivity = {
  serviceId: 'meldebescheinigung',
  stepId: null,
  screen: 'step',
  stepNumber: 2,
  stepCount: 6,
  language: 'de',
};

/** A healthy kiosk's report: no alert rule fires, so the load is the reports themselves. */
function healthReport(uptimeSeconds: number, reportedAt: string): HealthReport {
  return {
    appVersion: '0.1.0-bench',
    catalogue: { version: 'bench-catalogue', activation: 'ok', services: 12, refused: 0 },
    uptimeSeconds,
    freeDiskBytes: 50 * 2 ** 30,
    printer: 'ready',
    outbox: { depth: 0, oldestAgeSeconds: null },
    lastDeliveryAt: null,
    appointments: 'reachable',
    portal: 'reachable',
    lastError: 'none',
    reportedAt,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** After the load, how long notifications and reports still in flight may take before they count as missing. */
const GRACE_MS = 10_000;
/** The enrolment route allows 10 a minute per address: 8 kiosks per loopback address. */
const KIOSKS_PER_ADDRESS = 8;
/** Logins are limited per address too (and cost an argon2 check each). */
const LOGINS_PER_ADDRESS = 10;
/** Kiosks enrolled at once: the hub is busy, the bench must not queue a thousand requests on it. */
const ENROL_CONCURRENCY = 16;

interface Session {
  cookie: string;
  csrf: string;
}

async function login(base: string, username: string, password: string, localAddress: string): Promise<Session> {
  const result = await http(`${base}${CONSOLE_API_PREFIX}/login`, {
    method: 'POST',
    body: { username, password },
    localAddress,
  });
  if (result.status !== 200) throw new Error(`login ${username}: ${result.status}`);
  return {
    cookie: (result.headers['set-cookie'] as string[])[0]!.split(';')[0]!,
    csrf: (result.body as { csrfToken: string }).csrfToken,
  };
}

async function inBatches<T>(count: number, batch: number, run: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += batch)
    results.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(batch, count - start) }, (_, offset) => run(start + offset)),
      )),
    );
  return results;
}

export async function runFleet(
  instances: readonly FleetInstance[],
  admin: { username: string; password: string },
  options: FleetOptions,
): Promise<FleetResult> {
  const wsBase = (instance: FleetInstance) => instance.url.replace(/^http/, 'ws');
  const home = instances[0]!;
  const adminSession = await login(home.url, admin.username, admin.password, '127.0.3.1');
  const post = (path: string, body: unknown) =>
    http(`${home.url}${CONSOLE_API_PREFIX}${path}`, {
      method: 'POST',
      headers: { cookie: adminSession.cookie, 'x-csrf-token': adminSession.csrf },
      body,
    });
  const sockets: WebSocket[] = [];
  try {
    const sentAt = new Map<string, number>();
    const told = new Map<string, number>();
    const askedBy = new Map<string, WebSocket>();
    const notifyMs: number[] = [];
    /** `${terminalId} ${reportedAt}` of reports sent and not yet seen in an overview. */
    const healthPending = new Set<string>();
    let healthSent = 0;
    let healthAbsorbed = 0;
    /** The terminal overview the hub pushes to every console (whole lists, at most one a second). */
    let overviews = 0;
    let overviewBytes = 0;

    // Consoles: one staff member each, on the instances in turn; the first one also reads the terminal overview.
    for (let index = 0; index < options.consoles; index += 1) {
      const username = `fleet${index}`;
      const password = `fleet-password-${index}`;
      const made = await post('/staff', { username, displayName: `Staff ${index}`, role: 'staff', password });
      if (made.status !== 200) throw new Error(`create staff ${made.status}`);
      const instance = instances[index % instances.length]!;
      const session = await login(
        instance.url,
        username,
        password,
        `127.0.3.${2 + Math.floor(index / LOGINS_PER_ADDRESS)}`,
      );
      const socket = await rawConnect(`${wsBase(instance)}${CONSOLE_WS_PATH}`, {
        cookie: session.cookie,
        origin: instance.url,
      });
      const observer = index === 0;
      socket.on('message', (data: Buffer) => {
        const received = performance.now();
        // Only the head is decoded first: the overview (about 1 MB for 1,000 terminals) reaches every console each
        // second, and decoding it fifty times would load this process, whose delays would pose as the hub's.
        const head = data.toString('utf8', 0, 20);
        if (head.startsWith('{"type":"terminals"')) {
          if (!observer) return;
          overviews += 1;
          overviewBytes = Math.max(overviewBytes, data.byteLength);
          const { terminals } = JSON.parse(data.toString('utf8')) as {
            terminals: { terminalId: string; health: { reportedAt: string } | null }[];
          };
          for (const terminal of terminals)
            if (terminal.health && healthPending.delete(`${terminal.terminalId} ${terminal.health.reportedAt}`))
              healthAbsorbed += 1;
          return;
        }
        if (!head.startsWith('{"type":"help.new"')) return;
        const requestId = (JSON.parse(data.toString('utf8')) as { request: { requestId: string } }).request.requestId;
        const sent = sentAt.get(requestId);
        if (sent === undefined) return;
        notifyMs.push(received - sent);
        const consoles = (told.get(requestId) ?? 0) + 1;
        told.set(requestId, consoles);
        // Every console knows: the kiosk ends the request (as when staff have taken it), so requests do not pile up.
        if (consoles === options.consoles)
          askedBy.get(requestId)?.send(JSON.stringify({ type: 'help.cancel', requestId }));
      });
      sockets.push(socket);
    }

    // Kiosks: created, enrolled with their one-time code, connected with the credential, on the instances in turn.
    const enrolStarted = performance.now();
    const kiosks = await inBatches(options.kiosks, ENROL_CONCURRENCY, async (index) => {
      const terminal = await post('/terminals', { name: `Kiosk ${index}`, location: `Ort ${index}` });
      if (terminal.status !== 200) throw new Error(`create terminal ${terminal.status}`);
      const code = (terminal.body as { enrolmentCode: string }).enrolmentCode;
      const enrolled = await http(`${home.url}${ENROL_PATH}`, {
        method: 'POST',
        body: { enrolmentCode: code, appVersion: '0.1.0-bench' },
        localAddress: `127.0.2.${1 + Math.floor(index / KIOSKS_PER_ADDRESS)}`,
      });
      if (enrolled.status !== 200) throw new Error(`enrol ${enrolled.status}`);
      const { terminalId, credential } = enrolled.body as EnrolResponse;
      const socket = await rawConnect(`${wsBase(instances[index % instances.length]!)}${TERMINAL_WS_PATH}`, {
        authorization: `Bearer ${credential}`,
      });
      socket.send(
        JSON.stringify({
          type: 'hello',
          appVersion: '0.1.0-bench',
          outboxBacklog: 0,
          activity: ACTIVITY,
          openRequests: [],
        }),
      );
      sockets.push(socket);
      return { terminalId, socket };
    });
    const enrolSeconds = (performance.now() - enrolStarted) / 1000;
    await sleep(2_000);

    const pids = instances.map((instance) => instance.pid);
    const rss = pids.map((pid) => rssMb(pid));
    const cpuBefore = pids.map((pid) => cpuSeconds(pid));
    const clientCpuBefore = process.cpuUsage();
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const loadStarted = performance.now();
    const timers: NodeJS.Timeout[] = [];
    let requests = 0;
    let loadOver = false;
    const slot = options.durationMs / options.requestsPerKiosk;
    kiosks.forEach(({ terminalId, socket }, index) => {
      for (let round = 0; round < options.requestsPerKiosk; round += 1) {
        timers.push(
          setTimeout(
            () => {
              const requestId = randomUUID();
              sentAt.set(requestId, performance.now());
              askedBy.set(requestId, socket);
              requests += 1;
              socket.send(
                JSON.stringify({
                  type: 'help.request',
                  request: { requestId, reason: 'button', activity: ACTIVITY, since: new Date().toISOString() },
                }),
              );
            },
            (round + 0.1 + 0.8 * Math.random()) * slot,
          ),
        );
      }
      // Health: every kiosk once per simulated minute, the fleet spread evenly over it.
      const report = () => {
        if (loadOver) return;
        const reportedAt = new Date().toISOString();
        healthPending.add(`${terminalId} ${reportedAt}`);
        healthSent += 1;
        socket.send(JSON.stringify({ type: 'health', report: healthReport(3600 + healthSent, reportedAt) }));
      };
      timers.push(
        setTimeout(
          () => {
            report();
            timers.push(setInterval(report, options.minuteMs));
          },
          (index / options.kiosks) * options.minuteMs,
        ),
      );
    });
    await sleep(options.durationMs);
    loadOver = true;
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const cpuCores = pids.map((pid, index) => (cpuSeconds(pid) - cpuBefore[index]!) / loadSeconds);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    loopDelay.disable();
    // Everything is sent: wait for what is still on its way, up to the grace period.
    const expected = () => requests * options.consoles;
    const graceEnds = performance.now() + GRACE_MS;
    while ((notifyMs.length < expected() || healthPending.size > 0) && performance.now() < graceEnds) await sleep(100);
    for (const timer of timers) clearTimeout(timer);
    return {
      notifyMs,
      requests,
      notificationsExpected: expected(),
      notificationsMissing: expected() - notifyMs.length,
      healthSent,
      healthAbsorbed,
      loadSeconds,
      cpuCores,
      rssMb: rss,
      enrolSeconds,
      clientCpuCores: (clientCpu.user + clientCpu.system) / 1e6 / loadSeconds,
      clientLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      overviews,
      overviewBytes,
    };
  } finally {
    for (const socket of sockets) socket.terminate();
  }
}
