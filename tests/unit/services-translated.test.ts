import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES, type LanguageCode } from '../../contract';
import { missingTexts, type MissingTexts } from '../../core/catalog/service-texts';

/**
 * What each service lacks in each language, as the catalog decides it (core/catalog/service-texts.ts):
 * printed for every folder, so `npm test` lists it; it fails only for the shipped services, which must
 * be complete. A town's folder (the fixture here, and KIOSK_SERVICES_DIR when set) may be incomplete:
 * there the service shows in German.
 */

const SHIPPED = join(import.meta.dirname, '../../resources/services');
const TOWN = [join(import.meta.dirname, '../fixtures/services-dir'), process.env.KIOSK_SERVICES_DIR].filter(
  (dir): dir is string => Boolean(dir) && existsSync(dir!),
);

function missingIn(servicesDir: string): { id: string; missing: MissingTexts[] }[] {
  return readdirSync(servicesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map(({ name: id }) => {
      const locales: Partial<Record<LanguageCode, unknown>> = {};
      for (const code of LANGUAGE_CODES) {
        const file = join(servicesDir, id, 'locales', `${code}.json`);
        if (existsSync(file)) locales[code] = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      }
      return { id, missing: missingTexts(locales) };
    });
}

function report(servicesDir: string, services: { id: string; missing: MissingTexts[] }[]): string {
  const lines = services.flatMap(({ id, missing }) =>
    missing.map(({ language, keys }) => `  ${id} [${language}]: ${keys.length} missing: ${keys.join(', ')}`),
  );
  return `${servicesDir}: ${lines.length === 0 ? 'every service is complete in every language' : `\n${lines.join('\n')}`}`;
}

describe('services’ translations', () => {
  it('the shipped services are complete in every language', () => {
    const services = missingIn(SHIPPED);
    console.log(report('resources/services', services));
    expect(services.length).toBeGreaterThan(0);
    expect(services.filter((service) => service.missing.length > 0)).toEqual([]);
  });

  it.each(TOWN)('a town folder may lack languages; what it lacks is listed (%s)', (dir) => {
    const services = missingIn(dir);
    console.log(report(dir, services));
    // The fixture's bench service has no Turkish file: every German text is listed as missing there.
    const bench = services.find((service) => service.id === 'bank-patenschaft');
    if (bench) expect(bench.missing.map((entry) => entry.language)).toEqual(['tr']);
  });
});
