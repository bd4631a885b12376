import type { DirectoryService } from './service-directory';

/**
 * What the hub's main thread and the open data's worker (publish-worker.ts) say to each other. The worker reads
 * the hub's database on a connection of its own and answers with the published files ready to send, so the event
 * loop that serves residents' kiosks never suppresses a table or formats a file.
 */
export interface PublishWorkerData {
  dbFile: string;
  /** A module URL to resolve better-sqlite3 from (the hub's own). */
  requireFrom: string;
  services: readonly DirectoryService[];
  /** Linux nice value of the worker's thread: it yields the CPU to the event loop. */
  niceness: number;
}

export type PublishJob =
  | { kind: 'town'; fromDay: string; generatedAt: number }
  | { kind: 'daily'; fromDay: string; month: string }
  | { kind: 'terminal'; fromDay: string; generatedAt: number; terminalId: string; name: string };

/** The DCAT metadata's own facts: the months with data and the days and receipt times covered. */
export interface PublishedMeta {
  fromDay: string;
  generatedAt: number;
  months: string[];
  coverage: { from: string; to: string; firstReceived: number; lastReceived: number } | null;
}

/** A file as sent: its bytes and the same gzipped (the monthly CSV is megabytes of repeated text). */
export interface PublishedFile {
  plain: Uint8Array;
  gzip: Uint8Array;
}

export type PublishResult =
  | { kind: 'town'; meta: PublishedMeta; dashboard: PublishedFile; monthlyCsv: PublishedFile }
  | { kind: 'daily'; csv: PublishedFile }
  | { kind: 'terminal'; dashboard: string };

export type PublishReply = { id: number; ok: true; result: PublishResult } | { id: number; ok: false; error: string };
