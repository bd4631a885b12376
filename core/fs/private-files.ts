import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/**
 * The one place for "files private": every database, key and secret the kiosk, hub and receiver keep is
 * 0600 and their folders 0700, whatever the umask or an older install left behind. Modes given at creation
 * are masked by the umask and never change an existing file, so each is also set explicitly here.
 */

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Windows has no POSIX modes; its ACLs come from the user profile the data lives in. */
const posix = process.platform !== 'win32';

/** What the start-up says, in one line without a path or any data, when a folder above the data is open. */
export const OPEN_PARENT_WARNING = 'storage.parent_readable_by_others';

/**
 * Creates `dir` (and missing parents) and sets it to 0700 even if it existed with looser modes. Returns
 * the parent's mode (octal text) when others may read it (a listing shows the data folder's name), else
 * undefined; the caller warns once.
 */
export function ensurePrivateDir(dir: string): string | undefined {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!posix) return undefined;
  if ((statSync(dir).mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(dir, PRIVATE_DIR_MODE);
  const parentMode = statSync(dirname(dir)).mode & 0o777;
  return (parentMode & 0o004) !== 0 ? parentMode.toString(8) : undefined;
}

/** Sets each existing file to 0600; missing ones are skipped. */
export function makeFilesPrivate(...files: string[]): void {
  if (!posix) return;
  for (const file of files) {
    let mode: number;
    try {
      mode = statSync(file).mode & 0o777;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    if (mode !== PRIVATE_FILE_MODE) chmodSync(file, PRIVATE_FILE_MODE);
  }
}

/** An SQLite database and the files SQLite makes beside it. */
export const sqliteFiles = (file: string): string[] => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];

/**
 * Before SQLite opens `file`: it exists with 0600 (SQLite creates a new one 0644 less the umask, and gives
 * its -wal and -shm the database file's mode), and files left by an older run are tightened.
 * Call `makeFilesPrivate(...sqliteFiles(file))` again after opening, for a -wal or -shm made meanwhile.
 */
export function prepareSqliteFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  makeFilesPrivate(...sqliteFiles(file));
}

/**
 * Writes `text` to a temporary file created 0600, syncs it and renames it over `file`: a crash leaves the old
 * content or the new, never half of it (the device credential, the bundles' state and the hub's bundles).
 */
export function writePrivateFileAtomically(file: string, text: string): void {
  const temporary = `${file}.tmp`;
  rmSync(temporary, { force: true });
  const fd = openSync(temporary, 'wx', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}
