import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BundleUpload } from '../../contract/hub';

/** The town's services fixture (bank-patenschaft works, kaputt is broken): what a clerk would pick. */
export const TOWN_FIXTURE = join(import.meta.dirname, '../fixtures/services-dir');

/** The files of the given service folders, as the console's folder picker sends them. */
export function uploadOf(base: string, folders: string[]): BundleUpload {
  const files: BundleUpload['files'] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push({ path: relative(base, path), content: readFileSync(path).toString('base64') });
    }
  };
  for (const folder of folders) walk(join(base, folder));
  return { files };
}

/** Every file and folder under `dir` with its mode (for "private" and "nothing changed" checks). */
export function tree(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      const stat = statSync(path);
      found[relative(dir, path)] = `${(stat.mode & 0o777).toString(8)}:${stat.isDirectory() ? 'dir' : stat.size}`;
      if (stat.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return found;
}
