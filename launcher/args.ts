/**
 * Command-line flags shared by the launcher and the Electron main process
 * (the launcher passes its flags on to Electron unchanged).
 */

export interface KioskFlags {
  browser: boolean;
  noOpen: boolean;
  help: boolean;
  port: number;
  dataDir?: string;
  idleTimeoutS?: number;
  idleWarningS?: number;
}

export const DEFAULT_PORT = 8080;

export const USAGE = `Usage: npm start -- [options]

  --browser              browser kiosk mode (HTTP server + Chromium --kiosk) instead of Electron
  --no-open              browser mode: serve only, do not launch Chromium
  --port <n>             browser mode port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free port)
  --data-dir <dir>       where kiosk.db and the key live (env KIOSK_DATA_DIR)
  --idle-timeout <s>     end an idle session after <s> seconds (env KIOSK_IDLE_TIMEOUT_S)
  --idle-warning <s>     warn <s> seconds before the end (env KIOSK_IDLE_WARNING_S)
  --help                 show this text
`;

export class FlagError extends Error {}

function positiveNumber(flag: string, raw: string | undefined, allowZero = false): number {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new FlagError(`${flag} needs a ${allowZero ? 'non-negative' : 'positive'} number`);
  }
  return value;
}

/**
 * `strict` rejects unknown flags (the launcher). The Electron main process is
 * lenient, because Electron and test drivers add their own switches.
 */
export function parseFlags(argv: readonly string[], env: NodeJS.ProcessEnv, strict = true): KioskFlags {
  const flags: KioskFlags = { browser: false, noOpen: false, help: false, port: DEFAULT_PORT };
  let idleTimeout = env.KIOSK_IDLE_TIMEOUT_S;
  let idleWarning = env.KIOSK_IDLE_WARNING_S;
  let dataDir = env.KIOSK_DATA_DIR || undefined;

  for (let index = 0; index < argv.length; index += 1) {
    const raw = argv[index] as string;
    const [name, inlineValue] = raw.startsWith('--') && raw.includes('=') ? raw.split(/=(.*)/s, 2) : [raw, undefined];
    const takeValue = (): string => {
      if (inlineValue !== undefined) return inlineValue;
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) throw new FlagError(`${name} needs a value`);
      index += 1;
      return next;
    };
    switch (name) {
      case '--browser':
        flags.browser = true;
        break;
      case '--no-open':
        flags.noOpen = true;
        break;
      case '--help':
      case '-h':
        flags.help = true;
        break;
      case '--port': {
        const port = positiveNumber('--port', takeValue(), true);
        if (!Number.isInteger(port) || port > 65535) throw new FlagError('--port needs a port number (0–65535)');
        flags.port = port;
        break;
      }
      case '--data-dir':
        dataDir = takeValue();
        break;
      case '--idle-timeout':
        idleTimeout = takeValue();
        break;
      case '--idle-warning':
        idleWarning = takeValue();
        break;
      default:
        if (strict) throw new FlagError(`unknown option ${raw} (see --help)`);
    }
  }
  if (dataDir) flags.dataDir = dataDir;
  if (idleTimeout !== undefined && idleTimeout !== '') flags.idleTimeoutS = positiveNumber('idle timeout', idleTimeout);
  if (idleWarning !== undefined && idleWarning !== '') flags.idleWarningS = positiveNumber('idle warning', idleWarning);
  return flags;
}

/** The idle options of KioskCoreOptions, in milliseconds. */
export function idleOptions(flags: KioskFlags): { idleTimeoutMs?: number; idleWarningMs?: number } {
  return {
    ...(flags.idleTimeoutS !== undefined ? { idleTimeoutMs: Math.round(flags.idleTimeoutS * 1000) } : {}),
    ...(flags.idleWarningS !== undefined ? { idleWarningMs: Math.round(flags.idleWarningS * 1000) } : {}),
  };
}
