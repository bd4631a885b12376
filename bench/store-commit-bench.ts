import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../core/db/migrate';
import { MIGRATIONS } from '../core/db/migrations';
import { openDatabase } from '../core/db/open-database';
import { SessionStore } from '../core/sessions/session-store';
import type { CommitProbe } from './fsync-bench';
import { msSince } from './stats';

/**
 * The autosave commit itself: the core's own `SessionStore.saveStep` on the
 * core's own migrated database (WAL, synchronous=FULL, secure_delete) — seal
 * the draft with the session key and store it with the new position in the
 * session's row, commit.
 * Durable on return. Validation and the view around it are in the answer-call row.
 */
export function openStoreCommitProbe(dir: string): CommitProbe {
  const dataDir = join(dir, 'store-commit');
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'kiosk.db'));
  migrate(db, MIGRATIONS);
  const masterKey = randomBytes(32);
  const store = new SessionStore(db, () => masterKey);
  const position = { kind: 'step' as const, stepId: 'family-name', returnToCheck: false };
  const id = store.create({ serviceId: 'bench', language: 'de', position, now: Date.now() });
  const row = store.get(id)!;
  // A realistic draft: a few answers already given before the one being saved.
  const answers = { givenNames: 'Erika', birthDate: '1964-08-12', street: 'Am Sande 2', postcode: '21682' };
  let i = 0;
  return {
    sample() {
      const start = process.hrtime.bigint();
      store.saveStep(row, {
        answers: { ...answers, familyName: `Meyer-${i++}` },
        position,
        completed: [],
        now: Date.now(),
      });
      return msSince(start);
    },
    close: () => db.close(),
  };
}
