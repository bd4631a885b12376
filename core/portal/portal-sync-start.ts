import type { LoadedCatalog } from '../catalog/load-catalog';
import { PortalConfigSchema, type PortalConfigInput } from './portal-config';
import { SyncWorker, type AttachmentRenderer, type SyncWorkerOptions } from './sync-worker';

/** How often the core looks whether a delivery is due. */
const SYNC_TICK_MS = 1_000;

/**
 * The delivery worker and its timer: each tick runs a pass only when an entry
 * is due, so an idle kiosk costs one small query a second.
 */
export function startPortalSync(
  portalConfig: PortalConfigInput,
  renderAttachments: AttachmentRenderer,
  // `store` is the core's own delivery store (the attachment preparer and kiosk.info use it too).
  parts: Pick<SyncWorkerOptions, 'store' | 'catalog' | 'clock' | 'logger' | 'timeZone' | 'origin' | 'production'>,
): { worker: SyncWorker; stop(): void } {
  const config = PortalConfigSchema.parse(portalConfig);
  const worker = new SyncWorker({ ...parts, config, renderAttachments });
  const timer = parts.clock.setInterval(() => {
    const due = parts.store.nextDueAt();
    if (due !== undefined && due <= parts.clock.now()) void worker.runDue();
  }, SYNC_TICK_MS);
  if (typeof timer === 'object') timer.unref?.();
  parts.logger.info('portal.configured', { count: Object.keys(config.destinations).length });
  return {
    worker,
    stop() {
      parts.clock.clearInterval(timer);
      worker.stop();
    },
  };
}

/**
 * The application PDF, loaded with its first delivery: pdfkit and its font engine take a few
 * hundred milliseconds to load, which a start-up (the resident's first screen) must not wait for.
 */
export function lazyApplicationPdf(catalog: LoadedCatalog, resourcesDir: string, timeZone: string): AttachmentRenderer {
  let renderer: Promise<AttachmentRenderer> | undefined;
  return async (entry, data, service) => {
    renderer ??= import('./application-pdf').then(
      (pdf) => pdf.applicationPdfAttachments(catalog, resourcesDir, timeZone),
      (error: unknown) => {
        renderer = undefined; // the next delivery tries again
        throw error;
      },
    );
    return (await renderer)(entry, data, service);
  };
}
