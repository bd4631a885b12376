import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { draftAad, openJson, outboxAad, unwrapKey } from '../../core/crypto/aead';
import {
  fileSize,
  openTestCore,
  peekDb,
  removeDir,
  rowCounts,
  scanForCanary,
  type TestCore,
} from '../fixtures/core-harness';

let kiosk: TestCore;
afterEach(() => {
  if (!kiosk) return;
  kiosk.close();
  removeDir(kiosk.dataDir);
});

interface KeyRow {
  id: string;
  purpose: string;
  wrapped_key: Buffer;
}
interface OutboxRow {
  id: string;
  reference: string;
  key_id: string;
  payload_ciphertext: Buffer;
  payload_nonce: Buffer;
}

const CANARY = 'Zyxwvuta-Kanarienvogel-8342';

async function startFeedbackWithCanary() {
  const view = await kiosk.value('session.start', { serviceId: 'test-feedback', language: 'de' });
  return kiosk.value('session.answer', {
    sessionId: view.sessionId,
    stepId: 'message',
    values: { message: `Hallo ${CANARY} Ende` },
  });
}

describe('encryption at rest', () => {
  it('creates the master key file with mode 0600', () => {
    kiosk = openTestCore();
    const key = join(kiosk.dataDir, 'master.key');
    expect(readFileSync(key)).toHaveLength(32);
    if (process.platform !== 'win32') expect(statSync(key).mode & 0o777).toBe(0o600);
  });

  it('never writes an answer in plaintext, and leaves nothing after the session ends', async () => {
    kiosk = openTestCore();
    const view = await startFeedbackWithCanary();
    expect(view.answers.message).toContain(CANARY);
    expect(scanForCanary(kiosk.dataDir, CANARY)).toEqual([]);
    expect(rowCounts(kiosk.dataDir)).toMatchObject({ sessions: 1, drafts: 1, data_keys: 1 });

    await kiosk.value('session.end', { sessionId: view.sessionId, reason: 'resident' });
    expect(scanForCanary(kiosk.dataDir, CANARY)).toEqual([]);
    expect(rowCounts(kiosk.dataDir)).toEqual({ sessions: 0, drafts: 0, data_keys: 0, outbox: 0 });
    expect(fileSize(join(kiosk.dataDir, 'kiosk.db-wal'))).toBe(0);
  });

  it('binds each draft to its session (associated data)', async () => {
    kiosk = openTestCore();
    const view = await startFeedbackWithCanary();
    const masterKey = readFileSync(join(kiosk.dataDir, 'master.key'));
    peekDb(kiosk.dataDir, (db) => {
      const keyRow = db
        .prepare('SELECT k.id, k.wrapped_key FROM data_keys k JOIN sessions s ON s.key_id = k.id')
        .get() as { id: string; wrapped_key: Buffer };
      const key = unwrapKey(masterKey, keyRow.wrapped_key, keyRow.id, 'session');
      const row = db.prepare('SELECT draft_ciphertext AS ciphertext, draft_nonce AS nonce FROM sessions').get() as {
        ciphertext: Buffer;
        nonce: Buffer;
      };
      expect(openJson(key, row, draftAad(view.sessionId))).toEqual({ message: `Hallo ${CANARY} Ende` });
      expect(() => openJson(key, row, draftAad('another-session'))).toThrow();
      expect(() => unwrapKey(masterKey, keyRow.wrapped_key, keyRow.id, 'outbox')).toThrow();
    });
  });

  it('submit moves the application into the outbox under its own key and destroys the session key', async () => {
    kiosk = openTestCore();
    let view = await startFeedbackWithCanary();
    const sessionKeyId = peekDb(
      kiosk.dataDir,
      (db) => (db.prepare('SELECT key_id FROM sessions').get() as { key_id: string }).key_id,
    );
    view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId: 'email', values: {} });
    view = await kiosk.value('session.submit', { sessionId: view.sessionId });
    if (view.position.kind !== 'confirmation') throw new Error('expected confirmation');
    const reference = view.position.reference;

    expect(scanForCanary(kiosk.dataDir, CANARY)).toEqual([]);
    expect(fileSize(join(kiosk.dataDir, 'kiosk.db-wal'))).toBe(0);
    const masterKey = readFileSync(join(kiosk.dataDir, 'master.key'));
    peekDb(kiosk.dataDir, (db) => {
      const keys = db.prepare('SELECT id, purpose, wrapped_key FROM data_keys').all() as KeyRow[];
      expect(keys).toHaveLength(1);
      const outboxKey = keys[0]!;
      expect(outboxKey.purpose).toBe('outbox');
      expect(outboxKey.id).not.toBe(sessionKeyId);
      const entry = db.prepare('SELECT * FROM outbox').get() as OutboxRow;
      expect(entry).toMatchObject({
        reference,
        service_id: 'test-feedback',
        schema_uri: 'urn:test:buergerkiosk:test-feedback:1',
        language: 'de',
        status: 'queued',
        key_id: outboxKey.id,
        created_at: kiosk.clock.now(),
      });
      const key = unwrapKey(masterKey, outboxKey.wrapped_key, outboxKey.id, 'outbox');
      const payload = { ciphertext: entry.payload_ciphertext, nonce: entry.payload_nonce };
      expect(openJson(key, payload, outboxAad(entry.id, reference))).toEqual({ message: `Hallo ${CANARY} Ende` });
      expect(db.prepare('SELECT status, key_id, reference FROM sessions').get()).toEqual({
        status: 'submitted',
        key_id: null,
        reference,
      });
      expect(db.prepare('SELECT draft_ciphertext, draft_nonce FROM sessions').get()).toEqual({
        draft_ciphertext: null,
        draft_nonce: null,
      });
    });

    await kiosk.value('session.end', { sessionId: view.sessionId, reason: 'finished' });
    expect(rowCounts(kiosk.dataDir)).toEqual({ sessions: 0, drafts: 0, data_keys: 1, outbox: 1 });
  });

  it('drops answers of steps hidden by a later change before they reach the outbox', async () => {
    kiosk = openTestCore();
    const { MOVE_ANSWERS } = await import('../fixtures/test-move-answers');
    let view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    while (view.position.kind === 'step') {
      const stepId = view.position.stepId;
      view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values: MOVE_ANSWERS[stepId] });
    }
    view = await kiosk.value('session.goTo', {
      sessionId: view.sessionId,
      target: { kind: 'step', stepId: 'household', returnToCheck: true },
    });
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'household',
      values: { household: 'alone' },
    });
    view = await kiosk.value('session.submit', { sessionId: view.sessionId });
    const masterKey = readFileSync(join(kiosk.dataDir, 'master.key'));
    const data = peekDb(kiosk.dataDir, (db) => {
      const entry = db
        .prepare('SELECT o.*, k.wrapped_key FROM outbox o JOIN data_keys k ON k.id = o.key_id')
        .get() as OutboxRow & { wrapped_key: Buffer };
      const key = unwrapKey(masterKey, entry.wrapped_key, entry.key_id, 'outbox');
      return openJson(
        key,
        { ciphertext: entry.payload_ciphertext, nonce: entry.payload_nonce },
        outboxAad(entry.id, entry.reference),
      );
    });
    expect(data).toMatchObject({ household: 'alone', consent: true });
    expect(data).not.toHaveProperty('persons');
  });
});
