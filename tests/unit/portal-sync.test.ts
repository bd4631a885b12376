import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxStatusEntry } from '../../contract';
import { DEFAULT_DESTINATION_ID, startReceiver, type Receiver } from '../../receiver';
import {
  FIXTURE_RESOURCES,
  openTestCore,
  peekDb,
  removeDir,
  rowCounts,
  scanForCanary,
  tempDir,
  TEST_CERTIFICATE_VALIDITY,
  type TestCore,
} from '../fixtures/core-harness';

/**
 * The kiosk's sync worker against the real reference receiver on 127.0.0.1:
 * real OAuth, real RSA-OAEP-256/A256GCM JWE, real signed events. Time in the
 * kiosk is a fake clock, so backoff and polling are stepped, never waited for.
 */
const CLIENT = { id: 'kiosk-test', secret: 'test-secret-123456' };
const CANARY = 'Zebrafink-Portal-4711';
const POLL_MS = 15_000;

let receiver: Receiver;
let receiverDir: string;
let kiosk: TestCore | undefined;

// RSA-4096 key generation and real crypto: slower than a unit test, still no timing assertions.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

// One receiver for the file (its keys take seconds to make); faults and counts are reset per test.
beforeAll(async () => {
  receiverDir = tempDir('receiver-');
  receiver = await startReceiver({
    dataDir: receiverDir,
    clients: [CLIENT],
    servicesDir: join(FIXTURE_RESOURCES, 'services'),
    // The kiosk's fake clock starts in 2025: the demo CA's certificates must be valid then.
    certificateValidity: TEST_CERTIFICATE_VALIDITY,
  });
});

afterAll(async () => {
  await receiver.close();
  removeDir(receiverDir);
});

beforeEach(() => {
  receiver.faults.clear();
  receiver.resetRequestCounts();
});

afterEach(() => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
});

/** What the receiver decided for one of our references. */
async function receivedFor(reference: string) {
  return (await receiver.listReceived()).filter(
    (application) =>
      (application.metadata as { additionalReferenceInfo?: { senderReference?: string } } | null)
        ?.additionalReferenceInfo?.senderReference === reference,
  );
}

function openKiosk(overrides: { dataDir?: string } = {}): TestCore {
  kiosk = openTestCore({
    ...overrides,
    portal: {
      tokenUrl: receiver.tokenUrl,
      submissionApiUrl: receiver.url,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      trustedRootPem: receiver.rootCertificatePem,
      destinations: { 'test-feedback': DEFAULT_DESTINATION_ID, 'test-move': DEFAULT_DESTINATION_ID },
      eventPollMs: POLL_MS,
      retryBaseMs: 1_000,
      retryCapMs: 60_000,
    },
  });
  return kiosk;
}

async function submitFeedback(k: TestCore, message = `Hallo ${CANARY} Ende`): Promise<string> {
  let view = await k.value('session.start', { serviceId: 'test-feedback', language: 'de' });
  view = await k.value('session.answer', { sessionId: view.sessionId, stepId: 'message', values: { message } });
  view = await k.value('session.answer', { sessionId: view.sessionId, stepId: 'email', values: {} });
  view = await k.value('session.submit', { sessionId: view.sessionId });
  if (view.position.kind !== 'confirmation') throw new Error('expected the confirmation');
  await k.value('session.end', { sessionId: view.sessionId, reason: 'finished' });
  return view.position.reference;
}

async function status(k: TestCore): Promise<OutboxStatusEntry[]> {
  return (await k.value('outbox.status', {})).entries;
}

/** Lets the worker run its passes, moving the fake clock to whatever is due next, until `done` or `limit` passes. */
async function drive(k: TestCore, done: (entries: OutboxStatusEntry[]) => boolean, limit = 20): Promise<number> {
  for (let pass = 0; pass < limit; pass++) {
    await k.core.syncNow();
    await receiver.idle();
    const entries = await status(k);
    if (done(entries)) return pass + 1;
    const next = entries.map((entry) => entry.nextAttemptAt).filter((at): at is string => at !== null);
    if (next.length > 0) k.clock.time = Math.max(k.clock.time, Math.min(...next.map((at) => Date.parse(at))));
  }
  throw new Error(`not done after ${limit} passes: ${JSON.stringify(await status(k))}`);
}

const allAccepted = (entries: OutboxStatusEntry[]) => entries.every((entry) => entry.status === 'accepted');

