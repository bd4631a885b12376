import { readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { gzipSync } from 'node:zlib';
import { parentPort, workerData } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { UsageStore } from '../stores/usage-store';
import { buildDashboard } from './dashboard';
import { dailyCsv, monthlyCsv, monthsOf } from './open-data-csv';
import type { PublishJob, PublishReply, PublishResult, PublishWorkerData, PublishedFile } from './publish-protocol';
import type { ServiceDirectory } from './service-directory';
import { addDays } from './local-day';

/**
 * The open data's worker thread (publish-protocol.ts): one job at a time, each read in one transaction of its own
 * read-only connection (a consistent view while the hub writes), suppressed with the tables kept from earlier jobs
 * (tables.ts: only the months whose figures changed are suppressed again), and answered with the files ready to
 * send. Run as a script in a string (build/open-data-worker.mjs).
 */
const data = workerData as PublishWorkerData;
try {
  // As the speech worker: on Linux this thread (not the process) gets a lower priority.
  const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(thread) && thread > 0) setPriority(thread, data.niceness);
} catch {
  // Elsewhere it keeps the normal priority.
}
const Database = createRequire(data.requireFrom)('better-sqlite3') as typeof BetterSqlite3;
const db = new Database(data.dbFile, { readonly: true, fileMustExist: true });
const usage = new UsageStore(db, Date.now);
const directory: ServiceDirectory = {
  services: data.services,
  byId: new Map(data.services.map((service) => [service.serviceId, service])),
};

const encoder = new TextEncoder();
function file(text: string): PublishedFile {
  const plain = encoder.encode(text);
  // A copy of its own, so its buffer can be transferred (gzipSync's may be shared).
  return { plain, gzip: new Uint8Array(gzipSync(plain)) };
}

function run(job: PublishJob): PublishResult {
  if (job.kind === 'town') {
    const read = db.transaction(() => ({ months: usage.months(job.fromDay), coverage: usage.summary(job.fromDay) }));
    const { months, coverage } = read();
    const dashboard = JSON.stringify(buildDashboard(months, directory, job.generatedAt, null));
    return {
      kind: 'town',
      meta: { fromDay: job.fromDay, generatedAt: job.generatedAt, months: monthsOf(months), coverage },
      dashboard: file(dashboard),
      monthlyCsv: file(monthlyCsv(months, directory)),
    };
  }
  if (job.kind === 'daily') {
    const first = `${job.month}-01`;
    const days = usage.between(first > job.fromDay ? first : job.fromDay, addDays(first, 31).slice(0, 7) + '-01');
    return { kind: 'daily', csv: file(dailyCsv(days, job.month, directory)) };
  }
  const terminal = { terminalId: job.terminalId, name: job.name };
  const months = usage.months(job.fromDay, job.terminalId);
  return { kind: 'terminal', dashboard: JSON.stringify(buildDashboard(months, directory, job.generatedAt, terminal)) };
}

const buffersOf = (result: PublishResult): ArrayBuffer[] => {
  const files =
    result.kind === 'town' ? [result.dashboard, result.monthlyCsv] : result.kind === 'daily' ? [result.csv] : [];
  return files.flatMap((one) => [one.plain.buffer as ArrayBuffer, one.gzip.buffer as ArrayBuffer]);
};

parentPort!.on('message', ({ id, job }: { id: number; job: PublishJob }) => {
  let reply: PublishReply;
  try {
    const result = run(job);
    reply = { id, ok: true, result };
    parentPort!.postMessage(reply, buffersOf(result));
  } catch (error) {
    // A code, never figures or data.
    reply = { id, ok: false, error: error instanceof Error ? error.name : 'error' };
    parentPort!.postMessage(reply);
  }
});
