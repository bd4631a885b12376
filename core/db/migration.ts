import type { Db } from './open-database';

/**
 * One schema version. Files are core/db/migrations/NNNN-name.ts and are never
 * edited once released: the checksum of `sql` is recorded when applied, and
 * start-up refuses a database whose history does not match the code.
 */
export interface Migration {
  version: number;
  name: string;
  /** The text the checksum covers: the SQL that `up` runs (or, for a code migration, a description of its steps). */
  sql: string;
  up(db: Db): void;
}
