/** Flags of receiver/main.ts. */
export interface ReceiverFlags {
  help: boolean;
  list: boolean;
  quiet: boolean;
  port: number;
  dataDir?: string;
  servicesDir?: string;
  clientId: string;
  clientSecret: string;
  /** Accept the published default client secret (a demo on this machine). */
  demo: boolean;
}

/** The client secret this README publishes: a receiver that accepts it accepts anyone's applications. */
export const PUBLISHED_DEMO_SECRET = 'local-demo-secret';

export const RECEIVER_USAGE = `Usage: receiver [--port <n>] [--data-dir <dir>] [--services-dir <dir>] [--quiet] [--list] [--demo]

  --port <n>           port on 127.0.0.1 (0 = any free port; default 8090)
  --data-dir <dir>     where receiver.db lives (env RECEIVER_DATA_DIR; default .receiver-data/ in the project)
  --services-dir <dir> resources/services to read submission schemas from (default: the project's)
  --quiet              no request log on stderr
  --list               print the received applications (decrypted, JSON) and exit
  --demo               accept the published default client secret (without it, set RECEIVER_CLIENT_SECRET)

OAuth client: env RECEIVER_CLIENT_ID (default buergerkiosk) and RECEIVER_CLIENT_SECRET (default
${PUBLISHED_DEMO_SECRET}, refused unless --demo). /demo and /__admin need the token printed at start.`;

export class ReceiverFlagError extends Error {}

export function parseReceiverFlags(argv: readonly string[], env: NodeJS.ProcessEnv): ReceiverFlags {
  const flags: ReceiverFlags = {
    help: false,
    list: false,
    quiet: false,
    port: 8090,
    clientId: env.RECEIVER_CLIENT_ID || 'buergerkiosk',
    clientSecret: env.RECEIVER_CLIENT_SECRET || PUBLISHED_DEMO_SECRET,
    demo: false,
    ...(env.RECEIVER_DATA_DIR ? { dataDir: env.RECEIVER_DATA_DIR } : {}),
  };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index]!;
    const value = () => {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) throw new ReceiverFlagError(`${flag} needs a value`);
      index += 1;
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        flags.help = true;
        break;
      case '--list':
        flags.list = true;
        break;
      case '--quiet':
        flags.quiet = true;
        break;
      case '--demo':
        flags.demo = true;
        break;
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ReceiverFlagError('--port must be 0–65535');
        flags.port = port;
        break;
      }
      case '--data-dir':
        flags.dataDir = value();
        break;
      case '--services-dir':
        flags.servicesDir = value();
        break;
      default:
        throw new ReceiverFlagError(`unknown flag ${flag}`);
    }
  }
  if (flags.clientSecret === PUBLISHED_DEMO_SECRET && !flags.demo && !flags.list && !flags.help) {
    throw new ReceiverFlagError(
      `the client secret is the published default (${PUBLISHED_DEMO_SECRET}): set RECEIVER_CLIENT_SECRET, or pass --demo`,
    );
  }
  return flags;
}
