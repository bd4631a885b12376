import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SignedBundleSchema, type BundleRefusal } from '../../contract/hub/bundles';
import { ensurePrivateDir, writePrivateFileAtomically } from '../fs/private-files';
import { errorClass } from '../logging';
import type { Logger } from '../types';
import { verifySignedBundle, writeBundleFiles, type BundleCheck } from './bundle-files';
import type { LoadedCatalog } from './load-catalog';

/** <dataDir>/catalogue/: the active bundle's folder, the last good one before it, staging, and active.json. */
export const CATALOGUE_DIR = 'catalogue';
const STATE_FILE = 'active.json';

const StateSchema = z.strictObject({
  version: z.number().int().min(1),
  /** The bundle active before this one: kept on disk to fall back to. */
  previous: z.number().int().min(1).nullable(),
});
type State = z.infer<typeof StateSchema>;

const folderOf = (root: string, version: number) => join(root, `bundle-${version}`);

/** The bundles on disk at start: the active one first, then the last good one; empty before the first bundle. */
export function bundleFoldersAtStart(dataDir: string): { version: number; dir: string }[] {
  const root = join(dataDir, CATALOGUE_DIR);
  const state = readState(root);
  if (!state) return [];
  return [state.version, state.previous]
    .filter((version): version is number => version !== null)
    .map((version) => ({ version, dir: folderOf(root, version) }))
    .filter((entry) => existsSync(entry.dir));
}

