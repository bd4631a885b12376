import { appendFileSync, closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckRecord } from './a11y-matrix';

/**
 * The a11y matrix's run summary across workers: each test leaves its records in the project's output folder,
 * and the last one to finish reads them all, once.
 */

export interface MatrixTestRecords {
  records: CheckRecord[];
  ms: number;
}

function recordsDir(outputDir: string): string {
  return join(outputDir, 'a11y-matrix-records');
}

const fileName = (testTitle: string) => testTitle.replace(/[^\w-]+/g, '_');

/**
 * Each check logged as it is done (test-results/a11y-matrix-records/<test>.jsonl), so a long full run shows
 * its progress and failures while it runs.
 */
export function progressLog(outputDir: string, testTitle: string): (record: CheckRecord) => void {
  const dir = recordsDir(outputDir);
  mkdirSync(dir, { recursive: true });
  const log = join(dir, `${fileName(testTitle)}.jsonl`);
  return (record) => appendFileSync(log, `${JSON.stringify(record)}\n`);
}

export function saveRecords(outputDir: string, testTitle: string, records: CheckRecord[], ms: number): void {
  const dir = recordsDir(outputDir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${fileName(testTitle)}.json`), JSON.stringify({ records, ms }));
}

/** Every test's records, when all `expectedTests` have left theirs and no other worker has taken them yet. */
export function takeAllRecords(outputDir: string, expectedTests: number): MatrixTestRecords[] | undefined {
  const dir = recordsDir(outputDir);
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.json'));
  } catch {
    return undefined;
  }
  if (files.length < expectedTests) return undefined; // another worker is still running; it prints
  try {
    closeSync(openSync(join(dir, 'printed.lock'), 'wx'));
  } catch {
    return undefined; // printed already
  }
  return files.map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as MatrixTestRecords);
}
