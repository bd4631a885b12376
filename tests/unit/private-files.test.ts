// @vitest-environment node
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPOINTMENTS_DB_FILE, ProcessStore } from '../../appointments/store';
import { OPEN_PARENT_WARNING } from '../../core/fs/private-files';
import { createMemoryLogger } from '../../core/logging';
import { startLocalHub } from '../../hub/local-hub';
import { startReceiver } from '../../receiver';
import { FIXTURE_RESOURCES, openTestCore, removeDir, tempDir } from '../fixtures/core-harness';
import { CLIENT } from './receiver-test-sender';

/**
 * Issue 17: every file the kiosk, the hub and the receiver keep (databases with their -wal and -shm, keys,
 * secrets) is 0600 and every folder 0700, with the common umask 022 and a data folder that existed as 0755;
 * files an older run left open are tightened at the next start. A parent folder others can read is named in
 * one warning line, without its path. (POSIX modes: this suite is for Linux, like the kiosk.)
 */

let previousUmask: number;
const roots: string[] = [];
beforeAll(() => {
  previousUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(previousUmask);
  for (const root of roots) removeDir(root);
});

/** A data folder that already exists as 0755, inside a parent of the given mode. */
function openFolder(parentMode: number): { parent: string; dataDir: string } {
  const parent = tempDir('private-files-');
  roots.push(parent);
  chmodSync(parent, parentMode);
  const dataDir = join(parent, 'data');
  mkdirSync(dataDir);
  chmodSync(dataDir, 0o755);
  return { parent, dataDir };
}

/** Every file and folder under `dir` (and `dir` itself) with its permission bits, as octal text. */
function modes(dir: string): Record<string, string> {
  const found: Record<string, string> = { '.': (statSync(dir).mode & 0o777).toString(8) };
  for (const name of readdirSync(dir, { recursive: true }) as string[])
    found[name] = (statSync(join(dir, name)).mode & 0o777).toString(8);
  return found;
}

function expectPrivate(dir: string, expected: string[]): void {
  const found = modes(dir);
  expect(Object.keys(found)).toEqual(expect.arrayContaining(expected));
  for (const [name, mode] of Object.entries(found))
    expect(`${name} ${mode}`).toBe(`${name} ${statSync(join(dir, name)).isDirectory() ? '700' : '600'}`);
}

/** What an older install, or a copy with `cp -r`, leaves: everything readable by all. */
function loosen(dir: string): void {
  for (const name of ['.', ...(readdirSync(dir, { recursive: true }) as string[])]) {
    const path = join(dir, name);
    chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  }
}

describe('files private', () => {
  it('the kiosk: kiosk.db, its -wal and -shm, master.key 0600, the folder 0700; loose ones tightened', () => {
    const { parent, dataDir } = openFolder(0o755);
    const first = openTestCore({ dataDir });
    expectPrivate(dataDir, ['.', 'kiosk.db', 'kiosk.db-wal', 'kiosk.db-shm', 'master.key']);
    const warnings = first.logger.lines.filter((line) => line.event === OPEN_PARENT_WARNING);
    expect(warnings).toEqual([expect.objectContaining({ level: 'warn', mode: '755' })]);
    expect(JSON.stringify(warnings)).not.toContain(parent);
    first.close();

    loosen(dataDir);
    chmodSync(parent, 0o700);
    const second = openTestCore({ dataDir });
    expectPrivate(dataDir, ['.', 'kiosk.db', 'kiosk.db-wal', 'kiosk.db-shm', 'master.key']);
    expect(second.logger.lines.filter((line) => line.event === OPEN_PARENT_WARNING)).toEqual([]);
    second.close();
  });

  it('the hub: hub.db with -wal and -shm, the handover key, the demo login and terminal credential', async () => {
    const { parent, dataDir } = openFolder(0o755);
    const logger = createMemoryLogger();
    const start = () =>
      startLocalHub({
        dataDir,
        resourcesDir: FIXTURE_RESOURCES,
        appVersion: '0.1.0-test',
        handoverKeyBits: 2048,
        logger,
      });
    const expected = [
      '.',
      'hub.db',
      'hub.db-wal',
      'hub.db-shm',
      'handover-key.pem',
      'demo-admin.txt',
      'local-terminal.credential',
    ];
    let local = await start();
    expectPrivate(dataDir, expected);
    const warnings = logger.lines.filter((line) => line.event === OPEN_PARENT_WARNING);
    expect(warnings).toEqual([expect.objectContaining({ level: 'warn', mode: '755' })]);
    expect(JSON.stringify(warnings)).not.toContain(parent);
    await local.close();

    loosen(dataDir);
    local = await start();
    expectPrivate(dataDir, expected);
    await local.close();
  });

  it('the receiver: receiver.db with -wal and -shm, the demo CA folder and its key and certificate', async () => {
    const { dataDir } = openFolder(0o700);
    const lines: string[] = [];
    const start = () => startReceiver({ port: 0, dataDir, clients: [CLIENT], log: (line) => lines.push(line) });
    const expected = [
      '.',
      'receiver.db',
      'receiver.db-wal',
      'receiver.db-shm',
      'demo-ca',
      join('demo-ca', 'root-key.pem'),
      join('demo-ca', 'root-cert.pem'),
    ];
    let receiver = await start();
    expectPrivate(dataDir, expected);
    await receiver.close();

    loosen(dataDir);
    receiver = await start();
    expectPrivate(dataDir, expected);
    await receiver.close();
    // The parent was 0700: no warning.
    expect(lines.filter((line) => line.includes(OPEN_PARENT_WARNING))).toEqual([]);
    // Two receiver starts make RSA keys for the demo CA and the destination: seconds on a busy 2-core runner.
  }, 120_000);

  it("the kiosk's demo appointment server: its database (family names) with -wal and -shm", () => {
    const { dataDir } = openFolder(0o700);
    const expected = ['.', APPOINTMENTS_DB_FILE, `${APPOINTMENTS_DB_FILE}-wal`, `${APPOINTMENTS_DB_FILE}-shm`];
    let store = new ProcessStore(dataDir);
    expectPrivate(dataDir, expected);
    store.close();
    // Closed cleanly, SQLite removes the -wal; the next open makes it again.
    loosen(dataDir);
    store = new ProcessStore(dataDir);
    expectPrivate(dataDir, expected);
    store.close();
  });
});
