import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Walks up from this file to the project root (the package.json named "buergerkiosk"). */
function findRoot(start: string): string {
  let dir = start;
  for (let i = 0; i < 10; i++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'buergerkiosk') return dir;
    dir = dirname(dir);
  }
  throw new Error('project root not found');
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const START_SCRIPT = join(ROOT, 'dist', 'node', 'start.mjs');
export const SERVICES_DIR = join(ROOT, 'resources', 'services');
export const RENDERER_LOCALES_DIR = join(ROOT, 'renderer', 'locales');
export const ARTIFACTS_DIR = join(ROOT, 'tests', 'artifacts');
