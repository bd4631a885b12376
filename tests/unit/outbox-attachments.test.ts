import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryStore } from '../../core/outbox/delivery-store';
import type { OutboxRow } from '../../core/outbox/delivery-store';
import { openDatabase } from '../../core/db/open-database';
import { openTestCore, peekDb, type TestCore } from '../fixtures/core-harness';
import { join } from 'node:path';
import { fileMasterKeyProvider } from '../../core/crypto/master-key';

/**
 * The application's attachments (its PDF) are made as soon as it is queued, with no portal configured
 * at all, so delivery later has only the network and the encryption left.
 */

let kiosk: TestCore | undefined;
afterEach(() => kiosk?.close());

async function submitFeedback(k: TestCore): Promise<void> {
  let view = await k.value('session.start', { serviceId: 'test-feedback', language: 'de' });
  view = await k.value('session.answer', {
    sessionId: view.sessionId,
    stepId: 'message',
    values: { message: 'Die Laterne vor Nummer 4 ist dunkel.' },
  });
  view = await k.value('session.answer', { sessionId: view.sessionId, stepId: 'email', values: {} });
  await k.value('session.submit', { sessionId: view.sessionId });
}

const attachmentCount = (dataDir: string) =>
  peekDb(dataDir, (db) => (db.prepare('SELECT count(*) AS n FROM outbox_attachments').get() as { n: number }).n);

describe('attachments of queued applications', () => {
  it('are made after sending without a portal, once per application', async () => {
    kiosk = openTestCore();
    await submitFeedback(kiosk);
    await submitFeedback(kiosk);
    await kiosk.core.prepareAttachments();
    // One application PDF each, sealed; a second run finds nothing left to make.
    expect(attachmentCount(kiosk.dataDir)).toBe(2);
    await kiosk.core.prepareAttachments();
    expect(attachmentCount(kiosk.dataDir)).toBe(2);
  });

  it('keep the first set when two makers race for the same application', async () => {
    kiosk = openTestCore();
    await submitFeedback(kiosk);
    kiosk.close();
    const db = openDatabase(join(kiosk.dataDir, 'kiosk.db'));
    try {
      const store = new DeliveryStore(db, () => fileMasterKeyProvider(kiosk!.dataDir).load());
      const [row] = store.awaitingAttachments(10) as [OutboxRow];
      const part = (text: string) => ({
        purpose: 'form' as const,
        mimeType: 'application/pdf',
        sha512: 'x'.repeat(128),
        bytes: Buffer.from(text),
      });
      const first = store.addAttachments(row, [part('first')]);
      const second = store.addAttachments(row, [part('second')]);
      expect(second).toEqual(first);
      expect(store.attachmentBytes(row, first[0]!.id).toString()).toBe('first');
      expect(store.awaitingAttachments(10)).toEqual([]);
    } finally {
      db.close();
    }
    kiosk = undefined;
  });
});
