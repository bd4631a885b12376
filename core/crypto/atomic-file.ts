import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The points between the steps of writeNewFileAtomic, in order (a test kills the process at each). */
export const ATOMIC_WRITE_STEPS = [
  'temp-created',
  'temp-written',
  'temp-synced',
  'linked',
  'temp-removed',
  'folder-synced',
] as const;
export type AtomicWriteStep = (typeof ATOMIC_WRITE_STEPS)[number];

const TEMP_SUFFIX = '.tmp';

function tempPrefix(file: string): string {
  return `${basename(file)}.`;
}

/**
 * Removes temporary files an interrupted writeNewFileAtomic left next to `file` (`<name>.<random>.tmp`).
 * They never hold a key in use: the file itself appears only complete.
 */
export function removeLeftoverTempFiles(file: string): number {
  const prefix = tempPrefix(file);
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return 0;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX) && /^[0-9a-f]{16}$/.test(name.slice(prefix.length, -4))) {
      rmSync(join(dirname(file), name), { force: true });
      removed += 1;
    }
  }
  return removed;
}

function fsyncFolder(folder: string): void {
  // Windows cannot open a folder to sync it; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates `file` with `bytes` so that it is never seen half written, even after a power cut:
 * a temp file (mode `mode`) is written and synced, then linked to its name, and the folder synced.
 * A link, not a rename, because it never replaces a file another process made at the same moment:
 * then that file wins and 'exists' is returned. Where the file system has no hard links, a rename.
 */
export function writeNewFileAtomic(
  file: string,
  bytes: Uint8Array,
  options: { mode: number; onStep?: (step: AtomicWriteStep) => void },
): 'created' | 'exists' {
  const step = options.onStep ?? (() => undefined);
  const temp = join(dirname(file), `${tempPrefix(file)}${randomBytes(8).toString('hex')}${TEMP_SUFFIX}`);
  const fd = openSync(temp, 'wx', options.mode);
  try {
    step('temp-created');
    writeSync(fd, bytes);
    step('temp-written');
    fsyncSync(fd);
    step('temp-synced');
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  let outcome: 'created' | 'exists' = 'created';
  try {
    linkSync(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') outcome = 'exists';
    else if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      renameSync(temp, file);
    } else {
      rmSync(temp, { force: true });
      throw error;
    }
  }
  step('linked');
  rmSync(temp, { force: true });
  step('temp-removed');
  fsyncFolder(dirname(file));
  step('folder-synced');
  return outcome;
}
