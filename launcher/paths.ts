import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Paths of a checkout, from the location of the built launcher (dist/node/start.mjs → ../..). */
export interface ProjectPaths {
  root: string;
  resourcesDir: string;
  rendererDir: string;
  /** The built staff console, served by the help-desk hub. */
  consoleDir: string;
  electronMain: string;
  defaultDataDir: string;
}

export function projectPaths(root: string): ProjectPaths {
  return {
    root,
    resourcesDir: path.join(root, 'resources'),
    rendererDir: path.join(root, 'dist', 'renderer'),
    consoleDir: path.join(root, 'dist', 'console'),
    electronMain: path.join(root, 'dist', 'electron', 'main.cjs'),
    defaultDataDir: path.join(root, '.kiosk-data'),
  };
}

export function rootFromModule(moduleUrl: string): string {
  return path.resolve(path.dirname(fileURLToPath(moduleUrl)), '..', '..');
}
