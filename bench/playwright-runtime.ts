import type { BrowserType } from '@playwright/test';

/**
 * Playwright loads its own files relative to its package, so it must stay in
 * node_modules rather than in the bundle. The specifier is built at run time
 * so esbuild leaves this import alone and Node resolves it from dist/node/.
 */
export async function loadChromium(): Promise<BrowserType> {
  const specifier = ['@playwright', 'test'].join('/');
  const playwright = (await import(specifier)) as { chromium: BrowserType };
  return playwright.chromium;
}
