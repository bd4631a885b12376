import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Finds the Electron executable the way the `electron` package would, but
 * without loading that package: its index.js starts a download when the
 * binary is missing, which must never happen on a kiosk or in CI.
 */
export function findElectronBinary(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const packageDir = path.join(projectRoot, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  let relative: string | undefined;
  try {
    relative = readFileSync(pathFile, 'utf8').trim() || undefined;
  } catch {
    relative = undefined;
  }
  const candidate = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron')
    : relative
      ? path.join(packageDir, 'dist', relative)
      : undefined;
  if (!candidate || !existsSync(candidate)) return null;
  try {
    return statSync(candidate).isFile() ? candidate : null;
  } catch {
    return null;
  }
}
