import { serviceNamespace } from '../../contract/namespaces';
import type { LoadedCatalog } from '../catalog/load-catalog';
import type { LoadedService } from '../catalog/loaded-service';
import { CoalescingRunner } from '../coalescing-runner';
import type { DeliveryStore, NewAttachment, OutboxRow, StoredProblem } from '../outbox/delivery-store';
import { errorClass } from '../logging';
import { HttpClient } from '../net/http-client';
import { parsePemCertificates } from '../net/pem';
import type { Clock, Logger } from '../types';
import { isoDateInZone } from '../clock';
import { retryDelayMs } from './backoff';
import { fetchCheckedDestination, type CheckedDestination } from './destination';
import { readCaseOutcome } from './event-log';
import { encryptForDestination } from './jwe';
import { assertValidMetadata, buildMetadata, sha512Hex } from './metadata';
import { PortalApi } from './portal-api';
import type { PortalConfig } from './portal-config';
import { PortalError, permanent } from './portal-error';
import { PortalHealthWatch, type PortalHealth } from './portal-health';
import { TokenCache } from './token-cache';

/** Renders what travels with the data: at least the application as a PDF (purpose "form"). */
export type AttachmentRenderer = (entry: OutboxRow, data: unknown, service: LoadedService) => Promise<NewAttachment[]>;

export interface SyncWorkerOptions {
  config: PortalConfig;
  store: DeliveryStore;
  catalog: LoadedCatalog;
  clock: Clock;
  logger: Logger;
  renderAttachments: AttachmentRenderer;
  timeZone: string;
  random?: () => number;
  /** Where `config` came from: the town's configuration, or `npm start`'s local demo receiver. */
  origin?: PortalOrigin;
  /** A town's terminal: an accept from the demo receiver never destroys an application there. */
  production?: boolean;
}

export type PortalOrigin = 'configured' | 'demo';

/** Why an accept must not destroy the application (it is parked for staff instead, content kept). */
function untrustedAccept(
  entry: OutboxRow,
  config: PortalConfig,
  origin: PortalOrigin,
  production: boolean,
): StoredProblem | undefined {
  if (production && origin === 'demo') {
    return { type: 'urn:buergerkiosk:portal:demo-accept', title: 'Accepted by the demo receiver, not the town' };
  }
  if (!entry.destination_id || entry.destination_id !== config.destinations[entry.service_id]) {
    return {
      type: 'urn:buergerkiosk:portal:foreign-accept',
      title: 'Accepted for a destination the configuration does not name for this service',
    };
  }
  return undefined;
}

const BATCH = 20;
/** Entries worked at once: network waits overlap, and the database still sees one writer. */
const CONCURRENCY = 4;
/** A checked destination and key are reused this long; a refused send fetches them afresh at once. */
const DESTINATION_TTL_MS = 5 * 60_000;

/**
 * Delivers outbox entries to the portal, one recorded step at a time
 * (announce → attachments → send → event log), and never in a busy loop:
 * every failure sets the entry's next attempt, transient ones with full-jitter
 * backoff (Retry-After as a floor), permanent ones park it for staff.
 * `runDue()` does one pass over what is due; the kiosk calls it from a timer
 * and right after a submission, so the resident never waits for the network.
 */
export class SyncWorker {
  private readonly api: PortalApi;
  private readonly http: HttpClient;
  /** The administration PKI's root(s) every destination key must be certified up to. */
  private readonly roots: ReturnType<typeof parsePemCertificates>;
  /** Entries accepted in the pass running now; their WAL pages are truncated when it ends. */
  private acceptedInPass = 0;
  private stopped = false;
  private readonly passes = new CoalescingRunner(
    () => this.pass(),
    () => this.stopped,
    // Only reachable when the store went away under a pass (kiosk closing): like a crash, resumed at next start.
    (error) => this.options.logger.error('portal.pass_failed', { errorClass: errorClass(error) }),
  );
  // The portal as a whole: when it fails transiently, nothing is sent until the backoff has passed,
  // so 200 queued applications cost one request per attempt, not 200, and all go as soon as it is back.
  private portalPausedUntil = 0;
  private portalFailures = 0;
  private readonly portalHealth = new PortalHealthWatch();
  private readonly destinations = new Map<string, { checked: Promise<CheckedDestination>; fetchedAt: number }>();

