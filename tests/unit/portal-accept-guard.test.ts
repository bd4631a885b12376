import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OutboxStatusEntry } from '../../contract';
import { loadCatalog } from '../../core/catalog/load-catalog';
import { fileMasterKeyProvider } from '../../core/crypto/master-key';
import { openDatabase } from '../../core/db/open-database';
import { createMemoryLogger } from '../../core/logging';
import { DeliveryStore } from '../../core/outbox/delivery-store';
import { PortalConfigSchema, type PortalConfigInput } from '../../core/portal/portal-config';
import { SyncWorker } from '../../core/portal/sync-worker';
import { DEFAULT_DESTINATION_ID, startReceiver, type Receiver } from '../../receiver';
import {
  FakeClock,
  FIXTURE_RESOURCES,
  openTestCore,
  removeDir,
  rowCounts,
  tempDir,
  type TestCore,
  TEST_CERTIFICATE_VALIDITY,
} from '../fixtures/core-harness';

/**
 * The outbox destroys an application's content and key only after an accept from the portal and
 * destination the configuration names, never from the demo receiver on a town's terminal. Against
 * the real reference receiver on 127.0.0.1, which accepts every application it can read.
 */
const CLIENT = { id: 'kiosk-guard', secret: 'guard-secret-123456' };
const POLL_MS = 15_000;

let receiver: Receiver;
let receiverDir: string;
const cores: TestCore[] = [];

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

beforeAll(async () => {
  receiverDir = tempDir('receiver-guard-');
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
afterEach(() => {
  for (const core of cores.splice(0)) {
    core.close();
    removeDir(core.dataDir);
  }
});

function portalConfig(destination = DEFAULT_DESTINATION_ID): PortalConfigInput {
  return {
    tokenUrl: receiver.tokenUrl,
    submissionApiUrl: receiver.url,
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    trustedRootPem: receiver.rootCertificatePem,
    destinations: { 'test-feedback': destination },
    eventPollMs: POLL_MS,
  };
}

function open(options: Parameters<typeof openTestCore>[0]): TestCore {
  const core = openTestCore(options);
  cores.push(core);
  return core;
}

async function submitFeedback(k: TestCore): Promise<string> {
  let view = await k.value('session.start', { serviceId: 'test-feedback', language: 'de' });
  view = await k.value('session.answer', {
    sessionId: view.sessionId,
    stepId: 'message',
    values: { message: 'Hallo' },
  });
  view = await k.value('session.answer', { sessionId: view.sessionId, stepId: 'email', values: {} });
  view = await k.value('session.submit', { sessionId: view.sessionId });
  if (view.position.kind !== 'confirmation') throw new Error('expected the confirmation');
  await k.value('session.end', { sessionId: view.sessionId, reason: 'finished' });
  return view.position.reference;
}

const entries = async (k: TestCore): Promise<OutboxStatusEntry[]> => (await k.value('outbox.status', {})).entries;

/** Delivery passes until the entry is sent and waits for the portal's answer (not yet read). */
async function sendUntilSubmitted(k: TestCore): Promise<void> {
  for (let pass = 0; pass < 10; pass++) {
    await k.core.syncNow();
    await receiver.idle();
    if ((await entries(k))[0]?.status === 'submitted') return;
  }
  throw new Error(`not submitted: ${JSON.stringify(await entries(k))}`);
}

/** The receiver's subscriber has accepted it: the event log says so once the kiosk reads it. */
async function acceptedByReceiver(reference: string): Promise<boolean> {
  const received = await receiver.listReceived();
  return received.some(
    (application) =>
      (application.metadata as { additionalReferenceInfo?: { senderReference?: string } } | null)
        ?.additionalReferenceInfo?.senderReference === reference,
  );
}

describe('the outbox destroys content only after a trusted accept', () => {
  it('an accept from the configured portal and destination destroys content and key (as before)', async () => {
    const k = open({ portal: portalConfig() });
    await submitFeedback(k);
    await sendUntilSubmitted(k);
    k.clock.advance(POLL_MS);
    await k.core.syncNow();
    expect((await entries(k))[0]).toMatchObject({ status: 'accepted' });
    expect(rowCounts(k.dataDir)).toMatchObject({ data_keys: 0 });
  });

  it('an accept for a destination the configuration no longer names parks the application, content kept', async () => {
    const k = open({ portal: portalConfig() });
    const reference = await submitFeedback(k);
    await sendUntilSubmitted(k);
    expect(await acceptedByReceiver(reference)).toBe(true);
    // The operator changed the configuration: the service now goes to another destination.
    const changed = k.reopen({ portal: portalConfig(randomUUID()) });
    cores.splice(0, 1, changed);
    changed.clock.advance(POLL_MS);
    await changed.core.syncNow();
    const [entry] = await entries(changed);
    expect(entry).toMatchObject({
      reference,
      status: 'parked',
      problem: { type: 'urn:buergerkiosk:portal:foreign-accept' },
    });
    expect(rowCounts(changed.dataDir)).toMatchObject({ outbox: 1, data_keys: 1 });
    expect(changed.logger.lines).toContainEqual(expect.objectContaining({ event: 'portal.accept_not_trusted' }));
  });

  it('a production core never attaches a demo portal: nothing is sent', async () => {
    const k = open({ portal: portalConfig(), portalOrigin: 'demo', production: true });
    const reference = await submitFeedback(k);
    await k.core.syncNow();
    await receiver.idle();
    expect((await entries(k))[0]).toMatchObject({ reference, status: 'queued' });
    expect(await acceptedByReceiver(reference)).toBe(false);
    expect(k.logger.lines).toContainEqual(expect.objectContaining({ event: 'portal.demo_refused' }));
  });

  it('the destroy itself: a worker for a demo portal in production parks an accepted application, content kept', async () => {
    // The core refuses such a worker (above); built directly here, as a regression elsewhere could.
    const k = open({ portal: portalConfig() });
    const reference = await submitFeedback(k);
    await sendUntilSubmitted(k);
    k.close();
    const db = openDatabase(join(k.dataDir, 'kiosk.db'));
    try {
      const masterKey = fileMasterKeyProvider(k.dataDir).load();
      const store = new DeliveryStore(db, () => masterKey);
      const logger = createMemoryLogger();
      const clock = new FakeClock(k.clock.time + POLL_MS);
      const worker = new SyncWorker({
        config: PortalConfigSchema.parse(portalConfig()),
        store,
        catalog: loadCatalog(FIXTURE_RESOURCES, () => '2025-06-15', logger),
        clock,
        logger,
        renderAttachments: () => Promise.reject(new Error('attachments were made before')),
        timeZone: 'Europe/Berlin',
        origin: 'demo',
        production: true,
      });
      await worker.runDue();
      const row = store.get(store.statusList()[0]!.id)!;
      expect(row).toMatchObject({ reference, status: 'parked' });
      expect(JSON.parse(row.problem!)).toMatchObject({ type: 'urn:buergerkiosk:portal:demo-accept' });
      expect(row.payload_ciphertext).not.toBeNull();
      expect(store.payload(row)).toMatchObject({ message: 'Hallo' });
      // The store's own guard: an accept for another destination than the announced one destroys nothing.
      expect(store.markAccepted(row.id, clock.now(), randomUUID())).toBe(false);
      expect(store.get(row.id)!.payload_ciphertext).not.toBeNull();
      worker.stop();
    } finally {
      db.close();
    }
  });
});
