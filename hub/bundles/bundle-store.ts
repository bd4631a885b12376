import { readdirSync, readFileSync } from 'node:fs';
import { writePrivateFileAtomically } from '../../core/fs/private-files';
import { join } from 'node:path';
import { z } from 'zod';
import { BundleManifestSchema, SignedBundleSchema } from '../../contract/hub/bundles';
import { ensurePrivateDir } from '../../core/fs/private-files';

/** One stored bundle: the signed bundle as terminals fetch it, and who published it. */
export const StoredBundleSchema = z.object({
  signed: SignedBundleSchema,
  /** The admin who uploaded or rolled back (staff id), for the console; the audit log has it too. */
  publishedBy: z.string().max(100),
});
export type StoredBundle = z.infer<typeof StoredBundleSchema>;

const FILE = /^bundle-([0-9]{1,15})\.json$/;

/**
 * The hub's bundles, one file each in <dataDir>/bundles/ (0700; files 0600, written whole and renamed): the
 * active bundle is the newest version. Files rather than a table: the hub's next migration numbers belong to
 * another change in flight, and a bundle is a few hundred kB of text read whole.
 */
export class BundleStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'bundles');
    ensurePrivateDir(this.dir);
  }

  /** Versions stored, newest first. */
  versions(): number[] {
    return readdirSync(this.dir)
      .map((name) => FILE.exec(name)?.[1])
      .filter((version): version is string => version !== undefined)
      .map(Number)
      .sort((a, b) => b - a);
  }

  latestVersion(): number | undefined {
    return this.versions()[0];
  }

  get(version: number): StoredBundle | undefined {
    let text: string;
    try {
      text = readFileSync(join(this.dir, `bundle-${version}.json`), 'utf8');
    } catch {
      return undefined;
    }
    const parsed = StoredBundleSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  }

  /** Stores a new version; refuses one that is not newer than every stored version. */
  add(bundle: StoredBundle): void {
    const { version } = BundleManifestSchema.parse(JSON.parse(bundle.signed.manifest));
    const latest = this.latestVersion();
    if (latest !== undefined && version <= latest) throw new Error('bundle version not newer than the stored ones');
    const file = join(this.dir, `bundle-${version}.json`);
    writePrivateFileAtomically(file, JSON.stringify(bundle));
  }
}
