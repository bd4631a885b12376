import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appointmentsForKiosk,
  demoMapping,
  NO_APPOINTMENTS_LINE,
  PRODUCTION_NO_APPOINTMENTS_LINE,
  type KioskAppointments,
} from '../../launcher/appointment-settings';
import { parseFlags } from '../../launcher/args';

/** The launcher's appointment choice: off, the town's configuration, or the embedded reference server (demo). */
let dataDir: string;
let appointments: KioskAppointments | undefined;
afterEach(async () => {
  await appointments?.stop();
  appointments = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

const fresh = () => (dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-appointments-')));

describe('flags', () => {
  it('reads --appointments-config, its env variable and --no-appointments', () => {
    fresh();
    expect(parseFlags(['--appointments-config', '/etc/zms.json'], {}).appointmentsConfig).toBe('/etc/zms.json');
    expect(parseFlags([], { KIOSK_APPOINTMENTS_CONFIG: '/x.json' }).appointmentsConfig).toBe('/x.json');
    expect(parseFlags(['--no-appointments'], {}).noAppointments).toBe(true);
    expect(parseFlags([], {}).noAppointments).toBe(false);
  });
});

describe('appointmentsForKiosk', () => {
  it('--no-appointments: no client and no server', async () => {
    const lines: string[] = [];
    appointments = appointmentsForKiosk({ noAppointments: true }, fresh(), (line) => lines.push(line));
    appointments.start();
    expect(await appointments.client).toBeUndefined();
    expect(lines).toEqual([NO_APPOINTMENTS_LINE]);
    expect(existsSync(path.join(dataDir, 'appointments'))).toBe(false);
  });

  it('a production start without a configuration never starts the reference server', async () => {
    const lines: string[] = [];
    appointments = appointmentsForKiosk({ noAppointments: false, production: true }, fresh(), (line) =>
      lines.push(line),
    );
    appointments.start();
    expect(appointments.origin).toBe('off');
    expect(await appointments.client).toBeUndefined();
    expect(lines).toEqual([PRODUCTION_NO_APPOINTMENTS_LINE]);
    expect(existsSync(path.join(dataDir, 'appointments'))).toBe(false);
  });

  it('the checkout default starts the reference server embedded and books through it', async () => {
    const lines: string[] = [];
    appointments = appointmentsForKiosk({ noAppointments: false }, fresh(), (line) => lines.push(line));
    expect(appointments.origin).toBe('demo');
    appointments.start();
    const client = await appointments.client;
    expect(client?.offers('personalausweis')).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const days = await client!.freeDays('personalausweis', today, inTwoWeeks);
    expect(days.length).toBeGreaterThan(0);
    expect(lines.some((line) => line.startsWith('Demo appointments'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'appointments', 'appointments.db'))).toBe(true);
  });

  it('a configuration file: its base URL and mapping, no server of its own', async () => {
    fresh();
    const file = path.join(dataDir, 'zms.json');
    writeFileSync(
      file,
      JSON.stringify({ baseUrl: 'https://zms.example/terminvereinbarung/api/citizen', services: await demoMapping() }),
    );
    appointments = appointmentsForKiosk(
      { noAppointments: false, appointmentsConfig: file, production: true },
      dataDir,
      () => {},
    );
    expect(appointments.origin).toBe('configured');
    expect((await appointments.client)?.offers('reisepass')).toBe(true);
    expect(existsSync(path.join(dataDir, 'appointments'))).toBe(false);
  });

  it('a broken configuration stops the start with the flag named', () => {
    fresh();
    const file = path.join(dataDir, 'zms.json');
    writeFileSync(file, '{"baseUrl": 5}');
    expect(() => appointmentsForKiosk({ noAppointments: false, appointmentsConfig: file }, dataDir, () => {})).toThrow(
      /--appointments-config: .*baseUrl/,
    );
  });
});
