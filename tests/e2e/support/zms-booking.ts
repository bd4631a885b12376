import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppointmentServer, type AppointmentServer } from '../../../appointments';
import { bookingCodeText } from '../../../contract/booking';
import { expect } from './fixtures';

/** The reference server's sample ids: the Führungszeugnis and the Bürgerbüro that gives it. */
export const FUEHRUNGSZEUGNIS = 20004;
export const BUERGERBUERO = 10001;

export interface BookingServer {
  server: AppointmentServer;
  /** A folder of the test's own (the server's data is in it), removed by close(). */
  dir: string;
  /** The kiosk's `--appointments-config`: the Führungszeugnis at the Bürgerbüro. */
  configFile: string;
  close(): Promise<void>;
}

/** The reference ZMS server in a temporary folder, without its rate limit, and the kiosk's configuration for it. */
export async function startBookingServer(prefix: string, timeoutMs = 3000): Promise<BookingServer> {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const server = await startAppointmentServer({ dataDir: join(dir, 'zms'), rateLimitPerMinute: 0 });
  const configFile = join(dir, 'appointments.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      baseUrl: server.apiUrl,
      timeoutMs,
      services: { fuehrungszeugnis: { serviceId: FUEHRUNGSZEUGNIS, officeIds: [BUERGERBUERO] } },
    }),
  );
  return {
    server,
    dir,
    configFile,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function post(server: AppointmentServer, route: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.apiUrl}/${route}/`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

export interface BookedTime {
  processId: number;
  authKey: string;
  code: string;
  timestamp: number;
}

/**
 * A time booked through the citizen API, as the town's website would: a free time a few days on at the
 * Bürgerbüro, reserved, named, preconfirmed and confirmed.
 */
export async function bookThroughApi(server: AppointmentServer, familyName: string): Promise<BookedTime> {
  const url = new URL(`${server.apiUrl}/available-calendar/`);
  url.search = new URLSearchParams({
    startDate: new Date().toISOString().slice(0, 10),
    endDate: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
    officeIds: String(BUERGERBUERO),
    serviceIds: String(FUEHRUNGSZEUGNIS),
    serviceCounts: '1',
  }).toString();
  const calendar = (await (await fetch(url)).json()) as { availableDays: { offices: { appointments: number[] }[] }[] };
  const timestamp = calendar.availableDays[2]!.offices[0]!.appointments[0]!;
  const reserved = await post(server, 'reserve-appointment', {
    officeId: BUERGERBUERO,
    serviceId: [String(FUEHRUNGSZEUGNIS)],
    serviceCount: [1],
    timestamp: String(timestamp),
  });
  const keys = { processId: reserved.processId as number, authKey: reserved.authKey as string };
  await post(server, 'update-appointment', { ...keys, familyName });
  await post(server, 'preconfirm-appointment', keys);
  await post(server, 'confirm-appointment', keys);
  return { ...keys, code: bookingCodeText(keys), timestamp };
}
