import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/db/open-database';
import { makeWalRoom } from '../../core/db/wal-room';
import {
  fileSize,
  openTestCore,
  readDraftFromDisk,
  removeDir,
  walFrames,
  type TestCore,
} from '../fixtures/core-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';

const dirs: string[] = [];
let kiosk: TestCore | undefined;
afterEach(() => {
  kiosk?.close();
  kiosk = undefined;
  dirs.splice(0).forEach(removeDir);
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-wal-room-'));
  dirs.push(dir);
  return dir;
}

describe('room in the WAL for a session (core/db/wal-room.ts)', () => {
  it('is made at a session start, holds only zeros beyond the frames, and goes with the session end', async () => {
    kiosk = openTestCore();
    const wal = join(kiosk.dataDir, 'kiosk.db-wal');
    const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    // 1000 pages between automatic checkpoints, 4 KiB pages: the WAL's size in use.
    expect(fileSize(wal)).toBe(32 + 1000 * (24 + 4096));
    await kiosk.value('session.answer', { sessionId: view.sessionId, stepId: 'name', values: MOVE_ANSWERS.name });
    const bytes = readFileSync(wal);
    const used = 32 + walFrames(wal) * (24 + 4096);
    expect(used).toBeGreaterThan(32);
    expect(bytes.subarray(used).every((byte) => byte === 0)).toBe(true);

    await kiosk.value('session.end', { sessionId: view.sessionId, reason: 'resident' });
    expect(fileSize(wal)).toBe(0);
    await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    expect(fileSize(wal)).toBe(32 + 1000 * (24 + 4096));
  });

  it('keeps every committed answer through a crash: the WAL with its zeros is read back up to the last frame', async () => {
    kiosk = openTestCore();
    let view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    for (const stepId of ['name', 'birth']) {
      view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values: MOVE_ANSWERS[stepId] });
    }
    // The files as a power cut would leave them: WAL not checkpointed, the shared-memory index gone.
    const crashed = tempDir();
    for (const name of ['kiosk.db', 'kiosk.db-wal', 'master.key']) {
      try {
        copyFileSync(join(kiosk.dataDir, name), join(crashed, name));
      } catch {
        // a file the core does not keep there
      }
    }
    // The answers are in the WAL's frames only (no checkpoint yet), followed by the zeros.
    expect(walFrames(join(crashed, 'kiosk.db-wal'))).toBeGreaterThan(0);
    expect(readDraftFromDisk(crashed)).toEqual({ fullName: 'Erika Mustermann', birthDate: '1964-08-12' });
  });

  it('a WAL of nothing but zeros counts as empty: the database opens and is intact', () => {
    const dir = tempDir();
    const file = join(dir, 'kiosk.db');
    const db = openDatabase(file);
    db.exec('CREATE TABLE t (v TEXT) STRICT');
    db.prepare('INSERT INTO t VALUES (?)').run('kept');
    db.pragma('wal_checkpoint(TRUNCATE)');
    makeWalRoom(db);
    db.close();
    // close() checkpoints and removes the WAL; put back one of zeros, as a crash after makeWalRoom leaves it.
    writeFileSync(`${file}-wal`, Buffer.alloc(64 * 1024));
    const reopened = new Database(file);
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(reopened.prepare('SELECT v FROM t').pluck().all()).toEqual(['kept']);
    reopened.prepare('INSERT INTO t VALUES (?)').run('after');
    expect(reopened.prepare('SELECT v FROM t').pluck().all()).toEqual(['kept', 'after']);
    reopened.close();
  });
});
