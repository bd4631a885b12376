import { readFileSync } from 'node:fs';
import path from 'node:path';
import { STAFF_ROLES } from '../contract/hub';
import { readPortalConfig } from '../launcher/portal-settings';
import { rootFromModule } from '../launcher/paths';
import { openHubDb } from './db/open-hub-db';
import { SqliteClient } from './db/sqlite-client';
import { parseDatabaseUrl } from './db/database-url';
import { HUB_MIGRATIONS } from './db/migrations';
import { migratePostgres } from './db/postgres-migrate';
import { OpeningHoursSchema } from '../contract/office';
import { retentionOptions } from './cli-retention';
import { createHub, type HealthOptions } from './create-hub';
import { generatePassword } from './secrets';
import { passwordProblem } from './password-policy';
import { StaffStore, UsernameTakenError } from './stores/staff-store';

export const HUB_USAGE = `Usage:
  npm run hub -- [options]                      start the help-desk hub
  npm run hub -- create-admin --username <u> --display-name <name> [--data-dir <d>] [--password-stdin]
                                                create an admin; prints a generated password once
                                                (or reads it from stdin with --password-stdin)
  npm run hub -- migrate-database --database-url postgres://user@host:5432/db
                                                apply the hub's migrations to the region's PostgreSQL
                                                (password from PGPASSWORD; the hub itself still runs on SQLite)

Options:
  --host <h>             address to listen on (default 127.0.0.1; 0.0.0.0 for the town's network)
  --port <n>             port (default 8443 with TLS, 8090 without; 0 picks a free port)
  --data-dir <dir>       hub.db, the handover key and the desk's data (env HUB_DATA_DIR; default .hub-data)
  --tls-cert <file>      TLS certificate (PEM); with --tls-key the hub serves HTTPS and WSS only
  --tls-key <file>       TLS private key (PEM)
  --public-origin <url>  the origin browsers use (e.g. https://hub.stade.local); checked on POSTs and WebSockets,
                         and its host against every request's Host header (needed with a network --host)
  --allow-any-host       no Host check, so no --public-origin needed on a network address (closed test networks only)
  --console-dir <dir>    the built staff console (default dist/console)
  --updates-dir <dir>    the kiosks' update files (latest.yml and installers), served at /updates/
  --portal-config <file> FIT-Connect settings for applications finished at the desk (as npm start's);
                         without it they wait in the desk's outbox
  --alert-min-free-disk <GiB>  a terminal with less free disk raises an alert (default 1)
  --alert-hours <file>   JSON {"timeZone", "openingHours"} (as an office in resources/offices/offices.json): the hours
                         in which an offline terminal raises an alert (default: the help desk's, office "info")
  --usage-retention-days <n>
                         how long the kiosks' daily usage totals are kept (default 400; pruned daily)
  --feedback-retention-days <n>
                         how long residents' feedback comments are kept (default 180)
  --open-data-contributor <iri>
                         dcatde:contributorID of the open data's metadata (a dcat-ap.de contributor IRI;
                         default http://dcat-ap.de/def/contributors/landNiedersachsen)
  --open-data-contact <email>
                         the open data's contact point (an office's address, default buergerservice@stade.de)
  --help                 show this text
`;

class CliError extends Error {}

function parse(argv: readonly string[]): { command: string | undefined; flags: Map<string, string | true> } {
  const flags = new Map<string, string | true>();
  let command: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const raw = argv[index]!;
    if (!raw.startsWith('--')) {
      if (command !== undefined || index !== 0) throw new CliError(`unexpected argument ${raw}`);
      command = raw;
      continue;
    }
    const [name, inline] = raw.includes('=') ? (raw.split(/=(.*)/s, 2) as [string, string]) : [raw, undefined];
    if (['--help', '--password-stdin', '--allow-any-host'].includes(name)) {
      flags.set(name, true);
      continue;
    }
    const value = inline ?? argv[index + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--')))
      throw new CliError(`${name} needs a value`);
    if (inline === undefined) index += 1;
    flags.set(name, value);
  }
  return { command, flags };
}

const KNOWN_START = [
  '--host',
  '--port',
  '--data-dir',
  '--tls-cert',
  '--tls-key',
  '--public-origin',
  '--console-dir',
  '--updates-dir',
  '--portal-config',
  '--usage-retention-days',
  '--feedback-retention-days',
  '--open-data-contributor',
  '--open-data-contact',
  '--allow-any-host',
  '--alert-min-free-disk',
  '--alert-hours',
  '--help',
];
const KNOWN_MIGRATE = ['--database-url', '--help'];

/** Issue 20: the region's PostgreSQL gets the same numbered migrations as hub.db (hub/db/postgres-migrate.ts). */
async function migrateDatabase(flags: Map<string, string | true>): Promise<void> {
  checkKnown(flags, KNOWN_MIGRATE);
  const raw = str(flags, '--database-url');
  if (!raw) throw new CliError('migrate-database needs --database-url postgres://user@host:5432/database');
  const settings = parseDatabaseUrl(raw);
  const applied = await migratePostgres(settings, HUB_MIGRATIONS);
  process.stdout.write(
    applied.length > 0
      ? `Applied migrations ${applied.join(', ')} to ${settings.where}.\n`
      : `${settings.where} is up to date.\n`,
  );
}

const KNOWN_ADMIN = ['--data-dir', '--username', '--display-name', '--password-stdin', '--help'];

function checkKnown(flags: Map<string, string | true>, known: string[]): void {
  for (const name of flags.keys()) if (!known.includes(name)) throw new CliError(`unknown option ${name} (see --help)`);
}

