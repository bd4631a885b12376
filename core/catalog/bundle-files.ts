import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  BUNDLE_MAX_TOTAL_BYTES,
  BundleManifestSchema,
  type BundleFile,
  type BundleManifest,
  type BundleProblem,
  type BundleRefusal,
  type SignedBundle,
} from '../../contract/hub/bundles';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../fs/private-files';
import type { Logger } from '../types';
import { loadCatalog, type LoadedCatalog } from './load-catalog';
import { NOTHING_PRECOMPILED, type PrecompiledCatalog } from './precompiled';

/**
 * Catalogue bundles (issue 20), the parts hub and kiosk share: the manifest of a set of files, the kiosk's full
 * verification of a signed bundle before anything is written, writing the files privately, and the catalogue
 * check on the unpacked copy (the same loadCatalog as `--services-dir`).
 */

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The manifest's file list: sorted by path, so the same files make the same manifest. */
export function manifestFiles(files: ReadonlyMap<string, Buffer>): BundleFile[] {
  return [...files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, bytes]) => ({ path, sha256: sha256Hex(bytes), bytes: bytes.length }));
}

export type VerifiedBundle = { ok: true; manifest: BundleManifest; files: Map<string, Buffer> };
export type BundleVerdict = VerifiedBundle | { ok: false; refusal: BundleRefusal };

/**
 * Signature (with the pinned key) over the manifest's exact text, then the manifest's form, then every file:
 * exactly the manifest's paths, each with its size and SHA-256. Nothing is written here.
 */
export function verifySignedBundle(signed: SignedBundle, pinnedKey: string | undefined): BundleVerdict {
  if (!pinnedKey) return { ok: false, refusal: 'no_pinned_key' };
  let signatureOk = false;
  try {
    const key = createPublicKey({ key: Buffer.from(pinnedKey, 'base64'), format: 'der', type: 'spki' });
    signatureOk = verify(null, Buffer.from(signed.manifest, 'utf8'), key, Buffer.from(signed.signature, 'base64'));
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) return { ok: false, refusal: 'bad_signature' };
  let manifest: BundleManifest;
  try {
    const parsed = BundleManifestSchema.safeParse(JSON.parse(signed.manifest));
    if (!parsed.success) return { ok: false, refusal: 'malformed' };
    manifest = parsed.data;
  } catch {
    return { ok: false, refusal: 'malformed' };
  }
  const paths = new Set(manifest.files.map((file) => file.path));
  if (paths.size !== manifest.files.length) return { ok: false, refusal: 'malformed' };
  if (Object.keys(signed.contents).length !== paths.size) return { ok: false, refusal: 'file_mismatch' };
  const files = new Map<string, Buffer>();
  let total = 0;
  for (const file of manifest.files) {
    const content = Object.hasOwn(signed.contents, file.path) ? signed.contents[file.path] : undefined;
    if (content === undefined) return { ok: false, refusal: 'file_mismatch' };
    const bytes = Buffer.from(content, 'base64');
    total += bytes.length;
    if (bytes.length !== file.bytes || sha256Hex(bytes) !== file.sha256 || total > BUNDLE_MAX_TOTAL_BYTES)
      return { ok: false, refusal: 'file_mismatch' };
    files.set(file.path, bytes);
  }
  if (!noPathInsideAnother(paths)) return { ok: false, refusal: 'malformed' };
  return { ok: true, manifest, files };
}

/** "a/b" and "a/b/c" cannot both be files. */
export function noPathInsideAnother(paths: ReadonlySet<string>): boolean {
  for (const path of paths) {
    let parent = dirname(path);
    while (parent !== '.' && parent !== '/') {
      if (paths.has(parent)) return false;
      parent = dirname(parent);
    }
  }
  return true;
}

/** Writes the files under `dir` (emptied first): folders 0700, files 0600. Paths are BundlePath-checked. */
export function writeBundleFiles(dir: string, files: ReadonlyMap<string, Buffer>): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const [path, bytes] of files) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
    writeFileSync(target, bytes, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  }
}

/** The service folders a bundle holds: the first segment of its paths. */
export function bundleServices(paths: Iterable<string>): string[] {
  return [...new Set([...paths].map((path) => path.split('/')[0]!))].sort();
}

export interface BundleCheck {
  catalog: LoadedCatalog;
  /** The bundle's own problems, named relative to the bundle (`<service>/service.json`). */
  problems: BundleProblem[];
}

/**
 * The catalogue check of the unpacked copy in `dir`, with the shipped services (resourcesDir) as the kiosk loads
 * them: a problem in one of the bundle's services refuses the bundle (a shipped service's problem is not its).
 */
export function checkBundleServices(
  resourcesDir: string,
  dir: string,
  today: () => string,
  logger: Logger,
  precompiled: PrecompiledCatalog = NOTHING_PRECOMPILED,
): BundleCheck {
  const catalog = loadCatalog(resourcesDir, today, logger, precompiled, dir);
  const prefix = `${dir}/`;
  const problems = catalog.problems
    .filter((problem) => problem.file === dir || problem.file.startsWith(prefix))
    .map((problem) => ({
      file: problem.file === dir ? '' : problem.file.slice(prefix.length),
      path: problem.path,
      message: problem.message,
    }));
  return { catalog, problems };
}
