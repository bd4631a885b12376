/** Flags of appointments/main.ts (`npm run appointments -- --port 8091 --data-dir <dir>`). */
export interface AppointmentFlags {
  help: boolean;
  quiet: boolean;
  port: number;
  dataDir?: string;
  slotMinutes?: number;
  capacity?: number;
}

export const APPOINTMENTS_USAGE = `Usage: appointments [--port <n>] [--data-dir <dir>] [--slot-minutes <n>] [--capacity <n>] [--quiet]

  --port <n>           port on 127.0.0.1 (0 = any free port; default 8091)
  --data-dir <dir>     where appointments.db lives (env APPOINTMENTS_DATA_DIR; default .appointments-data/)
  --slot-minutes <n>   length of one slot (default 15)
  --capacity <n>       bookings per slot (default 2)
  --quiet              no log on stderr`;

export class AppointmentFlagError extends Error {}

export function parseAppointmentFlags(argv: readonly string[], env: NodeJS.ProcessEnv): AppointmentFlags {
  const flags: AppointmentFlags = {
    help: false,
    quiet: false,
    port: 8091,
    ...(env.APPOINTMENTS_DATA_DIR ? { dataDir: env.APPOINTMENTS_DATA_DIR } : {}),
  };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index]!;
    const value = () => {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) throw new AppointmentFlagError(`${flag} needs a value`);
      index += 1;
      return next;
    };
    const integer = (min: number, max: number) => {
      const number = Number(value());
      if (!Number.isInteger(number) || number < min || number > max)
        throw new AppointmentFlagError(`${flag} must be ${min}–${max}`);
      return number;
    };
    switch (flag) {
      case '--help':
      case '-h':
        flags.help = true;
        break;
      case '--quiet':
        flags.quiet = true;
        break;
      case '--port':
        flags.port = integer(0, 65535);
        break;
      case '--data-dir':
        flags.dataDir = value();
        break;
      case '--slot-minutes':
        flags.slotMinutes = integer(5, 120);
        break;
      case '--capacity':
        flags.capacity = integer(1, 50);
        break;
      default:
        throw new AppointmentFlagError(`unknown flag ${flag}`);
    }
  }
  return flags;
}