const str = (flags: Map<string, string | true>, name: string) => {
  const value = flags.get(name);
  return typeof value === 'string' ? value : undefined;
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function createAdmin(flags: Map<string, string | true>, dataDir: string): Promise<void> {
  checkKnown(flags, KNOWN_ADMIN);
  const username = str(flags, '--username');
  const displayName = str(flags, '--display-name');
  if (!username || !/^[a-z][a-z0-9._-]{2,39}$/.test(username))
    throw new CliError('--username needs 3–40 characters: a–z first, then a–z, 0–9, . _ -');
  if (!displayName || displayName.length > 80) throw new CliError('--display-name needs 1–80 characters');
  const fromStdin = flags.get('--password-stdin') === true;
  const password = fromStdin ? await readStdin() : generatePassword();
  const problem = passwordProblem(password, username);
  if (problem)
    throw new CliError(`the password is refused (${problem}): 12–200 characters, not a common one, not the username`);
  const db = openHubDb(dataDir, Date.now);
  try {
    const staff = await new StaffStore(new SqliteClient(db), Date.now).create({
      username,
      displayName,
      role: STAFF_ROLES[1],
      password,
    });
    process.stdout.write(`Admin ${staff.username} created in ${dataDir}.\n`);
    if (!fromStdin) process.stdout.write(`Password (shown once, keep it safe): ${password}\n`);
  } catch (error) {
    if (error instanceof UsernameTakenError) throw new CliError(`the username ${username} is taken`);
    throw error;
  } finally {
    db.close();
  }
}

/** The alert settings IT may change (issue 20); the rest are the rules' defaults. */
function healthOptions(flags: Map<string, string | true>): HealthOptions | undefined {
  const options: HealthOptions = {};
  const disk = str(flags, '--alert-min-free-disk');
  if (disk !== undefined) {
    const gib = Number(disk);
    if (!Number.isFinite(gib) || gib < 0 || gib > 1024)
      throw new CliError('--alert-min-free-disk needs a number of GiB (0–1024)');
    options.minFreeDiskBytes = Math.round(gib * 2 ** 30);
  }
  const hoursFile = str(flags, '--alert-hours');
  if (hoursFile !== undefined) {
    const parsed = OpeningHoursSchema.safeParse(JSON.parse(readFileSync(hoursFile, 'utf8')));
    if (!parsed.success) throw new CliError(`--alert-hours: ${parsed.error.issues[0]?.message ?? 'not opening hours'}`);
    options.openingHours = parsed.data;
  }
  return Object.keys(options).length > 0 ? options : undefined;
}

async function main(): Promise<void> {
  const { command, flags } = parse(process.argv.slice(2));
  if (flags.has('--help')) {
    process.stdout.write(HUB_USAGE);
    return;
  }
  const root = rootFromModule(import.meta.url);
  const dataDir = path.resolve(str(flags, '--data-dir') ?? process.env.HUB_DATA_DIR ?? path.join(root, '.hub-data'));
  if (command === 'create-admin') return createAdmin(flags, dataDir);
  if (command === 'migrate-database') return migrateDatabase(flags);
  if (command !== undefined) throw new CliError(`unknown command ${command} (see --help)`);
  checkKnown(flags, KNOWN_START);

  const certFile = str(flags, '--tls-cert');
  const keyFile = str(flags, '--tls-key');
  if (Boolean(certFile) !== Boolean(keyFile)) throw new CliError('--tls-cert and --tls-key go together');
  const tls = certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : undefined;
  const portRaw = str(flags, '--port');
  const port = portRaw === undefined ? (tls ? 8443 : 8090) : Number(portRaw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port needs a port number (0–65535)');
  const host = str(flags, '--host') ?? '127.0.0.1';
  const portalFile = str(flags, '--portal-config');
  const publicOrigin = str(flags, '--public-origin');
  const updatesDir = str(flags, '--updates-dir');
  const health = healthOptions(flags);
  const retention = retentionOptions(flags);
  const contributorId = str(flags, '--open-data-contributor');
  if (contributorId !== undefined && !/^https?:\/\/\S+$/.test(contributorId))
    throw new CliError('--open-data-contributor needs an IRI (http://dcat-ap.de/def/contributors/…)');
  const contactEmail = str(flags, '--open-data-contact');
  if (contactEmail !== undefined && !/^[^\s@]+@[^\s@]+$/.test(contactEmail))
    throw new CliError('--open-data-contact needs an e-mail address');

  const hub = await createHub({
    dataDir,
    host,
    port,
    ...(tls ? { tls } : {}),
    ...(publicOrigin ? { publicOrigin } : {}),
    ...(flags.get('--allow-any-host') === true ? { allowAnyHost: true } : {}),
    ...(updatesDir ? { updatesDir: path.resolve(updatesDir) } : {}),
    ...retention,
    openData: { ...(contributorId ? { contributorId } : {}), ...(contactEmail ? { contactEmail } : {}) },
    consoleDir: path.resolve(str(flags, '--console-dir') ?? path.join(root, 'dist', 'console')),
    ...(health ? { health } : {}),
    desk: {
      resourcesDir: path.join(root, 'resources'),
      ...(portalFile
        ? { portal: readPortalConfig(portalFile, process.env, { resourcesDir: path.join(root, 'resources') }) }
        : {}),
    },
  });
  process.stdout.write(`Bürgerkiosk hub listening on ${hub.url}\n`);
  if (!tls && host !== '127.0.0.1' && host !== 'localhost' && host !== '::1')
    process.stdout.write(
      'Warning: no TLS on a network address; use --tls-cert and --tls-key outside a test network.\n',
    );
  const shutdown = () =>
    void hub.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`Bürgerkiosk hub: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