function readState(root: string): State | undefined {
  try {
    const parsed = StateSchema.safeParse(JSON.parse(readFileSync(join(root, STATE_FILE), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface CatalogueBundleParts {
  dataDir: string;
  /** The newest bundle activated here (undefined: none yet, the shipped catalogue and --services-dir run). */
  activeVersion: number | undefined;
  /** At start the active bundle no longer passed the check and an older catalogue runs: reported as failed. */
  startedOnFallback?: boolean;
  logger: Logger;
  /** The signed bundle as the hub answers GET BUNDLE_PATH. */
  fetch(): Promise<unknown>;
  /** The hub's key pinned at enrolment. */
  pinnedKey(): string | undefined;
  /** The catalogue check on an unpacked copy (core/catalog/bundle-files.ts). */
  check(dir: string): BundleCheck;
  /** A resident's session is open: the catalogue must not change under it. */
  sessionOpen(): boolean;
  /** Replace the core's catalogue (only ever called with no session open). */
  activate(catalog: LoadedCatalog, version: number): void;
  /** The catalogue's state for the health report changed (activated, or a bundle refused). */
  changed(): void;
}

/**
 * The kiosk's side of catalogue bundles (issue 20). Offered a version newer than its own, it fetches the bundle,
 * checks the signature with the pinned key, refuses a version not newer than the active one (replay), checks
 * every file against the manifest, unpacks into a 0700 staging folder and runs the catalogue check there, all
 * before anything it runs changes. Then it waits for no session to be open and activates the bundle; the bundle
 * before stays on disk as the last good one. Any failure leaves the catalogue as it was, is logged as a code,
 * and shows in the health report (catalogue activation "failed" → the hub's `catalogue` alert).
 */
export class CatalogueBundles {
  private readonly root: string;
  private active: number | undefined;
  private pending: { version: number; catalog: LoadedCatalog; staging: string } | undefined;
  /** The newest version offered while a fetch ran: fetched after it. */
  private offeredLater: number | undefined;
  private running = false;
  private lastRefused: { version: number | undefined; code: BundleRefusal } | undefined;
  private stopped = false;

  constructor(private readonly parts: CatalogueBundleParts) {
    this.root = join(parts.dataDir, CATALOGUE_DIR);
    this.active = parts.activeVersion;
    if (parts.startedOnFallback) this.lastRefused = { version: parts.activeVersion, code: 'broken_service' };
  }

  get activeVersion(): number | undefined {
    return this.active;
  }

  /** The last bundle was refused (until one is activated). */
  get failed(): BundleRefusal | undefined {
    return this.lastRefused?.code;
  }

  /** The hub says `version` is active there (a new bundle, or the welcome after a connect). */
  offered(version: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const known = Math.max(this.active ?? 0, this.pending?.version ?? 0);
    // Already run, waiting, or refused: the same version is not fetched again (a new upload is a new version).
    if (version <= known || version === this.lastRefused?.version) return Promise.resolve();
    if (this.running) {
      this.offeredLater = Math.max(this.offeredLater ?? 0, version);
      return Promise.resolve();
    }
    this.running = true;
    return this.receive(version)
      .catch((error: unknown) => {
        this.parts.logger.error('catalogue.bundle_failed', { errorClass: errorClass(error) });
        this.refuse(undefined, 'write_failed');
      })
      .finally(() => {
        this.running = false;
        const later = this.offeredLater;
        this.offeredLater = undefined;
        if (later !== undefined) void this.offered(later);
      });
  }

  /** A session ended (or the sweep ran): a waiting bundle becomes active if none is open now. */
  tryActivate(): void {
    const { pending } = this;
    if (!pending || this.stopped || this.parts.sessionOpen()) return;
    this.pending = undefined;
    try {
      const target = folderOf(this.root, pending.version);
      rmSync(target, { recursive: true, force: true });
      renameSync(pending.staging, target);
      const previous = this.active ?? null;
      writeState(this.root, { version: pending.version, previous });
      this.parts.activate(pending.catalog, pending.version);
      this.active = pending.version;
      this.lastRefused = undefined;
      this.prune(pending.version, previous);
      this.parts.logger.info('catalogue.bundle_activated', { version: pending.version });
    } catch (error) {
      this.parts.logger.error('catalogue.bundle_failed', { errorClass: errorClass(error) });
      this.refuse(pending.version, 'write_failed');
      return;
    }
    this.parts.changed();
  }

  stop(): void {
    this.stopped = true;
  }

  /** `offered`: the version the hub named; a refusal is kept against it, so the same offer is not fetched again. */
  private async receive(offered: number): Promise<void> {
    let raw: unknown;
    try {
      raw = await this.parts.fetch();
    } catch (error) {
      this.parts.logger.warn('catalogue.bundle_fetch_failed', { errorClass: errorClass(error) });
      return this.refuse(undefined, 'fetch_failed');
    }
    if (this.stopped) return;
    const signed = SignedBundleSchema.safeParse(raw);
    if (!signed.success) return this.refuse(offered, 'malformed');
    const verdict = verifySignedBundle(signed.data, this.parts.pinnedKey());
    if (!verdict.ok) return this.refuse(offered, verdict.refusal);
    const { version } = verdict.manifest;
    // Signed by the hub, but not newer than what runs here: a replay of an older bundle.
    if (version <= Math.max(this.active ?? 0, this.pending?.version ?? 0)) return this.refuse(offered, 'replayed');
    ensurePrivateDir(this.root);
    const staging = join(this.root, `staging-${version}`);
    writeBundleFiles(staging, verdict.files);
    const { catalog, problems } = this.parts.check(staging);
    if (problems.length > 0) {
      rmSync(staging, { recursive: true, force: true });
      return this.refuse(version, 'broken_service');
    }
    // A newer bundle replaces one still waiting for the session's end.
    if (this.pending) rmSync(this.pending.staging, { recursive: true, force: true });
    this.pending = { version, catalog, staging };
    this.parts.logger.info('catalogue.bundle_staged', { version });
    this.tryActivate();
  }

  private refuse(version: number | undefined, code: BundleRefusal): void {
    this.lastRefused = { version, code };
    this.parts.logger.warn('catalogue.bundle_refused', { code, ...(version !== undefined ? { version } : {}) });
    this.parts.changed();
  }

  /** Keeps the active bundle and the last good one; older folders go. */
  private prune(active: number, previous: number | null): void {
    for (const name of readdirSync(this.root)) {
      const match = /^bundle-([0-9]+)$/.exec(name);
      if (!match) {
        // A staging folder left by a crash, or by a bundle a newer one replaced.
        const path = join(this.root, name);
        if (name.startsWith('staging-') && path !== this.pending?.staging)
          rmSync(path, { recursive: true, force: true });
        continue;
      }
      const version = Number(match[1]);
      if (version !== active && version !== previous) rmSync(join(this.root, name), { recursive: true, force: true });
    }
  }
}

/** Written whole to a 0600 temporary file and renamed over: a crash leaves the old state or the new. */
function writeState(root: string, state: State): void {
  const file = join(root, STATE_FILE);
  writePrivateFileAtomically(file, JSON.stringify(state));
}
