import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The checkout root, found by walking up from this module until resources/services appears:
 * works from receiver/ (tests) and from a bundle in dist/node/ alike.
 */
export function findProjectRoot(moduleUrl: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (existsSync(path.join(dir, 'resources', 'services')) && existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('project root with resources/services not found');
    dir = parent;
  }
}

export function defaultServicesDir(): string {
  return path.join(findProjectRoot(), 'resources', 'services');
}
