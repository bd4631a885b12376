import type { LoadedCatalog } from '../catalog/load-catalog';
import { CoalescingRunner } from '../coalescing-runner';
import { errorClass } from '../logging';
import type { AttachmentRenderer } from '../portal/sync-worker';
import type { Logger } from '../types';
import type { DeliveryStore } from './delivery-store';

const BATCH = 20;

/**
 * Makes and seals the attachments of queued applications (the application PDF) as soon as they are
 * queued, whether or not a portal is configured or reachable: delivery then has only the network and
 * the encryption left, and an outage's backlog goes out faster once the portal is back. The sync worker
 * still makes any that are missing, and the store keeps the first set if both make one.
 */
export class AttachmentPreparer {
  private stopped = false;
  private readonly runs = new CoalescingRunner(
    () => this.prepareAll(),
    () => this.stopped,
    // Only reachable when the database went away under a run (kiosk closing): the sync worker makes what is left.
    (error) => this.logger.error('outbox.prepare_failed', { errorClass: errorClass(error) }),
  );

  constructor(
    private readonly store: DeliveryStore,
    private readonly catalog: LoadedCatalog,
    private readonly render: AttachmentRenderer,
    private readonly logger: Logger,
  ) {}

  /** One run over every queued entry without attachments; concurrent calls share it and ask for one more. Never rejects. */
  run(): Promise<void> {
    return this.runs.run();
  }

  stop(): void {
    this.stopped = true;
  }

  private async prepareAll(): Promise<void> {
    const failed = new Set<string>();
    for (;;) {
      const waiting = this.store.awaitingAttachments(BATCH + failed.size).filter((row) => !failed.has(row.id));
      if (waiting.length === 0 || this.stopped) return;
      for (const row of waiting) {
        if (this.stopped) return;
        const service = this.catalog.byId.get(row.service_id);
        try {
          // An unknown service is the sync worker's to report (it parks the entry for staff).
          if (!service) throw new Error('service not in the catalog');
          this.store.addAttachments(row, await this.render(row, this.store.payload(row), service));
        } catch (error) {
          failed.add(row.id);
          if (!this.stopped)
            this.logger.warn('outbox.attachments_failed', { outboxId: row.id, errorClass: errorClass(error) });
        }
      }
    }
  }
}
