import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths';

/**
 * A copy of the built kiosk that reads its services from `servicesDir`: the launcher finds resources/
 * next to dist/ (launcher/paths.ts), so dist/node is copied and everything else linked. This stands in
 * for `--services-dir` (issue 15, helper "format") until that is merged; then `startKiosk` passes the
 * flag instead and this file goes.
 */
export interface ServicesRoot {
  startScript: string;
  dispose(): void;
}

export function servicesRoot(servicesDir: string): ServicesRoot {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-services-root-'));
  mkdirSync(join(root, 'dist'));
  // Copied, not linked: Node resolves a linked entry script to its real place, and so the real resources/.
  cpSync(join(ROOT, 'dist', 'node'), join(root, 'dist', 'node'), { recursive: true });
  for (const part of readdirSync(join(ROOT, 'dist')).filter((name) => name !== 'node')) {
    symlinkSync(join(ROOT, 'dist', part), join(root, 'dist', part));
  }
  mkdirSync(join(root, 'resources'));
  for (const part of readdirSync(join(ROOT, 'resources')).filter((name) => name !== 'services')) {
    symlinkSync(join(ROOT, 'resources', part), join(root, 'resources', part));
  }
  symlinkSync(servicesDir, join(root, 'resources', 'services'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  symlinkSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  return {
    startScript: join(root, 'dist', 'node', 'start.mjs'),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
