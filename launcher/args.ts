import path from 'node:path';
import { ENROLMENT_CODE_PATTERN } from '../contract/hub/enrolment-code';

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
  /** The town's own service folders (`--services-dir`, env KIOSK_SERVICES_DIR), read after the shipped ones; absolute. */
  servicesDir?: string;
  idleTimeoutS?: number;
  idleWarningS?: number;
  /** JSON file with the town's FIT-Connect settings; none: the local demo receiver. */
  portalConfig?: string;
  /** Deliver nowhere: applications wait in the outbox. */
  noPortal: boolean;
  /** No help-desk hub at all (no --hub-url and no local demo hub). */
  noHub: boolean;
  /** Electron: the receipt printer's system name (silent printing); none: the system's default printer. */
  printer?: string;
  /** The help-desk hub's base URL; none: the kiosk works alone and help points to the desk. */
  hubUrl?: string;
  /** `http://` to a hub that is not on this machine: accepted only with this flag (a test network). */
  allowInsecureHub: boolean;
  /** One-time enrolment code from the hub's admin (used while no credential is stored). */
  hubEnrolmentCode?: string;
  /** PEM file with the town's CA certificate(s), trusted for TLS to the hub and the portal. */
  caFile?: string;
  /**
   * A town's terminal (`--production`, env KIOSK_PRODUCTION=1; always so in a packaged Electron build):
   * never the demo receiver or demo hub; without a portal configuration the kiosk is out of service.
   */
  production: boolean;
  /** Electron on Linux without a key ring: accept the master key in plain text (safeStorage 'basic_text'). */
  allowPlaintextKeyStore: boolean;
  /** JSON file with the town's appointment system (ZMS citizen API); none: the local reference server (demo). */
  appointmentsConfig?: string;
  /** No appointment booking: the prepared visit points to the desk's phone and hours. */
  noAppointments: boolean;
}

export const DEFAULT_PORT = 8080;

