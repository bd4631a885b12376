import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test, type Page } from '@playwright/test';
import { ARTIFACTS_DIR } from './paths';

const counters = new WeakMap<object, number>();

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .toLowerCase()
    .slice(0, 60);
}

/**
 * Full-page (or viewport; in CI, viewport) screenshot kept as an artifact:
 * tests/artifacts/screens/<spec>/<test>/<nn>-<name>.png (one folder per test so parallel tests never collide).
 */
export async function snap(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const info = test.info();
  const spec = basename(info.file).replace(/\.spec\.ts$/, '');
  const project = info.project.name ? `${slug(info.project.name)}-` : '';
  const dir = join(ARTIFACTS_DIR, 'screens', spec, `${project}${slug(info.title)}`);
  const next = (counters.get(info) ?? 0) + 1;
  counters.set(info, next);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${String(next).padStart(2, '0')}-${slug(name)}.png`);
  // The viewport alone for what is fixed to the screen (the on-screen keyboard), else the whole page. CI takes the
  // viewport only: a full-page capture lays the page out twice more (about five times the cost of the capture, for
  // some 300 screens a run), and CI's screenshots are not looked at; a local run keeps whole pages to look at.
  const fullPage = options.fullPage ?? !process.env.CI;
  await page.screenshot({ path, fullPage, animations: 'disabled' });
  return path;
}
