import Database from 'better-sqlite3';
import { makeFilesPrivate, prepareSqliteFile, sqliteFiles } from '../fs/private-files';

export type Db = Database.Database;

/**
 * Opens kiosk.db with the pragmas the privacy and durability promises rest on:
 * WAL + synchronous=FULL (every committed answer survives power loss),
 * secure_delete (deleted rows are overwritten, not just unlinked),
 * foreign_keys, and temp_store=MEMORY (no temp files with row content). The file
 * and its -wal and -shm are 0600 (core/fs/private-files.ts).
 */
export function openDatabase(file: string): Db {
  prepareSqliteFile(file);
  const db = new Database(file);
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (String(mode).toLowerCase() !== 'wal') throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    makeFilesPrivate(...sqliteFiles(file));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Moves the WAL into the database and truncates the WAL file to zero bytes. */
export function checkpointTruncate(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
