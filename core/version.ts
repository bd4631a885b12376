import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The app version from package.json next to resources/ (the project root), or "0.0.0" if it cannot be read. */
export function readPackageVersion(resourcesDir: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(resourcesDir, '..', 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
