import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface CanaryHit {
  file: string;
  encoding: 'utf8' | 'utf16le' | 'utf16be';
  count: number;
}

export interface CanaryScan {
  filesScanned: string[];
  bytesScanned: number;
  hits: CanaryHit[];
}

function countOccurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at === -1) return count;
    count++;
    from = at + 1;
  }
}

function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else if (entry.isFile() || statSync(path).isFile()) files.push(path);
  }
  return files;
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}

/**
 * Reads every file under `dir` (database, -wal, -shm, master.key, anything) and
 * counts the canary as UTF-8, UTF-16LE and UTF-16BE bytes. SQLite stores TEXT as
 * UTF-8 or UTF-16 depending on the database encoding, so all three are searched.
 */
export function scanForCanary(dir: string, canary: string): CanaryScan {
  const needles = {
    utf8: Buffer.from(canary, 'utf8'),
    utf16le: Buffer.from(canary, 'utf16le'),
    utf16be: utf16be(canary),
  } as const;
  const scan: CanaryScan = { filesScanned: [], bytesScanned: 0, hits: [] };
  for (const file of listFiles(dir)) {
    const bytes = readFileSync(file);
    const name = relative(dir, file);
    scan.filesScanned.push(name);
    scan.bytesScanned += bytes.length;
    for (const [encoding, needle] of Object.entries(needles) as [CanaryHit['encoding'], Buffer][]) {
      const count = countOccurrences(bytes, needle);
      if (count > 0) scan.hits.push({ file: name, encoding, count });
    }
  }
  return scan;
}

/** A value that cannot appear by chance: letters only, so it passes name validation. */
export function makeCanary(prefix = 'Canary'): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let tail = '';
  for (let i = 0; i < 10; i++) tail += letters[Math.floor(Math.random() * letters.length)];
  return `${prefix}${tail}`;
}
