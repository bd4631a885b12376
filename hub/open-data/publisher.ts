import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { gunzip } from 'node:zlib';
import workerSource from 'virtual:open-data-worker';
import type { Logger } from '../../core/types';
import type { PublishedStore } from '../stores/published-store';
import type { UsageStore } from '../stores/usage-store';
import type {
  PublishJob,
  PublishReply,
  PublishResult,
  PublishWorkerData,
  PublishedFile,
  PublishedMeta,
} from './publish-protocol';
import type { ServiceDirectory } from './service-directory';

/** How far the published figures may lag the reports by the hub's clock before a request waits for new ones. */
export const OPEN_DATA_LAG_MS = 60_000;
/** At most one computation of the town's figures starts in this time (real time): the worker's CPU stays bounded. */
export const OPEN_DATA_REFRESH_GAP_MS = 10_000;
const WORKER_NICENESS = 10;
const unzip = promisify(gunzip);

/** A published file: gzipped as kept, plain made on first need (zlib's thread pool, not the event loop). */
export interface ServedFile {
  gzip: Buffer;
  plain(): Promise<Buffer>;
}

export interface Publication {
  /** Which publication this is (it changes with every new one). */
  generation: number;
  meta: PublishedMeta;
  dashboard: ServedFile;
  monthlyCsv: ServedFile;
}

export interface PublisherParts {
  dbFile: string;
  store: PublishedStore;
  usage: UsageStore;
  now: () => number;
  /** The first day within the retention (the window the figures cover). */
  fromDay: () => string;
  directory: () => ServiceDirectory;
  logger: Logger;
}