export const USAGE = `Usage: npm start -- [options]

  --browser              browser kiosk mode (HTTP server + Chromium --kiosk) instead of Electron
  --no-open              browser mode: serve only, do not launch Chromium
  --port <n>             browser mode port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free port)
  --data-dir <dir>       where kiosk.db and the key live (env KIOSK_DATA_DIR)
  --services-dir <dir>   the town's own services, one folder each, shown next to the shipped ones after a
                         restart (env KIOSK_SERVICES_DIR); a broken one is refused, the others keep working
  --idle-timeout <s>     end an idle session after <s> seconds (env KIOSK_IDLE_TIMEOUT_S)
  --idle-warning <s>     warn <s> seconds before the end (env KIOSK_IDLE_WARNING_S)
  --portal-config <file> FIT-Connect portal settings (JSON; env KIOSK_PORTAL_CONFIG; secret may come from
                         env KIOSK_PORTAL_CLIENT_SECRET). Default: a local demo receiver
  --no-portal            deliver nowhere; applications wait in the outbox
  --printer <name>       Electron: the receipt printer's system name, 80 mm roll, printed silently (env
                         KIOSK_PRINTER; default: the system's default printer). Browser mode offers receipts
                         to the page's print instead
  --hub-url <url>        the help-desk hub, e.g. https://hub.stade.local:8443 (env KIOSK_HUB_URL). Default: a
                         local hub with its staff console, started a few seconds after the kiosk (demo)
  --no-hub               no help-desk hub: "Hilfe" points residents to the desk
  --allow-insecure-hub   accept an http:// hub URL to another machine (a test network only): the help requests,
                         handed-over drafts and the terminal's credential then cross the network in the clear
  --hub-enrolment-code <code>
                         one-time enrolment code from the hub's admin (XXXX-XXXX-XXXX); exchanged once for
                         the device credential, kept in the data dir (mode 0600)
  --ca-file <pem>        the town's CA certificate(s), trusted besides the usual roots for TLS to the hub and
                         the portal (env KIOSK_CA_FILE; NODE_EXTRA_CA_CERTS does not reach a packaged kiosk)
  --appointments-config <file>
                         the town's appointment system, a ZMS citizen API (JSON: baseUrl, services, optional
                         caFile; env KIOSK_APPOINTMENTS_CONFIG). Default: a local reference appointment server
  --no-appointments      no appointment booking; the prepared visit points to the desk's phone and hours
  --production           a town's terminal (env KIOSK_PRODUCTION=1; always on in a packaged build): never the
                         demo receiver or demo hub; without --portal-config or --no-portal it is out of service
  --allow-plaintext-key-store
                         Electron on Linux without a key ring: accept the master key readable next to the
                         database (protect the disk instead); refused otherwise
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
 * A printer's system name, as Electron's printing takes it: a CUPS queue on Linux, a Windows
 * printer name (spaces allowed, \\server\queue for a shared one). No shell is involved; control
 * characters and surrounding spaces are refused, at most 200 characters.
 */
function printerName(raw: string): string {
  if (!/^[^\s\p{Cc}](?:[^\p{Cc}]{0,198}[^\s\p{Cc}])?$/u.test(raw))
    throw new FlagError('--printer needs the printer name as the system knows it');
  return raw;
}

/**
 * `strict` rejects unknown flags (the launcher). The Electron main process is
 * lenient, because Electron and test drivers add their own switches.
 */
export function parseFlags(argv: readonly string[], env: NodeJS.ProcessEnv, strict = true): KioskFlags {
  const flags: KioskFlags = {
    browser: false,
    noOpen: false,
    help: false,
    port: DEFAULT_PORT,
    noPortal: false,
    noHub: false,
    allowInsecureHub: false,
    production: env.KIOSK_PRODUCTION === '1',
    allowPlaintextKeyStore: false,
    noAppointments: false,
  };
  let appointmentsConfig = env.KIOSK_APPOINTMENTS_CONFIG || undefined;
  let portalConfig = env.KIOSK_PORTAL_CONFIG || undefined;
  let idleTimeout = env.KIOSK_IDLE_TIMEOUT_S;
  let idleWarning = env.KIOSK_IDLE_WARNING_S;
  let dataDir = env.KIOSK_DATA_DIR || undefined;
  let servicesDir = env.KIOSK_SERVICES_DIR || undefined;
  let printer = env.KIOSK_PRINTER || undefined;
  let hubUrl = env.KIOSK_HUB_URL || undefined;
  let hubEnrolmentCode: string | undefined;
  let caFile = env.KIOSK_CA_FILE || undefined;

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
      case '--services-dir':
        servicesDir = takeValue();
        break;
      case '--idle-timeout':
        idleTimeout = takeValue();
        break;
      case '--idle-warning':
        idleWarning = takeValue();
        break;
      case '--portal-config':
        portalConfig = takeValue();
        break;
      case '--no-portal':
        flags.noPortal = true;
        break;
      case '--no-hub':
        flags.noHub = true;
        break;
      case '--printer':
        printer = takeValue();
        break;
      case '--hub-url':
        hubUrl = takeValue();
        break;
      case '--allow-insecure-hub':
        flags.allowInsecureHub = true;
        break;
      case '--hub-enrolment-code':
        hubEnrolmentCode = takeValue();
        break;
      case '--ca-file':
        caFile = takeValue();
        break;
      case '--production':
        flags.production = true;
        break;
      case '--allow-plaintext-key-store':
        flags.allowPlaintextKeyStore = true;
        break;
      case '--appointments-config':
        appointmentsConfig = takeValue();
        break;
      case '--no-appointments':
        flags.noAppointments = true;
        break;
      default:
        if (strict) throw new FlagError(`unknown option ${raw} (see --help)`);
    }
  }
  if (dataDir) flags.dataDir = dataDir;
  // Absolute, so the core process and the Electron shell read the same folder whatever their working directory.
  if (servicesDir) flags.servicesDir = path.resolve(servicesDir);
  if (portalConfig) flags.portalConfig = portalConfig;
  if (appointmentsConfig) flags.appointmentsConfig = appointmentsConfig;
  if (printer) flags.printer = printerName(printer);
  if (caFile) flags.caFile = caFile;
  if (hubUrl) flags.hubUrl = hubBaseUrl(hubUrl, flags.allowInsecureHub);
  if (hubEnrolmentCode) {
    if (!ENROLMENT_CODE_PATTERN.test(hubEnrolmentCode.trim().toUpperCase()))
      throw new FlagError('--hub-enrolment-code needs a code like ABCD-EFGH-JKMN');
    flags.hubEnrolmentCode = hubEnrolmentCode.trim().toUpperCase();
  }
  if (idleTimeout !== undefined && idleTimeout !== '') flags.idleTimeoutS = positiveNumber('idle timeout', idleTimeout);
  if (idleWarning !== undefined && idleWarning !== '') flags.idleWarningS = positiveNumber('idle warning', idleWarning);
  return flags;
}

/** 127.0.0.0/8, ::1 and localhost: a hub on this machine (the demo hub), where http:// stays on the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** A hub reached over plain http:// across the network (only with --allow-insecure-hub). */
export function isInsecureHubUrl(hubUrl: string): boolean {
  const url = new URL(hubUrl);
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}

/** What the kiosk says, in one line, when it reaches its hub without TLS. */
export function insecureHubLine(hubUrl: string): string {
  return `Warning: the help-desk hub ${new URL(hubUrl).origin} is reached over http:// without TLS (--allow-insecure-hub): help requests, handed-over drafts and this terminal's credential cross the network in the clear.`;
}

function hubBaseUrl(raw: string, allowInsecure: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FlagError('--hub-url needs an http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FlagError('--hub-url needs an http(s) URL');
  if (isInsecureHubUrl(url.toString()) && !allowInsecure) {
    throw new FlagError(
      `--hub-url ${url.origin} is http:// to another machine: use https://, or --allow-insecure-hub on a test network`,
    );
  }
  return url.toString();
}

/** The hub option of KioskCoreOptions. */
export function hubOptions(flags: Pick<KioskFlags, 'hubUrl' | 'hubEnrolmentCode'>): {
  hub?: { url: string; enrolmentCode?: string };
} {
  if (!flags.hubUrl) return {};
  return { hub: { url: flags.hubUrl, ...(flags.hubEnrolmentCode ? { enrolmentCode: flags.hubEnrolmentCode } : {}) } };
}

/** The idle options of KioskCoreOptions, in milliseconds. */
export function idleOptions(flags: KioskFlags): { idleTimeoutMs?: number; idleWarningMs?: number } {
  return {
    ...(flags.idleTimeoutS !== undefined ? { idleTimeoutMs: Math.round(flags.idleTimeoutS * 1000) } : {}),
    ...(flags.idleWarningS !== undefined ? { idleWarningMs: Math.round(flags.idleWarningS * 1000) } : {}),
  };
}
