import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const DB_FILE = 'kiosk.db';

/**
 * Row counts of the kiosk database, read after the server has stopped.
 * Opened read-only so the inspection itself cannot checkpoint or rewrite anything.
 */
export function countRows(dataDir: string, tables: string[]): Record<string, number> {
  const file = join(dataDir, DB_FILE);
  if (!existsSync(file)) throw new Error(`${DB_FILE} not found in ${dataDir}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const counts: Record<string, number> = {};
    for (const table of tables) {
      if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table name ${table}`);
      // "drafts": sessions that still hold sealed answers.
      const from = table === 'drafts' ? 'sessions WHERE draft_ciphertext IS NOT NULL' : table;
      counts[table] = (db.prepare(`SELECT count(*) AS n FROM ${from}`).get() as { n: number }).n;
    }
    return counts;
  } finally {
    db.close();
  }
}
