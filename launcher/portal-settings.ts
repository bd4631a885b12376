import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ensurePrivateDir, makeFilesPrivate } from '../core/fs/private-files';
import { PortalConfigSchema, type PortalConfigInput } from '../core/portal/portal-config';
import type { OutOfServiceReason } from '../contract/api';
import type { KioskFlags } from './args';
import { OUT_OF_SERVICE_LINES, outOfServiceReason } from './production';
import { StartupError } from './startup-error';
import { readCaFile, readCertificateFile } from './trust-files';

/**
 * Where applications go:
 *  - `--portal-config <file>` (env KIOSK_PORTAL_CONFIG): the town's FIT-Connect settings as JSON; the
 *    client secret may instead come from env KIOSK_PORTAL_CLIENT_SECRET, so it need not sit in the file;
 *  - `--no-portal`: applications wait in the outbox;
 *  - a production start (`--production`, a packaged build) without either: out of service, never the demo;
 *  - otherwise the embedded default: a local FIT-Connect reference receiver, started after the kiosk
 *    listens, so a new user sees applications arrive (its /demo page lists them decrypted).
 */
/** Where the Electron shell keeps the client secret: the OS key store (see electron/main/portal-secret.ts). */
export interface SecretStore {
  load(): string | undefined;
  save(secret: string): void;
}

/**
 * The configuration file's own fields: as the core's, except that the certificates are named as files
 * (relative paths from the file's folder) rather than given as PEM text.
 */
const PortalConfigFileSchema = PortalConfigSchema.omit({ trustedRootPem: true, caPem: true }).extend({
  /** The administration PKI's root certificate (PEM file) the destinations' encryption keys must chain up to. */
  trustedRootCertificate: z.string().min(1),
  /** The town's CA (PEM file) for TLS to the token URL and the Submission API. */
  caFile: z.string().min(1).optional(),
});

export interface PortalConfigContext {
  /** The catalog's folder: every service the configuration names must be one of resources/services/<id>. */
  resourcesDir: string;
  /** Or one of the town's own (`--services-dir`). */
  servicesDir?: string;
  /** `--ca-file`, already read: trusted for the portal too, besides the file's own `caFile`. */
  caPem?: string;
  secretStore?: SecretStore;
}

/**
 * Reads and checks `--portal-config`. Anything wrong (unreadable JSON, a missing or invalid field, a service
 * the catalog does not have, a certificate file that cannot be read or holds no certificate) stops the start
 * with one StartupError naming the file and the field, before the kiosk opens its data.
 */
