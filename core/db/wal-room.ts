import { closeSync, fstatSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { Db } from './open-database';

/** WAL file header and frame header sizes (sqlite.org/fileformat2.html#walformat). */
const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const ZEROS = Buffer.alloc(256 * 1024);

/**
 * Makes the WAL file as long as it becomes between two automatic checkpoints, with zeros, so that
 * the answers of a session overwrite space already there instead of lengthening the file.
 *
 * Why: an fsync that lengthens a file also has to commit the file's new size, which on this kind
 * of disk takes about as long again as the data itself; each autosave would pay for that. SQLite
 * reuses its WAL from the start after a checkpoint, so the file stays at this size in use, until a
 * session's end truncates it to nothing (checkpointTruncate) and the next session makes room again.
 *
 * Safe with SQLite: the zeros only ever follow the last frame written, and SQLite reads a WAL only
 * up to the first frame whose salt and checksum do not match its header, which zeros never do
 * (a WAL that is nothing but zeros has no valid header, and counts as empty).
 */
export function makeWalRoom(db: Db): void {
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const autoCheckpointPages = Number(db.pragma('wal_autocheckpoint', { simple: true }));
  if (!(autoCheckpointPages > 0)) return;
  const wanted = WAL_HEADER_BYTES + autoCheckpointPages * (FRAME_HEADER_BYTES + pageSize);
  let fd: number;
  try {
    fd = openSync(`${db.name}-wal`, 'r+');
  } catch {
    return; // no WAL file yet: SQLite makes it with the first write
  }
  try {
    let size = fstatSync(fd).size;
    if (size >= wanted) return;
    while (size < wanted) size += writeSync(fd, ZEROS, 0, Math.min(ZEROS.length, wanted - size), size);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
