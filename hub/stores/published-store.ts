import type { Db } from '../../core/db/open-database';
import { statement } from '../db/statements';
import type { PublishedMeta } from '../open-data/publish-protocol';

export interface StoredPublication {
  meta: PublishedMeta;
  dashboardGzip: Buffer;
  monthlyCsvGzip: Buffer;
}

const TOWN = 'town';

/** The open data last published, gzipped as served (hub migration 0009): what a restarted hub serves first. */
export class PublishedStore {
  constructor(private readonly db: Db) {}

  load(): StoredPublication | undefined {
    const row = statement(this.db, 'SELECT meta, dashboard, monthly_csv FROM open_data_published WHERE scope = ?').get(
      TOWN,
    ) as { meta: string; dashboard: Buffer; monthly_csv: Buffer } | undefined;
    if (!row) return undefined;
    return {
      meta: JSON.parse(row.meta) as PublishedMeta,
      dashboardGzip: row.dashboard,
      monthlyCsvGzip: row.monthly_csv,
    };
  }

  save(publication: StoredPublication, computedAt: number): void {
    statement(
      this.db,
      `INSERT INTO open_data_published (scope, computed_at, meta, dashboard, monthly_csv) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (scope) DO UPDATE SET computed_at = excluded.computed_at, meta = excluded.meta,
         dashboard = excluded.dashboard, monthly_csv = excluded.monthly_csv`,
    ).run(TOWN, computedAt, JSON.stringify(publication.meta), publication.dashboardGzip, publication.monthlyCsvGzip);
  }
}