export function readPortalConfig(
  file: string,
  env: NodeJS.ProcessEnv,
  context: PortalConfigContext,
): PortalConfigInput {
  const { secretStore } = context;
  const refuse = (field: string, message: string) =>
    new StartupError(`the portal configuration ${file} is invalid at ${field || '/'}: ${message}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StartupError(`the portal configuration ${file} cannot be read (${(error as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw refuse('/', 'not a JSON object');
  const record = raw as Record<string, unknown>;
  const given = env.KIOSK_PORTAL_CLIENT_SECRET || (typeof record.clientSecret === 'string' ? record.clientSecret : '');
  const secret = given || secretStore?.load();
  const withSecret = secret ? { ...record, clientSecret: secret } : record;
  const parsed = PortalConfigFileSchema.safeParse(withSecret);
  if (!parsed.success) {
    // Names the field, never its value: the secret must not reach a log.
    const issue = parsed.error.issues[0]!;
    throw refuse(issue.path.join('.'), issue.message);
  }
  const known = [
    ...catalogServiceIds(path.join(context.resourcesDir, 'services')),
    ...(context.servicesDir ? catalogServiceIds(context.servicesDir) : []),
  ];
  for (const serviceId of Object.keys(parsed.data.destinations)) {
    if (!known.includes(serviceId)) {
      throw refuse(
        `destinations.${serviceId}`,
        `no such service in the catalog (known: ${known.join(', ') || 'none'})`,
      );
    }
  }
  const certificate = (field: 'trustedRootCertificate' | 'caFile', name: string) => {
    try {
      return readCertificateFile(path.resolve(path.dirname(file), name));
    } catch (error) {
      throw refuse(field, (error as Error).message);
    }
  };
  const { trustedRootCertificate, caFile, ...fields } = withSecret as Record<string, unknown> & {
    trustedRootCertificate: string;
    caFile?: string;
  };
  const trustedRootPem = certificate('trustedRootCertificate', trustedRootCertificate);
  const caPem = [caFile ? certificate('caFile', caFile) : undefined, context.caPem].filter(Boolean).join('\n');
  // A secret given once is moved into the key store, and may then be removed from file and environment; only
  // from a configuration that passed every check, so a refused start writes nothing.
  if (given && secretStore) secretStore.save(given);
  return {
    ...(fields as Omit<PortalConfigInput, 'trustedRootPem' | 'caPem'>),
    trustedRootPem,
    ...(caPem ? { caPem } : {}),
  };
}

/** The catalog's service ids: the folders of resources/services or the town's (see core/catalog/load-catalog.ts). */
function catalogServiceIds(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

export interface DemoPortal {
  config: PortalConfigInput;
  demoUrl: string;
  stop(): Promise<void>;
}

const DEMO_CLIENT_ID = 'buergerkiosk-demo';

/** The demo receiver's client secret: random per data folder, kept next to its database (mode 0600). */
function demoSecret(dir: string): string {
  const file = path.join(dir, 'client-secret');
  makeFilesPrivate(file);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export async function startDemoPortal(
  dataDir: string,
  resourcesDir: string,
  servicesDir?: string,
): Promise<DemoPortal> {
  // Loaded only when the demo runs: a town's kiosk with its own portal never evaluates the receiver.
  const { startReceiver } = await import('../receiver/index');
  const dir = path.join(dataDir, 'demo-portal');
  ensurePrivateDir(dir);
  const secret = demoSecret(dir);
  const receiver = await startReceiver({
    dataDir: dir,
    clients: [{ id: DEMO_CLIENT_ID, secret }],
    servicesDir: path.join(resourcesDir, 'services'),
    // The town's own services are delivered to the demo like the shipped ones.
    ...(servicesDir ? { extraServicesDir: servicesDir } : {}),
  });
  const destinations: Record<string, string> = {};
  for (const destination of receiver.destinations) {
    for (const service of destination.services)
      if (service.name) destinations[service.name] = destination.destinationId;
  }
  return {
    config: {
      tokenUrl: receiver.tokenUrl,
      submissionApiUrl: receiver.url,
      clientId: DEMO_CLIENT_ID,
      clientSecret: secret,
      // The demo receiver's own CA stands for the administration PKI: its keys are checked like a town's.
      trustedRootPem: receiver.rootCertificatePem,
      destinations,
      // The demo should show arrivals within seconds.
      eventPollMs: 2_000,
    },
    // With the token (printed once, in the start line): /demo shows the applications decrypted.
    demoUrl: receiver.demoUrl,
    stop: () => receiver.close(),
  };
}

export interface KioskPortal {
  /** For KioskCoreOptions.portal. */
  option: PortalConfigInput | Promise<PortalConfigInput | undefined> | undefined;
  /** For KioskCoreOptions.outOfService: a production start without a portal configuration. */
  outOfService?: OutOfServiceReason;
  /** For KioskCoreOptions.portalOrigin: the local demo receiver, or the town's configuration. */
  origin: 'configured' | 'demo';
  /** Starts the demo receiver, if that is the choice; call once the kiosk is up. */
  start(): void;
  stop(): Promise<void>;
}

/** The portal choice of the flags (see the top of this file), shared by browser mode and the Electron shell. */
export function portalForKiosk(
  flags: Pick<KioskFlags, 'portalConfig' | 'noPortal' | 'caFile' | 'servicesDir'> & { production?: boolean },
  env: NodeJS.ProcessEnv,
  dataDir: string,
  resourcesDir: string,
  say: (line: string) => void,
  secretStore?: SecretStore,
): KioskPortal {
  const none = { origin: 'configured' as const, start() {}, stop: () => Promise.resolve() };
  if (flags.noPortal) {
    say('No portal configured (--no-portal): applications wait in the outbox.');
    return { option: undefined, ...none };
  }
  if (flags.portalConfig) {
    const context = {
      resourcesDir,
      ...(flags.servicesDir ? { servicesDir: flags.servicesDir } : {}),
      ...(secretStore ? { secretStore } : {}),
    };
    const caPem = readCaFile(flags.caFile);
    return { option: readPortalConfig(flags.portalConfig, env, caPem ? { ...context, caPem } : context), ...none };
  }
  // A town's terminal never delivers to the demo receiver: without a configuration it takes no applications.
  const outOfService = outOfServiceReason(flags);
  if (outOfService) {
    say(OUT_OF_SERVICE_LINES[outOfService]);
    return { option: undefined, outOfService, ...none };
  }
  let demo: DemoPortal | undefined;
  let resolve: (config: PortalConfigInput | undefined) => void = () => {};
  const option = new Promise<PortalConfigInput | undefined>((done) => (resolve = done));
  return {
    option,
    origin: 'demo',
    start() {
      startDemoPortal(dataDir, resourcesDir, flags.servicesDir).then(
        (started) => {
          demo = started;
          say(`Demo portal (local FIT-Connect reference receiver): received applications at ${started.demoUrl}`);
          resolve(started.config);
        },
        (error: unknown) => {
          say(
            `The demo portal could not start (${(error as Error)?.message ?? String(error)}); applications wait in the outbox.`,
          );
          resolve(undefined);
        },
      );
    },
    stop: async () => {
      resolve(undefined);
      await demo?.stop();
    },
  };
}
