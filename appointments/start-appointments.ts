import type { AddressInfo } from 'node:net';
import { ZMS_BASE_PATH } from '../contract/appointments';
import { Booking } from './booking';
import { type AppointmentServerOptions, resolveSettings, type ScheduleSettings } from './config';
import { type FaultRule, Faults } from './faults';
import { RateLimiter } from './rate-limit';
import { SAMPLE_TICKETPRINTER_HASH, type SampleCatalogue } from './sample-data';
import { Schedule } from './schedule';
import { buildServer } from './server';
import { type ProcessRow, ProcessStore } from './store';
import { WalkInDesk, ZMSAPI_BASE_PATH } from './walk-in';

/** The running reference appointment server, as the CLI, the kiosk's demo default, tests and bench use it. */
export interface AppointmentServer {
  /** Origin, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The citizen API's base URL: `${url}/terminvereinbarung/api/citizen` (no trailing slash). */
  apiUrl: string;
  /** zmsapi's base URL, for the walk-in waiting numbers: `${url}/terminvereinbarung/api/2`. */
  zmsApiUrl: string;
  /** The ticket printer hashes it accepts. */
  ticketprinterHashes: readonly string[];
  port: number;
  settings: ScheduleSettings;
  catalogue: SampleCatalogue;
  faults: {
    add(rule: FaultRule): void;
    clear(): void;
    /** Every reservation and preconfirmation held now expires. */
    expireHeld(): number;
    /** Another kiosk books this time (all of its capacity). */
    occupy(officeId: number, timestamp: number): number;
    fired(): ReadonlyArray<{ route: string; rule: FaultRule }>;
  };
  /** Every process stored (tests, the demo page). */
  processes(): ProcessRow[];
  close(): Promise<void>;
}

export async function startAppointmentServer(options: AppointmentServerOptions): Promise<AppointmentServer> {
  const { settings, catalogue } = resolveSettings(options);
  const now = options.now ?? Date.now;
  const write = options.log;
  const log = (event: string, fields: Record<string, unknown>) =>
    write?.(JSON.stringify({ time: new Date(now()).toISOString(), event, ...fields }));
  const store = new ProcessStore(options.dataDir);
  try {
    const schedule = new Schedule(catalogue, settings);
    const booking = new Booking(store, schedule, catalogue, settings, now, log);
    const faults = new Faults();
    const hashes = options.ticketprinterHashes ?? [SAMPLE_TICKETPRINTER_HASH];
    const app = buildServer({
      booking,
      walkIns: new WalkInDesk(store, catalogue, new Set(hashes), now),
      store,
      schedule,
      catalogue,
      settings,
      faults,
      limiter: new RateLimiter(settings.rateLimitPerMinute, now),
      now,
      log,
    });
    await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}`;
    log('appointments.started', { port });
    let closed: Promise<void> | undefined;
    return {
      url,
      apiUrl: `${url}${ZMS_BASE_PATH}`,
      zmsApiUrl: `${url}${ZMSAPI_BASE_PATH}`,
      ticketprinterHashes: hashes,
      port,
      settings,
      catalogue,
      faults: {
        add: (rule) => faults.add(rule),
        clear: () => faults.clear(),
        expireHeld: () => booking.expireHeld(),
        occupy: (officeId, timestamp) => booking.occupy(officeId, timestamp),
        fired: () => faults.fired,
      },
      processes: () => store.all(),
      close() {
        closed ??= (async () => {
          await app.close();
          store.close();
        })();
        return closed;
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