  constructor(private readonly options: SyncWorkerOptions) {
    const now = options.clock.now;
    // TLS to the token URL and the Submission API trusts the town's CA too, when one is configured.
    this.http = new HttpClient(options.config.caPem);
    this.roots = parsePemCertificates(options.config.trustedRootPem);
    this.api = new PortalApi(options.config, new TokenCache(options.config, now, this.http), now, this.http);
  }

  /** After this, a pass in flight stops at its next step; the database may be closed. */
  stop(): void {
    this.stopped = true;
    this.http.close();
  }

  /** The portal as this worker last saw it, and its last problem (codes only), for the terminal's health report. */
  health(): PortalHealth {
    return this.portalHealth.view();
  }

  /** One pass; concurrent calls share it (and ask for one more pass), so one entry is never worked twice at once. */
  runDue(): Promise<void> {
    return this.passes.run();
  }

  private async pass(): Promise<void> {
    const { store, clock } = this.options;
    store.purgeAccepted(clock.now() - this.options.config.acceptedRetentionMs);
    if (clock.now() < this.portalPausedUntil) return;
    const queue = store.due(clock.now(), BATCH);
    const lane = async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        if (this.stopped || clock.now() < this.portalPausedUntil) return;
        try {
          if (entry.status === 'submitted') await this.readOutcome(entry);
          else await this.deliver(entry);
          this.portalFailures = 0;
          this.portalHealth.delivered();
        } catch (error) {
          if (this.stopped) return;
          this.failed(entry, error);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    // Destroyed content and keys leave the WAL once per pass rather than once per entry: each
    // truncation copies the whole WAL into the database and syncs it.
    if (this.acceptedInPass > 0 && !this.stopped) store.truncateWal();
    this.acceptedInPass = 0;
  }

  /** The destination and its key, checked; cached for a while, fetched afresh when `fresh`. */
  private async destination(destinationId: string, schemaUri: string, fresh = false): Promise<CheckedDestination> {
    const cached = this.destinations.get(`${destinationId}\0${schemaUri}`);
    const now = this.options.clock.now();
    if (!fresh && cached && now - cached.fetchedAt < DESTINATION_TTL_MS) return cached.checked;
    // The promise is cached, so concurrent deliveries share one lookup; a failed lookup is not kept.
    const checked = fetchCheckedDestination(this.api, destinationId, schemaUri, {
      roots: this.roots,
      now: this.options.clock.now,
    });
    const key = `${destinationId}\0${schemaUri}`;
    const entry = { checked, fetchedAt: now };
    this.destinations.set(key, entry);
    checked.catch(() => {
      if (this.destinations.get(key) === entry) this.destinations.delete(key);
    });
    return checked;
  }

  private async deliver(queued: OutboxRow): Promise<void> {
    const { store, clock, config, catalog } = this.options;
    const service = catalog.byId.get(queued.service_id);
    if (!service) throw permanent('urn:buergerkiosk:portal:service-unknown', 'Service is no longer in the catalog');
    const destinationId = config.destinations[queued.service_id];
    if (!destinationId) {
      throw permanent('urn:buergerkiosk:portal:no-destination', 'No portal destination configured for this service');
    }
    const data = store.payload(queued);
    let attachments = store.attachments(queued.id);
    if (attachments.length === 0) {
      attachments = store.addAttachments(queued, await this.options.renderAttachments(queued, data, service));
    }
    const destination = await this.destination(destinationId, queued.schema_uri);

    let entry = queued;
    if (entry.submission_id && entry.encryption_kid !== destination.encryptionKey.kid) {
      // Parts already uploaded were encrypted for a key the destination replaced: start a new submission.
      store.resetAnnouncement(entry.id, clock.now());
      this.options.logger.warn('portal.key_rotated', { outboxId: entry.id });
      entry = store.get(entry.id)!;
      attachments = store.attachments(entry.id);
    }
    if (!entry.submission_id) {
      const announced = await this.announce(
        entry,
        destination,
        service,
        attachments.map((a) => a.id),
      );
      store.markAnnounced(entry.id, announced, clock.now());
      this.options.logger.info('portal.announced', { outboxId: entry.id, reference: entry.reference });
      entry = store.get(entry.id)!;
    }
    const submissionId = entry.submission_id!;

    try {
      for (const attachment of attachments.filter((candidate) => candidate.uploaded_at === null)) {
        const jwe = encryptForDestination(
          store.attachmentBytes(entry, attachment.id),
          destination.encryptionKey,
          attachment.mime_type,
        );
        await this.api.call('PUT', `/v1/submissions/${submissionId}/attachments/${attachment.id}`, { jose: jwe });
        store.markUploaded(entry.id, attachment.id, clock.now());
      }
      await this.send(entry, destination, service, data, attachments);
    } catch (error) {
      if (error instanceof PortalError && error.problem.status === 404) {
        // The portal no longer knows the announced submission: announce again with the same attachments.
        store.resetAnnouncement(entry.id, clock.now());
        this.options.logger.warn('portal.announcement_lost', { outboxId: entry.id });
        return;
      }
      if (error instanceof PortalError && error.kind === 'permanent' && (await this.keyRotated(entry, destination))) {
        // Encrypted for a key the destination has replaced: a new submission, everything encrypted afresh.
        store.resetAnnouncement(entry.id, clock.now());
        this.options.logger.warn('portal.key_rotated', { outboxId: entry.id });
        return;
      }
      if (error instanceof PortalError && error.kind === 'permanent' && (await this.alreadySubmitted(entry))) {
        // A crash (or a lost response) after the portal took the send: the event log says it arrived.
        store.markSubmitted(entry.id, clock.now(), clock.now() + config.eventPollMs);
        return;
      }
      throw error;
    }
    store.markSubmitted(entry.id, clock.now(), clock.now() + config.eventPollMs);
    this.options.logger.info('portal.submitted', { outboxId: entry.id, reference: entry.reference });
  }

  private async announce(
    entry: OutboxRow,
    destination: CheckedDestination,
    service: LoadedService,
    attachmentIds: string[],
  ): Promise<{ destinationId: string; submissionId: string; caseId: string; encryptionKid: string }> {
    const response = await this.api.call('POST', '/v1/submissions', {
      json: {
        destinationId: destination.destinationId,
        announcedAttachments: attachmentIds,
        serviceType: publicServiceType(service, this.options.catalog),
      },
    });
    const body = response.json as { submissionId?: unknown; caseId?: unknown } | undefined;
    if (typeof body?.submissionId !== 'string' || typeof body.caseId !== 'string') {
      throw permanent('urn:buergerkiosk:portal:announce-invalid', 'Announce answered without submissionId/caseId');
    }
    return {
      destinationId: destination.destinationId,
      submissionId: body.submissionId,
      caseId: body.caseId,
      encryptionKid: destination.encryptionKey.kid,
    };
  }

  private async send(
    entry: OutboxRow,
    destination: CheckedDestination,
    service: LoadedService,
    data: unknown,
    attachments: { id: string; purpose: NewAttachment['purpose']; mime_type: string; sha512: string }[],
  ): Promise<void> {
    const dataBytes = Buffer.from(JSON.stringify(data), 'utf8');
    const metadata = buildMetadata({
      dataSha512: sha512Hex(dataBytes),
      schemaUri: entry.schema_uri,
      attachments: attachments.map((attachment) => ({
        attachmentId: attachment.id,
        sha512: attachment.sha512,
        purpose: attachment.purpose,
        mimeType: attachment.mime_type,
        filename: `${entry.reference}-${attachment.purpose}.pdf`,
      })),
      publicServiceType: publicServiceType(service, this.options.catalog),
      senderReference: entry.reference,
      applicationDate: isoDateInZone(entry.created_at, this.options.timeZone),
    });
    assertValidMetadata(metadata);
    const key = destination.encryptionKey;
    const encryptedData = encryptForDestination(dataBytes, key, 'application/json');
    const encryptedMetadata = encryptForDestination(
      Buffer.from(JSON.stringify(metadata), 'utf8'),
      key,
      'application/json',
    );
    await this.api.call('PUT', `/v1/submissions/${entry.submission_id}`, {
      json: { encryptedMetadata, encryptedData },
    });
  }

  private async keyRotated(entry: OutboxRow, used: CheckedDestination): Promise<boolean> {
    try {
      const current = await this.destination(used.destinationId, entry.schema_uri, true);
      return current.encryptionKey.kid !== used.encryptionKey.kid;
    } catch {
      return false;
    }
  }

  private async alreadySubmitted(entry: OutboxRow): Promise<boolean> {
    try {
      const outcome = await readCaseOutcome(this.api, caseRef(entry));
      return outcome.state !== 'pending' || outcome.submitted;
    } catch {
      return false;
    }
  }

  private async readOutcome(entry: OutboxRow): Promise<void> {
    const { store, clock, config, logger } = this.options;
    const outcome = await readCaseOutcome(this.api, caseRef(entry));
    if (outcome.state === 'accepted') {
      // Content and key are destroyed only for an accept from the portal and destination the configuration names.
      const untrusted = untrustedAccept(entry, config, this.options.origin ?? 'configured', !!this.options.production);
      if (untrusted || !store.markAccepted(entry.id, clock.now(), entry.destination_id!)) {
        const problem = untrusted ?? { type: 'urn:buergerkiosk:portal:foreign-accept', title: 'Accept not recorded' };
        store.park(entry.id, problem, clock.now());
        logger.warn('portal.accept_not_trusted', { outboxId: entry.id, problemType: problem.type });
        return;
      }
      this.acceptedInPass++;
      logger.info('portal.accepted', { outboxId: entry.id, reference: entry.reference });
    } else if (outcome.state === 'rejected') {
      const first = outcome.problems[0] ?? { type: 'about:blank', title: 'Rejected' };
      store.markRejected(entry.id, first, clock.now());
      logger.warn('portal.rejected', { outboxId: entry.id, reference: entry.reference, problemType: first.type });
    } else {
      store.schedulePoll(entry.id, clock.now() + config.eventPollMs);
    }
  }

  private failed(entry: OutboxRow, error: unknown): void {
    const { store, clock, config, logger } = this.options;
    this.portalHealth.failed(error, clock.now());
    if (error instanceof PortalError && error.kind === 'permanent') {
      store.park(entry.id, error.problem, clock.now());
      logger.warn('portal.parked', { outboxId: entry.id, reference: entry.reference, problemType: error.problem.type });
      return;
    }
    const policy = { baseMs: config.retryBaseMs, capMs: config.retryCapMs };
    const attempts = entry.attempts + 1;
    if (error instanceof PortalError) {
      // The portal is unwell: pause all delivery, not only this entry (Retry-After is a floor).
      // Lanes that fail together count as one failure, so the backoff grows per attempt, not per lane.
      const delay =
        clock.now() >= this.portalPausedUntil
          ? retryDelayMs(++this.portalFailures, policy, error.retryAfterMs, this.options.random)
          : Math.max(this.portalPausedUntil - clock.now(), error.retryAfterMs ?? 0);
      this.portalPausedUntil = Math.max(this.portalPausedUntil, clock.now() + delay);
      store.scheduleRetry(entry.id, attempts, this.portalPausedUntil, error.problem);
      logger.info('portal.retry_scheduled', {
        outboxId: entry.id,
        attempts,
        delayMs: delay,
        status: error.problem.status ?? 0,
      });
      return;
    }
    // A local failure (a bug, a broken attachment): this entry alone waits, never in a loop; logged by class only.
    const delay = retryDelayMs(attempts, policy, undefined, this.options.random);
    const problem = { type: 'urn:buergerkiosk:portal:internal', title: errorClass(error) };
    store.scheduleRetry(entry.id, attempts, clock.now() + delay, problem);
    logger.error('portal.entry_failed', { outboxId: entry.id, attempts, errorClass: errorClass(error) });
  }
}

function caseRef(entry: OutboxRow) {
  return { caseId: entry.case_id!, submissionId: entry.submission_id!, destinationId: entry.destination_id! };
}

/** LeiKa URN where the service has a key; otherwise our own URN, as the metadata schema allows. */
export function publicServiceType(
  service: LoadedService,
  catalog: LoadedCatalog,
): { name: string; identifier: string } {
  const { id, leikaKey, titleKey } = service.definition;
  const texts = catalog.translations.de?.[serviceNamespace(id)];
  const title = texts?.[titleKey];
  return {
    name: typeof title === 'string' ? title : id,
    identifier: leikaKey ? `urn:de:fim:leika:leistung:${leikaKey}` : `urn:de:stade:buergerkiosk:leistung:${id}`,
  };
}
