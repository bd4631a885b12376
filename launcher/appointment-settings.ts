import path from 'node:path';
import type { AppointmentClient } from '../core/appointments/appointment-client';
import { readAppointmentsConfig, type AppointmentsConfig } from '../core/appointments/config';
import { ZmsAppointmentClient } from '../core/appointments/zms-client';
import type { KioskFlags } from './args';
import { StartupError } from './startup-error';
import { readCaFile } from './trust-files';

/**
 * Which appointment system the kiosk books with, decided once from the flags:
 *  - `--no-appointments`: none; the prepared visit points to the desk's phone and hours;
 *  - `--appointments-config <file>`: the town's ZMS (base URL, service mapping, optional CA file);
 *  - a production start without either: none (a terminal never books with the demo server);
 *  - otherwise (a checkout's `npm start`): the reference appointment server, embedded, with its own
 *    SQLite in <data dir>/appointments, and the sample mapping of kiosk services to its ids.
 */
export interface KioskAppointments {
  /** The client once known: at once when configured, after the reference server is up in the demo. */
  client: Promise<AppointmentClient | undefined>;
  /** The same system as settings, for a core in another process (Electron builds its client there). */
  config: Promise<(AppointmentsConfig & { caPem?: string }) | undefined>;
  origin: 'configured' | 'demo' | 'off';
  /** Starts the reference server, if that is the choice; call once the kiosk is up. */
  start(): void;
  stop(): Promise<void>;
}

type Flags = Pick<KioskFlags, 'appointmentsConfig' | 'noAppointments' | 'caFile'> & { production?: boolean };

export const NO_APPOINTMENTS_LINE =
  'No appointment booking (--no-appointments): the prepared visit points to the desk’s phone and hours.';
export const PRODUCTION_NO_APPOINTMENTS_LINE =
  'No appointment system: production start without --appointments-config (or --no-appointments); the prepared ' +
  'visit points to the desk’s phone and hours.';

/** The reference server's sample catalogue as a kiosk mapping: each kiosk service to its ZMS service and offices. */
export async function demoMapping(): Promise<AppointmentsConfig['services']> {
  const { SAMPLE_CATALOGUE } = await import('../appointments/sample-data');
  const services: AppointmentsConfig['services'] = {};
  for (const service of SAMPLE_CATALOGUE.services) {
    const officeIds = SAMPLE_CATALOGUE.relations
      .filter((relation) => relation.serviceId === service.id)
      .map((relation) => relation.officeId);
    for (const kioskId of service.kioskServiceIds) services[kioskId] = { serviceId: service.id, officeIds };
  }
  return services;
}

/** The sample offices that take walk-ins, as the kiosk's walk-in settings for the reference server. */
export async function demoWalkIns(zmsApiUrl: string): Promise<NonNullable<AppointmentsConfig['walkIns']>> {
  const { SAMPLE_CATALOGUE, SAMPLE_TICKETPRINTER_HASH } = await import('../appointments/sample-data');
  const offices: NonNullable<AppointmentsConfig['walkIns']>['offices'] = {};
  for (const office of SAMPLE_CATALOGUE.offices) {
    if (!office.walkIn) continue;
    const openingHours = Object.entries(office.walkIn.hours).flatMap(([day, blocks]) =>
      (blocks ?? []).map(([from, to]) => ({ days: [Number(day)], from, to })),
    );
    offices[office.kioskOfficeId] = { scopeId: office.id, openingHours };
  }
  return { apiUrl: zmsApiUrl, ticketprinterHash: SAMPLE_TICKETPRINTER_HASH, offices };
}

export function appointmentsForKiosk(flags: Flags, dataDir: string, say: (line: string) => void): KioskAppointments {
  const off = (line: string): KioskAppointments => {
    say(line);
    return {
      client: Promise.resolve(undefined),
      config: Promise.resolve(undefined),
      origin: 'off',
      start() {},
      stop: () => Promise.resolve(),
    };
  };
  if (flags.noAppointments) return off(NO_APPOINTMENTS_LINE);
  if (flags.appointmentsConfig) {
    let config: ReturnType<typeof readAppointmentsConfig>;
    try {
      config = readAppointmentsConfig(flags.appointmentsConfig);
    } catch (error) {
      throw new StartupError(`--appointments-config: ${(error as Error).message}`);
    }
    // The file's own CA wins; else the kiosk's --ca-file, as for the portal and the hub.
    const caPem = config.caPem ?? readCaFile(flags.caFile);
    const client = new ZmsAppointmentClient({ config, ...(caPem ? { caPem } : {}) });
    return {
      client: Promise.resolve(client),
      config: Promise.resolve({ ...config, ...(caPem ? { caPem } : {}) }),
      origin: 'configured',
      start() {},
      stop: async () => client.close(),
    };
  }
  if (flags.production) return off(PRODUCTION_NO_APPOINTMENTS_LINE);

  let resolve: (client: AppointmentClient | undefined) => void = () => {};
  const client = new Promise<AppointmentClient | undefined>((done) => (resolve = done));
  let resolveConfig: (config: AppointmentsConfig | undefined) => void = () => {};
  const config = new Promise<AppointmentsConfig | undefined>((done) => (resolveConfig = done));
  let stopServer: (() => Promise<void>) | undefined;
  let zms: ZmsAppointmentClient | undefined;
  return {
    client,
    config,
    origin: 'demo',
    start() {
      // Loaded only when the demo runs: a town's kiosk never evaluates the reference server.
      void (async () => {
        const { startAppointmentServer } = await import('../appointments/start-appointments');
        const server = await startAppointmentServer({ dataDir: path.join(dataDir, 'appointments') });
        stopServer = () => server.close();
        const demo = {
          baseUrl: server.apiUrl,
          timeoutMs: 8000,
          services: await demoMapping(),
          walkIns: await demoWalkIns(server.zmsApiUrl),
        };
        zms = new ZmsAppointmentClient({ config: demo });
        resolveConfig(demo);
        say(`Demo appointments (local reference ZMS server): bookings at ${server.url}/demo`);
        resolve(zms);
      })().catch((error: unknown) => {
        say(`The demo appointment server could not start (${(error as Error)?.message ?? String(error)}).`);
        resolve(undefined);
        resolveConfig(undefined);
      });
    },
    async stop() {
      resolve(undefined);
      resolveConfig(undefined);
      zms?.close();
      await stopServer?.();
    },
  };
}
