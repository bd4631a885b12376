import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeLocaleProbe } from '../../build/skip-locale-probe';

// The installed react-aria's own file, so that an update that moves or changes the probe fails here.
const require = createRequire(import.meta.url);
const reactAriaDist = dirname(require.resolve('react-aria'));
const moduleFile = join(reactAriaDist, '../private/i18n/useDefaultLocale.mjs');

describe('build: react-aria locale probe removed from the renderer bundle', () => {
  it('removes the Intl.DateTimeFormat.supportedLocalesOf call and nothing else', () => {
    const original = readFileSync(moduleFile, 'utf8');
    expect(original).toContain('supportedLocalesOf');
    const patched = removeLocaleProbe(original);
    expect(patched).not.toContain('supportedLocalesOf');
    expect(original.length - patched.length).toBeLessThan(80);
    // The default locale is still read from the browser and its direction still worked out.
    expect(patched).toContain('navigator.language');
    expect(patched).toMatch(/direction:/);
  });

  it('refuses a module without the probe, so that a react-aria update is noticed', () => {
    expect(() => removeLocaleProbe('export const nothing = 1;')).toThrow(/react-aria changed useDefaultLocale/);
  });

  it('leaves the built renderer without the probe', () => {
    const built = join(process.cwd(), 'dist/renderer/index.html');
    const html = readFileSync(built, 'utf8');
    const script = /src="\.\/(assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const code = readFileSync(join(process.cwd(), 'dist/renderer', script!), 'utf8');
    expect(code).not.toMatch(/DateTimeFormat\.supportedLocalesOf/);
  });
});
