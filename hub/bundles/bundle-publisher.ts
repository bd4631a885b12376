import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  BUNDLE_MAX_TOTAL_BYTES,
  BundleManifestSchema,
  type BundleManifest,
  type BundleProblem,
  type BundleSummary,
  type BundleUpload,
} from '../../contract/hub/bundles';
import {
  bundleServices,
  checkBundleServices,
  manifestFiles,
  noPathInsideAnother,
  writeBundleFiles,
} from '../../core/catalog/bundle-files';
import { errorClass } from '../../core/logging';
import type { Logger } from '../../core/types';
import { HubError } from '../hub-error';
import type { AuditStore } from '../stores/audit-store';
import type { BundleSigningKey } from './bundle-key';
import type { BundleStore, StoredBundle } from './bundle-store';

/** An upload refused whole: the problems name file and JSON pointer as the catalogue check does. */
export class BundleRefusedError extends Error {
  constructor(readonly problems: BundleProblem[]) {
    super('bundle refused');
  }
}

export interface BundlePublisherParts {
  dataDir: string;
  store: BundleStore;
  key: () => BundleSigningKey;
  /** The shipped services and offices the kiosks load next to a bundle; without them no upload is checked. */
  resourcesDir: string | undefined;
  audit: AuditStore;
  logger: Logger;
  now: () => number;
  /** Tells the connected terminals that this version is active. */
  offer: (version: number) => void;
}

/**
 * Admins publish the terminals' services (issue 20): an upload is checked with the kiosk's own catalogue check
 * on an unpacked copy, stored, signed and offered; a rollback republishes the previous bundle's files as a new
 * version, so a kiosk's "never older than what I run" still holds.
 */
export class BundlePublisher {
  constructor(private readonly parts: BundlePublisherParts) {}

  activeVersion(): number | undefined {
    return this.parts.store.latestVersion();
  }

  /** The newest first; the first is active. */
  list(): BundleSummary[] {
    const versions = this.parts.store.versions();
    return versions.flatMap((version, index) => {
      const stored = this.parts.store.get(version);
      return stored ? [summary(manifestOf(stored), index === 0)] : [];
    });
  }

  /** The active bundle, signed, for a terminal. */
  active(): StoredBundle | undefined {
    const version = this.activeVersion();
    return version === undefined ? undefined : this.parts.store.get(version);
  }

  async upload(staffId: string, upload: BundleUpload): Promise<BundleSummary> {
    const { parts } = this;
    const refuse = async (problems: BundleProblem[]): Promise<never> => {
      await parts.audit.write({ staffId, action: 'bundle.upload', outcome: 'refused' });
      parts.logger.warn('bundle.upload_refused', { problems: problems.length });
      throw new BundleRefusedError(problems);
    };
    if (!parts.resourcesDir) throw new HubError(503, 'no_catalogue_check');
    const files = new Map<string, Buffer>();
    let total = 0;
    for (const file of upload.files) {
      if (files.has(file.path)) await refuse([{ file: file.path, path: '', message: 'the file is given twice' }]);
      const bytes = Buffer.from(file.content, 'base64');
      total += bytes.length;
      files.set(file.path, bytes);
    }
    if (total > BUNDLE_MAX_TOTAL_BYTES) await refuse([{ file: '', path: '', message: 'the bundle is too large' }]);
    if (!noPathInsideAnother(new Set(files.keys())))
      await refuse([{ file: '', path: '', message: 'a file has the name of a folder' }]);
    const staging = join(parts.dataDir, 'bundles', `staging-${randomUUID()}`);
    try {
      writeBundleFiles(staging, files);
      const today = () => new Date(parts.now()).toISOString().slice(0, 10);
      const { problems } = checkBundleServices(parts.resourcesDir, staging, today, parts.logger);
      if (problems.length > 0) await refuse(problems);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
    const stored = this.publish(staffId, files, null);
    await parts.audit.write({ staffId, action: 'bundle.upload', subjectId: `bundle-${stored.version}`, outcome: 'ok' });
    return stored;
  }

  async rollback(staffId: string): Promise<BundleSummary> {
    const { parts } = this;
    const [, previous] = parts.store.versions();
    const stored = previous === undefined ? undefined : parts.store.get(previous);
    if (!stored) {
      await parts.audit.write({ staffId, action: 'bundle.rollback', outcome: 'refused' });
      throw new HubError(409, 'no_previous_bundle');
    }
    const files = new Map(
      Object.entries(stored.signed.contents).map(([path, content]) => [path, Buffer.from(content, 'base64')]),
    );
    const published = this.publish(staffId, files, previous!);
    await parts.audit.write({
      staffId,
      action: 'bundle.rollback',
      subjectId: `bundle-${published.version}`,
      outcome: 'ok',
    });
    return published;
  }

  private publish(staffId: string, files: Map<string, Buffer>, rolledBackFrom: number | null): BundleSummary {
    const { parts } = this;
    const manifest: BundleManifest = {
      format: 1,
      version: (parts.store.latestVersion() ?? 0) + 1,
      createdAt: new Date(parts.now()).toISOString(),
      rolledBackFrom,
      files: manifestFiles(files),
    };
    const text = JSON.stringify(manifest);
    const contents = Object.fromEntries([...files].map(([path, bytes]) => [path, bytes.toString('base64')]));
    parts.store.add({ signed: { manifest: text, signature: parts.key().sign(text), contents }, publishedBy: staffId });
    parts.logger.info('bundle.published', { version: manifest.version, count: files.size });
    try {
      parts.offer(manifest.version);
    } catch (error) {
      parts.logger.error('bundle.offer_failed', { errorClass: errorClass(error) });
    }
    return summary(manifest, true);
  }
}

function manifestOf(stored: StoredBundle): BundleManifest {
  return BundleManifestSchema.parse(JSON.parse(stored.signed.manifest));
}

function summary(manifest: BundleManifest, active: boolean): BundleSummary {
  return {
    version: manifest.version,
    createdAt: manifest.createdAt,
    rolledBackFrom: manifest.rolledBackFrom,
    services: bundleServices(manifest.files.map((file) => file.path)),
    files: manifest.files.length,
    bytes: manifest.files.reduce((sum, file) => sum + file.bytes, 0),
    active,
  };
}