describe('delivery to the portal', () => {
  it('delivers an application exactly once; the receiver decrypts what the resident confirmed', async () => {
    const k = openKiosk();
    const reference = await submitFeedback(k);
    expect(await status(k)).toMatchObject([{ reference, status: 'queued', serviceId: 'test-feedback' }]);

    await drive(k, allAccepted);
    const received = await receivedFor(reference);
    expect(received).toHaveLength(1);
    const [application] = received;
    expect(application).toMatchObject({ status: 'accepted', data: { message: `Hallo ${CANARY} Ende` } });
    const metadata = application!.metadata as {
      contentStructure: { data: { hash: { content: string } }; attachments: { purpose: string; mimeType: string }[] };
      additionalReferenceInfo: { senderReference: string };
      publicServiceType: { identifier: string };
    };
    // The hash covers the exact bytes the resident confirmed (the receiver checked it before accepting).
    const confirmed = Buffer.from(JSON.stringify({ message: `Hallo ${CANARY} Ende` }), 'utf8');
    expect(metadata.contentStructure.data.hash.content).toBe(createHash('sha512').update(confirmed).digest('hex'));
    expect(metadata.additionalReferenceInfo.senderReference).toBe(reference);
    expect(metadata.contentStructure.attachments).toEqual([
      expect.objectContaining({ purpose: 'form', mimeType: 'application/pdf' }),
    ]);
    // The attachment the receiver decrypted is the form PDF whose hash the metadata announced, byte for byte.
    expect(application!.attachments).toHaveLength(1);
    const [attachment] = application!.attachments;
    expect(attachment!.content!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const announced = (metadata.contentStructure.attachments as unknown as { hash: { content: string } }[])[0]!.hash
      .content;
    expect(createHash('sha512').update(attachment!.content!).digest('hex')).toBe(announced);

    // Accepted: content, attachments and key destroyed; reference, service and status remain.
    expect(await status(k)).toMatchObject([{ reference, status: 'accepted', problem: null, nextAttemptAt: null }]);
    expect(rowCounts(k.dataDir)).toMatchObject({ data_keys: 0, outbox: 1 });
    peekDb(k.dataDir, (db) => {
      expect(db.prepare('SELECT count(*) AS n FROM outbox_attachments').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT payload_ciphertext, key_id FROM outbox').get()).toEqual({
        payload_ciphertext: null,
        key_id: null,
      });
    });
    expect(scanForCanary(k.dataDir, CANARY)).toEqual([]);
    // The pass that saw the accept emptied the WAL: no page with the wrapped key is left in it.
    expect(statSync(join(k.dataDir, 'kiosk.db-wal')).size).toBe(0);
    const counts = receiver.requestCounts();
    expect(counts).toMatchObject({ announce: 1, attachment: 1, send: 1 });
  });

  it('keeps an application the destination rejects for a resend, with the reason and without personal data', async () => {
    const k = openKiosk();
    receiver.faults.set({ route: 'send', kind: 'forceReject', times: 1 });
    const reference = await submitFeedback(k);
    await drive(k, (entries) => entries.every((entry) => entry.status === 'rejected'));
    const [entry] = await status(k);
    expect(entry).toMatchObject({
      reference,
      status: 'rejected',
      problem: { type: expect.stringContaining('schema') },
    });
    expect(JSON.stringify(entry)).not.toContain(CANARY);
    // Kept for a resend after correction: the content and its key are still there.
    expect(rowCounts(k.dataDir)).toMatchObject({ data_keys: 1 });

    // Staff resend it through the API: a new submission, accepted once; a second resend finds nothing to do.
    expect(await k.value('outbox.resend', { reference })).toEqual({ resent: true });
    expect(await k.value('outbox.resend', { reference })).toEqual({ resent: false });
    expect(await k.value('outbox.resend', { reference: 'ZZZZ-ZZZZ-Z' })).toEqual({ resent: false });
    await drive(k, allAccepted);
    expect((await receivedFor(reference)).map((application) => application.status).sort()).toEqual([
      'accepted',
      'rejected',
    ]);
  });

  it('forgets accepted entries after the retention time', async () => {
    const k = openKiosk();
    await submitFeedback(k);
    await drive(k, allAccepted);
    k.clock.time += 31 * 24 * 60 * 60_000;
    await k.core.syncNow();
    expect(await status(k)).toEqual([]);
  });
});