const bytes = (array: Uint8Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

function served(file: PublishedFile | { gzip: Buffer }): ServedFile {
  let plain: Promise<Buffer> | undefined = 'plain' in file ? Promise.resolve(bytes(file.plain)) : undefined;
  const gzip = file.gzip instanceof Buffer ? file.gzip : bytes(file.gzip);
  return { gzip, plain: () => (plain ??= unzip(gzip)) };
}

/**
 * The open data as published (issue 18): the town's figures (dashboard and monthly CSV, from one read of the
 * database) are computed in a worker thread (publish-worker.ts) and swapped in whole when ready, so a request only
 * ever sends finished bytes and never sees half-updated figures. A change to the stored usage starts a new
 * computation at once, or when OPEN_DATA_REFRESH_GAP_MS has passed since the last one started; until it is done,
 * the figures before it are served. Only figures more than OPEN_DATA_LAG_MS behind (by the hub's clock) make a
 * request wait for new ones (without holding the event loop). The last publication is kept in the database, so a
 * restarted hub serves it at once. The daily CSVs and one terminal's figures are computed in the worker on demand.
 */
export class OpenDataPublisher {
  private worker: Worker | undefined;
  private readonly pending = new Map<
    number,
    { resolve: (result: PublishResult) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;
  private publication: Publication | undefined;
  private generation = 0;
  /** Changes to the stored usage so far, and when each one not yet published happened (hub clock). */
  private changes = 0;
  private unpublished: { change: number; at: number }[] = [];
  private covered = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private lastStart = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private daily = new Map<string, Promise<ServedFile>>();

  constructor(private readonly parts: PublisherParts) {
    const stored = parts.store.load();
    if (stored)
      this.publication = {
        generation: ++this.generation,
        meta: stored.meta,
        dashboard: served({ gzip: stored.dashboardGzip }),
        monthlyCsv: served({ gzip: stored.monthlyCsvGzip }),
      };
    parts.usage.onChange(() => this.changed());
    // What was kept may be older than the data (or the services): computed again at once, served meanwhile.
    this.refresh(true);
  }

  /** The town's figures as published now (the first ever, or ones too far behind, are waited for). */
  async town(): Promise<Publication> {
    if (this.stale()) this.refresh(false);
    for (let attempt = 0; attempt < 3 && (!this.publication || this.overdue()); attempt += 1) {
      if (!this.running) this.refresh(true);
      else this.again = true;
      await this.running;
    }
    if (!this.publication) throw new Error('open data not computed');
    return this.publication;
  }

  /** One month's daily CSV (YYYY-MM), cut with the month's figures of the current publication. */
  dailyCsv(publication: Publication, month: string): Promise<ServedFile> {
    let file = this.daily.get(month);
    if (!file) {
      file = this.call({ kind: 'daily', fromDay: publication.meta.fromDay, month }).then((result) =>
        served((result as Extract<PublishResult, { kind: 'daily' }>).csv),
      );
      file.catch(() => this.daily.delete(month));
      this.daily.set(month, file);
    }
    return file;
  }

  /** One terminal's figures for staff (JSON), computed in the worker. */
  async terminal(terminalId: string, name: string): Promise<string> {
    const job: PublishJob = {
      kind: 'terminal',
      fromDay: this.parts.fromDay(),
      generatedAt: this.parts.now(),
      terminalId,
      name,
    };
    return ((await this.call(job)) as Extract<PublishResult, { kind: 'terminal' }>).dashboard;
  }

  /** Called by the hub's sweep: a new day moves the window. */
  sweep(): void {
    if (this.stale()) this.refresh(false);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.failAll(new Error('open data closed'));
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private changed(): void {
    this.changes += 1;
    this.unpublished.push({ change: this.changes, at: this.parts.now() });
    this.refresh(false);
  }

  private stale(): boolean {
    return !this.publication || this.changes > this.covered || this.publication.meta.fromDay !== this.parts.fromDay();
  }

  private overdue(): boolean {
    const oldest = this.unpublished.find((entry) => entry.change > this.covered);
    return (
      (oldest !== undefined && this.parts.now() - oldest.at >= OPEN_DATA_LAG_MS) ||
      this.publication?.meta.fromDay !== this.parts.fromDay()
    );
  }

  /** Starts a computation now (`force`) or as soon as the gap allows; one at a time, a change meanwhile runs another. */
  private refresh(force: boolean): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = this.lastStart + OPEN_DATA_REFRESH_GAP_MS - performance.now();
    if (!force && wait > 0) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.refresh(true);
      }, wait).unref();
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastStart = performance.now();
    const covers = this.changes;
    const job: PublishJob = { kind: 'town', fromDay: this.parts.fromDay(), generatedAt: this.parts.now() };
    this.running = this.call(job)
      .then((result) => this.install(result as Extract<PublishResult, { kind: 'town' }>, covers))
      .catch((error: unknown) => {
        if (!this.closed)
          this.parts.logger.error('open_data.publish_failed', { error: error instanceof Error ? error.name : 'error' });
      })
      .finally(() => {
        this.running = undefined;
        const again = this.again;
        this.again = false;
        if (again && this.stale()) this.refresh(false);
      });
  }

  private install(result: Extract<PublishResult, { kind: 'town' }>, covers: number): void {
    if (this.closed) return;
    this.publication = {
      generation: ++this.generation,
      meta: result.meta,
      dashboard: served(result.dashboard),
      monthlyCsv: served(result.monthlyCsv),
    };
    this.covered = covers;
    this.unpublished = this.unpublished.filter((entry) => entry.change > covers);
    this.daily = new Map();
    try {
      this.parts.store.save(
        {
          meta: result.meta,
          dashboardGzip: this.publication.dashboard.gzip,
          monthlyCsvGzip: this.publication.monthlyCsv.gzip,
        },
        this.parts.now(),
      );
    } catch (error) {
      // Served from memory all the same; a restart computes it again.
      this.parts.logger.warn('open_data.keep_failed', { error: error instanceof Error ? error.name : 'error' });
    }
  }

  private call(job: PublishJob): Promise<PublishResult> {
    if (this.closed) return Promise.reject(new Error('open data closed'));
    const worker = (this.worker ??= this.startWorker());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  private startWorker(): Worker {
    const workerData: PublishWorkerData = {
      dbFile: this.parts.dbFile,
      requireFrom: import.meta.url,
      services: this.parts.directory().services,
      niceness: WORKER_NICENESS,
    };
    const worker = new Worker(workerSource, { eval: true, workerData });
    worker.unref();
    worker.on('message', (reply: PublishReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply.result);
      else waiting?.reject(new Error(reply.error));
    });
    const gone = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(error);
    };
    worker.on('error', (error) => gone(new Error(`open data worker failed: ${error.name}`)));
    worker.on('exit', () => gone(new Error('open data worker exited')));
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
