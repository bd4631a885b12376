import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findProjectRoot } from '../receiver/project-root';
import { APPOINTMENTS_USAGE, AppointmentFlagError, parseAppointmentFlags } from './cli-args';
import { startAppointmentServer } from './start-appointments';

/** Runs the reference appointment server on its own until stopped (`npm run appointments`). */
const say = (line: string): void => void process.stdout.write(`${line}\n`);

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  try {
    const flags = parseAppointmentFlags(argv, process.env);
    if (flags.help) {
      say(APPOINTMENTS_USAGE);
      return;
    }
    const server = await startAppointmentServer({
      port: flags.port,
      dataDir: flags.dataDir ?? path.join(findProjectRoot(), '.appointments-data'),
      ...(flags.slotMinutes ? { slotMinutes: flags.slotMinutes } : {}),
      ...(flags.capacity ? { capacity: flags.capacity } : {}),
      ...(flags.quiet ? {} : { log: (line: string) => process.stderr.write(`${line}\n`) }),
    });
    say(`Reference appointment server (ZMS citizen API) listening on ${server.apiUrl}/`);
    say(`  bookings: ${server.url}/demo`);
    let stopping = false;
    const shutdown = () => {
      if (stopping) return;
      stopping = true;
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  } catch (error) {
    const message =
      error instanceof AppointmentFlagError
        ? `${error.message}\n${APPOINTMENTS_USAGE}`
        : String((error as Error)?.message ?? error);
    process.stderr.write(`appointments could not start: ${message}\n`);
    process.exit(1);
  }
}

/** Run when this module is the program's entry (directly or as a bundle), not when imported. */
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
