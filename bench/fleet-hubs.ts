import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startNats, type TestNats } from '../tests/fixtures/nats';
import { startPostgres, type TestPostgres } from '../tests/fixtures/postgres';
import type { FleetInstance } from './fleet-bench';
import { startHubProcess } from './hub-bench';

/**
 * The hubs the fleet bench runs against, as `npm run hub` starts them: one instance on its SQLite file, or the
 * region of issue 20 (two instances on one PostgreSQL database and one nats-server, started here as the tests
 * start them).
 */

export interface FleetHubs {
  instances: FleetInstance[];
  admin: { username: string; password: string };
  stop(): Promise<void>;
}

/** The region needs a hub that takes `--database-url` and `--nats-url` when it serves. */
export class RegionUnavailableError extends Error {
  override name = 'RegionUnavailableError';
}

const ADMIN = 'fleetadmin';

function hubScript(root: string): string {
  return join(root, 'dist', 'node', 'hub.mjs');
}

function createAdmin(root: string, args: readonly string[]): string {
  const created = spawnSync(
    process.execPath,
    [hubScript(root), 'create-admin', ...args, '--username', ADMIN, '--display-name', 'Fleet Admin'],
    { encoding: 'utf8' },
  );
  const password = /Password[^:]*: (\S+)/.exec(created.stdout)?.[1];
  if (!password) throw new Error(`create-admin failed: ${created.stderr.trim()}`);
  return password;
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function startSqliteHub(tmp: string, root: string): Promise<FleetHubs> {
  const dataDir = mkdtempSync(join(tmp, 'fleet-sqlite-'));
  const password = createAdmin(root, ['--data-dir', dataDir]);
  const { child, url } = await startHubProcess(hubScript(root), dataDir);
  return {
    instances: [{ url, pid: child.pid! }],
    admin: { username: ADMIN, password },
    stop: () => stopChild(child),
  };
}

/** Whether this build's hub serves with a shared database and bus (its usage text names both options). */
export function regionSupported(root: string): boolean {
  const help = spawnSync(process.execPath, [hubScript(root), '--help'], { encoding: 'utf8' });
  return /--nats-url/.test(help.stdout) && /^\s+--database-url/m.test(help.stdout);
}

/**
 * Whether the hub takes the bus's TLS and per-instance user (`NatsSecurity`) on its command line; then the region
 * runs on a TLS-only nats-server with a user per instance, as a district would run it. The option names are the
 * ones proposed for step 2 (`--nats-ca`, `--nats-user`, `--nats-password-file`).
 */
function natsSecuritySupported(root: string): boolean {
  const help = spawnSync(process.execPath, [hubScript(root), '--help'], { encoding: 'utf8' });
  return ['--nats-ca', '--nats-user', '--nats-password-file'].every((flag) => help.stdout.includes(flag));
}

/** Two (or `count`) instances on one PostgreSQL database and one nats-server. */
export async function startRegionHubs(tmp: string, root: string, count = 2): Promise<FleetHubs> {
  if (!regionSupported(root))
    throw new RegionUnavailableError(
      'the region mode is not available yet: this hub does not serve with --database-url and --nats-url ' +
        '(ARCHITECTURE.md "The region", step 2). No region figures were measured.',
    );
  let postgres: TestPostgres | undefined;
  let nats: TestNats | undefined;
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    await nats?.stop();
    await postgres?.stop();
  };
  try {
    const instanceNames = Array.from({ length: count }, (_, index) => String.fromCharCode(97 + index));
    const secure = natsSecuritySupported(root);
    console.error(
      `bench: region NATS ${secure ? 'over TLS, a user per instance' : 'plain (the hub takes no NATS credentials yet)'}`,
    );
    postgres = await startPostgres();
    nats = await startNats(secure ? { secure: { instances: instanceNames } } : {});
    const databaseUrl = await postgres.createDatabase();
    const migrated = spawnSync(process.execPath, [hubScript(root), 'migrate-database', '--database-url', databaseUrl], {
      encoding: 'utf8',
    });
    if (migrated.status !== 0) throw new Error(`migrate-database failed: ${migrated.stderr.trim()}`);
    const dataDirs = Array.from({ length: count }, (_, index) => mkdtempSync(join(tmp, `fleet-region-${index}-`)));
    const password = createAdmin(root, ['--data-dir', dataDirs[0]!, '--database-url', databaseUrl]);
    const instances: FleetInstance[] = [];
    for (const [index, dataDir] of dataDirs.entries()) {
      const natsArgs = ['--nats-url', nats.url];
      if (nats.secure) {
        const natsUser = nats.secure.users[instanceNames[index]!]!;
        const passwordFile = join(dataDir, 'nats-password');
        writeFileSync(passwordFile, `${natsUser.password}\n`, { mode: 0o600 });
        natsArgs.push(
          '--nats-ca',
          nats.secure.caFile,
          '--nats-user',
          natsUser.user,
          '--nats-password-file',
          passwordFile,
        );
      }
      const { child, url } = await startHubProcess(hubScript(root), dataDir, [
        '--database-url',
        databaseUrl,
        ...natsArgs,
      ]);
      children.push(child);
      instances.push({ url, pid: child.pid! });
    }
    return { instances, admin: { username: ADMIN, password }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
