import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FakeClock,
  fileSize,
  openTestCore,
  peekDb,
  readDraftFromDisk,
  removeDir,
  rowCounts,
  type TestCore,
  walFrames,
} from '../fixtures/core-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';

let kiosk: TestCore;
afterEach(() => {
  if (!kiosk) return;
  kiosk.close();
  removeDir(kiosk.dataDir);
});

describe('durability', () => {
  it('commits each answer before the call returns (seen by a second connection)', async () => {
    kiosk = openTestCore();
    let view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    const expected: Record<string, unknown> = {};
    for (const stepId of ['name', 'birth', 'address']) {
      view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values: MOVE_ANSWERS[stepId] });
      Object.assign(expected, view.answers);
      expect(readDraftFromDisk(kiosk.dataDir)).toEqual(expected);
      const position = peekDb(
        kiosk.dataDir,
        (db) => (db.prepare('SELECT position FROM sessions').get() as { position: string }).position,
      );
      expect(JSON.parse(position)).toMatchObject({
        kind: 'step',
        stepId: view.position.kind === 'step' && view.position.stepId,
      });
    }
    expect(expected).toMatchObject({ fullName: 'Erika Mustermann', postcode: '21682', moveDate: '2025-07-01' });
  });

  it('commits an answer as one page in the WAL (the draft lives in the session row), without lengthening it', async () => {
    kiosk = openTestCore();
    let view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    const wal = join(kiosk.dataDir, 'kiosk.db-wal');
    // The session's start made room in the WAL (core/db/wal-room.ts): answers overwrite it.
    const size = fileSize(wal);
    expect(size).toBeGreaterThan(1_000_000);
    for (const stepId of ['name', 'birth', 'address']) {
      const before = walFrames(wal);
      view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values: MOVE_ANSWERS[stepId] });
      expect(view.position).not.toMatchObject({ stepId });
      expect(walFrames(wal) - before).toBe(1);
      expect(fileSize(wal)).toBe(size);
    }
  });

  it('records activity on every mutating call and keepAlive', async () => {
    kiosk = openTestCore();
    let view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    const lastActivity = () =>
      peekDb(
        kiosk.dataDir,
        (db) => (db.prepare('SELECT last_activity_at AS t FROM sessions').get() as { t: number }).t,
      );
    kiosk.clock.time += 10_000;
    view = await kiosk.value('session.keepAlive', { sessionId: view.sessionId });
    expect(lastActivity()).toBe(kiosk.clock.now());
    kiosk.clock.time += 10_000;
    await kiosk.call('session.answer', { sessionId: view.sessionId, stepId: 'name', values: { fullName: 'X' } });
    expect(lastActivity()).toBe(kiosk.clock.now());
    kiosk.clock.time += 10_000;
    view = await kiosk.value('session.setLanguage', { sessionId: view.sessionId, language: 'en' });
    expect(lastActivity()).toBe(kiosk.clock.now());
    expect(view.idle.remainingMs).toBe(120_000);
  });
});

describe('crash resume', () => {
  it('resumes position and answers after a restart inside the idle window', async () => {
    kiosk = openTestCore();
    let view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'en' });
    for (const stepId of ['name', 'birth']) {
      view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values: MOVE_ANSWERS[stepId] });
    }
    // "Crash": close without ending, come back 60 s later.
    kiosk.clock.time += 60_000;
    kiosk = kiosk.reopen();
    const resumed = await kiosk.value('session.resume', {});
    expect(resumed).toEqual({ ...view, idle: { ...view.idle, remainingMs: 60_000 } });
    expect(resumed?.position).toMatchObject({ kind: 'step', stepId: 'address', stepNumber: 3 });
    expect(kiosk.events).toEqual([]);
    const next = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'address',
      values: MOVE_ANSWERS.address,
    });
    expect(next.position).toMatchObject({ stepId: 'household' });
  });

  it('wipes a session whose idle window passed while the kiosk was down', async () => {
    kiosk = openTestCore();
    const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    await kiosk.value('session.answer', { sessionId: view.sessionId, stepId: 'name', values: MOVE_ANSWERS.name });
    kiosk.clock.time += 120_000;
    kiosk = kiosk.reopen();
    expect(await kiosk.value('session.resume', {})).toBeNull();
    expect(rowCounts(kiosk.dataDir)).toEqual({ sessions: 0, drafts: 0, data_keys: 0, outbox: 0 });
    expect(kiosk.logger.lines).toContainEqual(
      expect.objectContaining({ event: 'session.ended', sessionId: view.sessionId, reason: 'startup' }),
    );
  });

  it('wipes orphaned keys and extra sessions at start-up', async () => {
    const clock = new FakeClock();
    kiosk = openTestCore({ clock });
    const view = await kiosk.value('session.start', { serviceId: 'test-feedback', language: 'de' });
    kiosk.close();
    const db = new Database(join(kiosk.dataDir, 'kiosk.db'));
    db.prepare(
      "INSERT INTO data_keys (id, purpose, wrapped_key, created_at) VALUES ('orphan-s', 'session', x'00', 1)",
    ).run();
    db.prepare(
      "INSERT INTO data_keys (id, purpose, wrapped_key, created_at) VALUES ('orphan-o', 'outbox', x'00', 1)",
    ).run();
    db.prepare(
      "INSERT INTO data_keys (id, purpose, wrapped_key, created_at) VALUES ('old-k', 'session', x'00', 1)",
    ).run();
    db.prepare(
      `INSERT INTO sessions (id, service_id, language, position, status, key_id, started_at, last_activity_at)
       VALUES ('older', 'test-feedback', 'de', '{"kind":"check"}', 'in_progress', 'old-k', ?, ?)`,
    ).run(clock.now() - 5, clock.now() - 5);
    db.close();
    kiosk = openTestCore({ clock, dataDir: kiosk.dataDir });
    expect((await kiosk.value('session.resume', {}))?.sessionId).toBe(view.sessionId);
    expect(rowCounts(kiosk.dataDir)).toEqual({ sessions: 1, drafts: 0, data_keys: 1, outbox: 0 });
  });

  it('wipes a session it cannot decrypt any more (master key replaced) instead of getting stuck', async () => {
    kiosk = openTestCore();
    const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    await kiosk.value('session.answer', { sessionId: view.sessionId, stepId: 'name', values: MOVE_ANSWERS.name });
    kiosk = kiosk.reopen({ masterKeyProvider: { load: () => Buffer.alloc(32, 7) } });
    expect(await kiosk.value('session.resume', {})).toBeNull();
    expect(rowCounts(kiosk.dataDir)).toMatchObject({ sessions: 0, drafts: 0, data_keys: 0 });
    expect(kiosk.logger.lines).toContainEqual(expect.objectContaining({ event: 'session.unreadable' }));
  });
});
