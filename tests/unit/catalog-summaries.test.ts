import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGE_CODES, SUMMARY_TEXT_KEYS, type ServiceSummary } from '../../contract';
import { lookupTextKey } from '../../core/catalog/json-pointer';
import { openTestCore, PROJECT_RESOURCES, removeDir, type TestCore } from '../fixtures/core-harness';
import { writeGeneratedServices } from '../fixtures/generated-services';

/**
 * Issue 15's benchmark: with 200 services the start screen waited for 2.6 MB of definitions and texts.
 * `catalog.get` now carries each service's summary and its texts only; `catalog.service` brings one
 * service whole when it is opened. These hold for the shipped services and generated ones alike.
 */

const GENERATED = 12;
/** Keys only a definition has: none may be on the boot path. */
const DEFINITION_ONLY = ['journey', 'steps', 'fields', 'fees', 'documentsToBring', 'startPage', 'nextStepsKeys'];

let kiosk: TestCore | undefined;
let town: string | undefined;
afterEach(() => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  if (town) removeDir(town);
  kiosk = undefined;
  town = undefined;
});

function openWithGenerated(): { kiosk: TestCore; generated: string[] } {
  town = mkdtempSync(join(tmpdir(), 'kiosk-summaries-'));
  const generated = writeGeneratedServices(join(town, 'services'), join(PROJECT_RESOURCES, 'services'), GENERATED);
  kiosk = openTestCore({ resourcesDir: PROJECT_RESOURCES, servicesDir: join(town, 'services') });
  expect(kiosk.core.catalogProblems).toEqual([]);
  return { kiosk, generated };
}

/** Every key anywhere in a JSON value. */
function allKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) allKeys(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      allKeys(inner, into);
    }
  }
  return into;
}

/** The texts a summary may carry: its title, summary and search words, each also in its spoken form. */
function summaryTextKeys(summary: ServiceSummary): string[] {
  return SUMMARY_TEXT_KEYS.flatMap((field) => {
    const key = summary[field];
    return key ? [key, `${key}_spoken`] : [];
  });
}

/** The dotted keys of every text in a nested locale object. */
function textPaths(locale: unknown, prefix = ''): string[] {
  if (typeof locale !== 'object' || locale === null) return [prefix];
  return Object.entries(locale).flatMap(([key, inner]) => textPaths(inner, prefix ? `${prefix}.${key}` : key));
}

describe('catalog.get: summaries only', () => {
  it('carries no definition and, of each service, only its summary texts, in German', async () => {
    const { kiosk, generated } = openWithGenerated();
    const catalog = await kiosk.value('catalog.get', {});
    expect(catalog.services.map((service) => service.id)).toEqual(expect.arrayContaining(generated));
    const keys = allKeys(catalog.services);
    for (const key of DEFINITION_ONLY) expect(keys.has(key), key).toBe(false);
    expect(Object.keys(catalog.translations)).toEqual(['de']);
    for (const service of catalog.services) {
      const texts = catalog.translations.de![`svc-${service.id}`];
      const allowed = summaryTextKeys(service);
      expect(
        textPaths(texts).every((path) => allowed.includes(path)),
        service.id,
      ).toBe(true);
      // What a tile shows and the finder indexes is there.
      expect(lookupTextKey(texts, service.titleKey), service.id).toEqual(expect.stringMatching(/\S/));
      expect(lookupTextKey(texts, service.summaryKey), service.id).toEqual(expect.stringMatching(/\S/));
      if (service.keywordsKey) expect(lookupTextKey(texts, service.keywordsKey)).toEqual(expect.stringMatching(/\S/));
    }
  });

  it('gives the finder every language’s search words through catalog.translations, and nothing more', async () => {
    const { kiosk } = openWithGenerated();
    const catalog = await kiosk.value('catalog.get', {});
    for (const language of LANGUAGE_CODES) {
      const { translations } = await kiosk.value('catalog.translations', { language });
      expect(translations.offices, language).toBeDefined();
      for (const service of catalog.services) {
        const texts = translations[`svc-${service.id}`];
        expect(
          textPaths(texts).every((path) => summaryTextKeys(service).includes(path)),
          service.id,
        ).toBe(true);
        if (service.keywordsKey) expect(lookupTextKey(texts, service.keywordsKey), language).toMatch(/\S/);
      }
    }
  });

  it('catalog.service brings one service whole in the language asked for, and refuses an unknown one', async () => {
    const { kiosk, generated } = openWithGenerated();
    const id = generated[3]!;
    const english = await kiosk.value('catalog.service', { serviceId: id, language: 'en' });
    const file = (name: string) => JSON.parse(readFileSync(join(town!, 'services', id, name), 'utf8')) as unknown;
    expect(english.definition).toMatchObject(file('service.json') as object);
    expect(english).toMatchObject({ language: 'en', texts: file('locales/en.json') });
    // Started after it was opened, it runs like any other.
    const view = await kiosk.value('session.start', { serviceId: id, language: 'en' });
    expect(view.position).toMatchObject({ kind: 'step', stepNumber: 1 });
    expect(await kiosk.call('catalog.service', { serviceId: 'nicht-da', language: 'de' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_service' },
    });
    expect(await kiosk.call('catalog.service', { serviceId: id, language: 'xx' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