describe('faults: every application ends accepted exactly once, with bounded requests', () => {
  const cases: [string, Parameters<Receiver['faults']['set']>[0]][] = [
    ['503 on announce', { route: 'announce', kind: 'status', status: 503, times: 2 }],
    ['429 with Retry-After on send', { route: 'send', kind: 'throttle', retryAfterSeconds: 90, times: 1 }],
    ['connection reset before the attachment', { route: 'attachment', kind: 'reset', times: 1 }],
    ['connection reset after the send was taken', { route: 'send', kind: 'reset', phase: 'response', times: 1 }],
    ['truncated destination response', { route: 'destination', kind: 'truncate', times: 1 }],
    ['token revoked on use', { route: 'announce', kind: 'unauthorized', times: 1 }],
    ['token issued already expired', { route: 'token', kind: 'expiredToken', times: 1 }],
    ['latency', { route: '*', kind: 'latency', delayMs: 150, times: 3 }],
    [
      'faults in sequence',
      [
        { route: 'announce', kind: 'status', status: 502, times: 1 },
        { route: 'attachment', kind: 'truncate', times: 1 },
        { route: 'send', kind: 'throttle', retryAfterSeconds: 5, times: 1 },
        { route: 'events', kind: 'status', status: 500, times: 1 },
      ],
    ],
  ];

  it.each(cases)('%s', async (_name, rules) => {
    const k = openKiosk();
    receiver.faults.set(rules);
    const reference = await submitFeedback(k);
    const passes = await drive(k, allAccepted);
    expect(passes).toBeLessThanOrEqual(10);
    const received = await receivedFor(reference);
    expect(received.map((application) => application.status)).toEqual(['accepted']);
    const counts = receiver.requestCounts();
    expect(counts.send).toBeLessThanOrEqual(3);
    expect(counts.announce).toBeLessThanOrEqual(3);
    expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(40);
  });

  it('honours Retry-After: nothing is sent again before it has passed', async () => {
    const k = openKiosk();
    receiver.faults.set({ route: 'announce', kind: 'throttle', retryAfterSeconds: 120 });
    const submittedAt = k.clock.now();
    await submitFeedback(k);
    await k.core.syncNow();
    const [entry] = await status(k);
    expect(entry).toMatchObject({ status: 'queued', attempts: 1, problem: { status: 429 } });
    expect(Date.parse(entry!.nextAttemptAt!)).toBeGreaterThanOrEqual(submittedAt + 120_000);
    // Passes before then do nothing: no busy loop.
    const before = receiver.requestCounts().announce;
    for (let i = 0; i < 5; i++) await k.core.syncNow();
    k.clock.time += 60_000;
    await k.core.syncNow();
    expect(receiver.requestCounts().announce).toBe(before);
  });

  it('a portal that is down costs one request per attempt, however many applications wait', async () => {
    const k = openKiosk();
    receiver.faults.set({ route: '*', kind: 'status', status: 503 });
    for (let i = 0; i < 5; i++) await submitFeedback(k);
    // One hour of outage, stepping the clock by a minute and letting the worker try whenever it wants.
    for (let minute = 0; minute < 60; minute++) {
      await k.core.syncNow();
      k.clock.time += 60_000;
    }
    const total = Object.values(receiver.requestCounts()).reduce((sum, n) => sum + n, 0);
    // Backoff caps at 60 s here: at most about one attempt a minute, never a loop.
    expect(total).toBeLessThanOrEqual(61);
    const entries = await status(k);
    expect(entries.map((entry) => entry.status)).toEqual(Array(5).fill('queued'));
    expect(entries.reduce((sum, entry) => sum + entry.attempts, 0)).toBeGreaterThan(5);
    receiver.faults.clear();
    await drive(k, allAccepted);
    expect(await status(k)).toHaveLength(5);
  });

  it('a rotated key is fetched again; the application is not parked', async () => {
    const k = openKiosk();
    const reference = await submitFeedback(k);
    // Announce and upload with the old key, then rotate before the send.
    receiver.faults.set({ route: 'send', kind: 'status', status: 503, times: 1 });
    await k.core.syncNow();
    await receiver.faults.rotateEncryptionKey();
    await drive(k, allAccepted);
    expect((await receivedFor(reference)).map((application) => application.status)).toEqual(['accepted']);
  });
});

describe('crash during delivery', () => {
  it('resumes an announced submission with the same submissionId after a restart', async () => {
    let k = openKiosk();
    const dataDir = k.dataDir;
    await submitFeedback(k);
    receiver.faults.set({ route: 'send', kind: 'status', status: 503, times: 1 });
    await k.core.syncNow();
    const announced = peekDb(dataDir, (db) => db.prepare('SELECT submission_id FROM outbox').get());
    k.close();
    k = openKiosk({ dataDir });
    k.clock.time += 10 * 60_000;
    await drive(k, allAccepted);
    expect(peekDb(dataDir, (db) => db.prepare('SELECT submission_id FROM outbox').get())).toEqual(announced);
    expect(receiver.requestCounts().announce).toBe(1);
  });
});
