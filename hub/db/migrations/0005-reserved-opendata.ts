import type { Db } from '../../../core/db/open-database';

/**
 * A stand-in for the open-data branch's 0005 (issue 18), so this branch's migration list has no gap. It changes
 * nothing; when both branches are merged, the open-data migration takes this place and this file goes.
 */
export const version = 5;
export const name = 'hub-reserved-opendata';

export const sql = '';

export function up(_db: Db): void {}
