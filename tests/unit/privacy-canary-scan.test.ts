import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCanary, scanForCanary } from '../e2e/support/canary-scan';

/**
 * The e2e privacy specs trust "0 hits" from scanForCanary. These tests show the
 * scanner does find a canary where SQLite really puts it: in the main file, in
 * an un-checkpointed WAL, in UTF-16 databases, and in nested files.
 */

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'canary-scan-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe('scanForCanary', () => {
  it('finds a canary in an un-checkpointed WAL and, after a checkpoint, in the database file', () => {
    const dir = tempDir();
    const canary = makeCanary();
    const db = new Database(join(dir, 'kiosk.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (v TEXT)');
    db.prepare('INSERT INTO t VALUES (?)').run(`name ${canary}`);
    const inWal = scanForCanary(dir, canary);
    expect(inWal.hits.some((hit) => hit.file === 'kiosk.db-wal' && hit.encoding === 'utf8')).toBe(true);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const inDb = scanForCanary(dir, canary);
    expect(inDb.hits.some((hit) => hit.file === 'kiosk.db' && hit.encoding === 'utf8')).toBe(true);
  });

  for (const encoding of ['UTF-16le', 'UTF-16be'] as const) {
    it(`finds a canary in a ${encoding} database`, () => {
      const dir = tempDir();
      const canary = makeCanary();
      const db = new Database(join(dir, 'kiosk.db'));
      db.pragma(`encoding = '${encoding}'`);
      db.exec('CREATE TABLE t (v TEXT)');
      db.prepare('INSERT INTO t VALUES (?)').run(canary);
      db.close();
      const expected = encoding === 'UTF-16le' ? 'utf16le' : 'utf16be';
      expect(scanForCanary(dir, canary).hits).toContainEqual({ file: 'kiosk.db', encoding: expected, count: 1 });
    });
  }

  it('reads every file, nested ones included, and counts each occurrence', () => {
    const dir = tempDir();
    const canary = makeCanary();
    const nested = join(dir, 'spool', 'receipts');
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(nested, 'r.tmp'), `${canary}..${canary}`);
    writeFileSync(join(dir, 'master.key'), Buffer.alloc(32, 7));
    const scan = scanForCanary(dir, canary);
    expect(scan.filesScanned.sort()).toEqual(['master.key', join('spool', 'receipts', 'r.tmp')].sort());
    expect(scan.hits).toEqual([{ file: join('spool', 'receipts', 'r.tmp'), encoding: 'utf8', count: 2 }]);
  });

  it('reports no hit when the value is absent', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'other.bin'), 'nothing to see');
    expect(scanForCanary(dir, makeCanary()).hits).toEqual([]);
  });
});
