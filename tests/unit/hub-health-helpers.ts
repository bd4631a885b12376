import type { AlertView, AuditEntry, HealthReport, TerminalView } from '../../contract/hub';
import { FakeClock } from '../fixtures/core-harness';
import { connectKiosk, enrol, login, STAFF, type Client } from '../fixtures/hub-harness';
import { startRealHub, type RealHub } from './hub-client-helpers';

/**
 * Terminal health and alerts (issue 20) against the real hub in-process on 127.0.0.1 and a real kiosk core
 * (hub-health-reports.test.ts, hub-health-alerts.test.ts). Kiosk and hub share one fake clock, so a test moves the
 * time of both (the hub refuses reports whose time is far from its own). Rules are also driven by a kiosk socket
 * that sends crafted reports: the hub cannot tell it from a kiosk, and it lets each condition start and end on cue.
 */

/** Monday 16 June 2025, 10:00 in Stade: within the test's opening hours. */
export const MONDAY_10 = Date.UTC(2025, 5, 16, 8, 0);
const HOURS = {
  timeZone: 'Europe/Berlin',
  openingHours: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '16:00' }],
};
export const MINUTE = 60_000;

let real: RealHub | undefined;
const sockets: Client[] = [];

/** A socket a test opened: closed after the test. */
export function keepSocket(socket: Client): Client {
  sockets.push(socket);
  return socket;
}

/** For afterEach: the sockets and the hub of the test go. */
export async function closeHealthTest(): Promise<void> {
  for (const socket of sockets.splice(0)) socket.close();
  await real?.close();
  real = undefined;
}

export async function start(clock = new FakeClock(MONDAY_10)): Promise<RealHub> {
  real = await startRealHub({ clock, health: { openingHours: HOURS } });
  return real;
}

export function report(clock: FakeClock, changes: Partial<HealthReport> = {}): HealthReport {
  return {
    appVersion: '1.2.3',
    catalogue: { version: 'abc123', activation: 'ok', services: 20, refused: 0 },
    uptimeSeconds: 3600,
    freeDiskBytes: 20 * 2 ** 30,
    printer: 'ready',
    outbox: { depth: 0, oldestAgeSeconds: null },
    lastDeliveryAt: new Date(clock.now() - MINUTE).toISOString(),
    appointments: 'reachable',
    portal: 'reachable',
    lastError: 'none',
    reportedAt: new Date(clock.now()).toISOString(),
    ...changes,
  };
}

/** A second terminal, enrolled by the admin API, connected as a plain socket that sends what the test says. */
export async function rawKiosk(hub: RealHub): Promise<{ socket: Client; terminalId: string; credential: string }> {
  const enrolled = await enrol(hub.t.hub, hub.admin, 'Bibliothek');
  const socket = await connectKiosk(hub.t.hub, enrolled.credential);
  keepSocket(socket);
  await socket.next('welcome');
  return { socket, terminalId: enrolled.terminalId, credential: enrolled.credential };
}

/** A console GET; after a jump of the clock past the session's idle timeout, staff log in again. */
export async function staffGet(hub: RealHub, path: string): Promise<unknown> {
  let answer = await hub.staff.get(path);
  if (answer.status === 401) {
    hub.staff = await login(hub.t.hub, STAFF);
    answer = await hub.staff.get(path);
  }
  return answer.body;
}

export async function alerts(hub: RealHub): Promise<AlertView[]> {
  return (await staffGet(hub, '/alerts')) as AlertView[];
}

export async function terminal(hub: RealHub, terminalId: string): Promise<TerminalView> {
  const views = (await staffGet(hub, '/terminals')) as TerminalView[];
  return views.find((view) => view.terminalId === terminalId)!;
}

export async function audit(hub: RealHub): Promise<AuditEntry[]> {
  return (await hub.admin.get('/audit')).body as AuditEntry[];
}

export const kinds = (list: AlertView[], terminalId: string) =>
  list
    .filter((alert) => alert.terminalId === terminalId)
    .map((alert) => alert.kind)
    .sort();
