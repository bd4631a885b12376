import { join } from 'node:path';
import { ensurePrivateDir } from '../../core/fs/private-files';
import { migrate } from '../../core/db/migrate';
import { openDatabase, type Db } from '../../core/db/open-database';
import { HUB_MIGRATIONS } from './migrations';

/** Opens <dataDir>/hub.db (WAL, secure_delete, foreign keys; 0600 in a 0700 folder) and applies the hub's migrations. */
export function openHubDb(dataDir: string, now: () => number): Db {
  ensurePrivateDir(dataDir);
  const db = openDatabase(join(dataDir, 'hub.db'));
  try {
    // WAL + NORMAL: a commit survives a crash of the hub process, and no fsync blocks the event loop on every
    // help request. What a power cut could lose (the last moments) the kiosks send again in their hello.
    db.pragma('synchronous = NORMAL');
    migrate(db, HUB_MIGRATIONS, { now });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
