import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../core/catalog/load-catalog';
import { createMemoryLogger } from '../../core/logging';
import { parseFlags } from '../../launcher/args';
import { FIXTURE_RESOURCES, openTestCore, removeDir, tempDir } from '../fixtures/core-harness';

/**
 * The town's own services (`--services-dir`, issue 15): read after the shipped ones, each folder checked
 * on its own, so a broken one is refused with its file and JSON path and the others keep working; a
 * service that lacks a language shows there in German instead of being hidden.
 */

const TOWN_FIXTURE = join(import.meta.dirname, '../fixtures/services-dir');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

/** A copy of the town fixture (bank-patenschaft, kaputt), changed by `edit`. */
function townDir(edit: (dir: string) => void = () => {}): string {
  const dir = tempDir('kiosk-town-services-');
  dirs.push(dir);
  cpSync(TOWN_FIXTURE, dir, { recursive: true });
  edit(dir);
  return dir;
}

function load(town: string | undefined) {
  const logger = createMemoryLogger();
  const catalog = loadCatalog(FIXTURE_RESOURCES, () => '2025-06-15', logger, undefined, town);
  return { catalog, logger, ids: catalog.services.map((service) => service.definition.id).sort() };
}

const onlyGood = (dir: string) => rmSync(join(dir, 'kaputt'), { recursive: true });

describe('--services-dir: the town’s own services', () => {
  it('a folder there appears next to the shipped services, with no code change', () => {
    const { catalog, ids } = load(townDir(onlyGood));
    expect(catalog.problems).toEqual([]);
    expect(ids).toEqual(['bank-patenschaft', 'test-feedback', 'test-move']);
    expect(catalog.byId.get('bank-patenschaft')?.schemaUri).toBe('urn:test:buergerkiosk:bank-patenschaft:1');
  });

  it('a broken one is refused with its file and JSON path, logged once, and the others keep working', () => {
    const town = townDir();
    const { catalog, ids, logger } = load(town);
    const file = `${town}/kaputt/service.json`;
    expect(catalog.problems).toEqual([{ file, path: '/journey/steps/0/fields/0/type', message: expect.any(String) }]);
    expect(ids).toEqual(['bank-patenschaft', 'test-feedback', 'test-move']);
    const logged = logger.lines.filter((line) => line.file === file);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ event: 'catalog.problem', path: '/journey/steps/0/fields/0/type' });
    expect(logger.lines.filter((line) => line.event === 'catalog.service_refused')).toEqual([
      expect.objectContaining({ serviceId: 'kaputt', problems: 1 }),
    ]);
  });

  it('the kiosk opens with it and serves the good ones, while the broken one cannot be started', async () => {
    const town = townDir();
    const kiosk = openTestCore({ servicesDir: town });
    try {
      expect(kiosk.core.catalogProblems.map((problem) => problem.file)).toEqual([`${town}/kaputt/service.json`]);
      const catalog = await kiosk.value('catalog.get', {});
      expect(catalog.services.map((service) => service.id).sort()).toEqual([
        'bank-patenschaft',
        'test-feedback',
        'test-move',
      ]);
      expect(catalog.untranslated).toEqual({ 'bank-patenschaft': ['tr'] });
      expect(await kiosk.call('session.start', { serviceId: 'kaputt', language: 'de' })).toMatchObject({
        ok: false,
        error: { code: 'unknown_service' },
      });
      expect((await kiosk.call('session.start', { serviceId: 'bank-patenschaft', language: 'tr' })).ok).toBe(true);
    } finally {
      kiosk.close();
      removeDir(kiosk.dataDir);
    }
  });

  it('a town folder never replaces a shipped service: the same id is refused at /id', () => {
    const town = townDir((dir) => {
      onlyGood(dir);
      cpSync(join(FIXTURE_RESOURCES, 'services/test-feedback'), join(dir, 'test-feedback'), { recursive: true });
    });
    const { catalog, ids } = load(town);
    expect(catalog.problems).toEqual([
      { file: `${town}/test-feedback/service.json`, path: '/id', message: expect.stringContaining('shipped') },
    ]);
    expect(ids).toEqual(['bank-patenschaft', 'test-feedback', 'test-move']);
  });

  it('a folder that does not exist is one problem; the shipped services keep working', () => {
    const missing = join(tempDir('kiosk-town-'), 'nowhere');
    dirs.push(resolve(missing, '..'));
    const { catalog, ids } = load(missing);
    expect(catalog.problems).toEqual([{ file: missing, path: '', message: expect.stringContaining('cannot be read') }]);
    expect(ids).toEqual(['test-feedback', 'test-move']);
  });

  // Before, an error other than a refusal (a folder where a file should be, an unreadable file) left
  // the catalog loader and stopped the whole kiosk from opening.
  it.each([
    ['service.json is a folder', 'service.json'],
    ['schema.json is a folder', 'schema.json'],
    ['a locale file is a folder', 'locales/en.json'],
  ])('%s: that service alone is refused', (_name, file) => {
    const town = townDir((dir) => {
      onlyGood(dir);
      rmSync(join(dir, 'bank-patenschaft', file));
      mkdirSync(join(dir, 'bank-patenschaft', file));
    });
    const { catalog, ids } = load(town);
    expect(catalog.problems).toEqual([
      { file: `${town}/bank-patenschaft`, path: '', message: expect.stringContaining('cannot be read') },
    ]);
    expect(ids).toEqual(['test-feedback', 'test-move']);
    const kiosk = openTestCore({ servicesDir: town });
    try {
      expect(kiosk.core.catalogProblems).toHaveLength(1);
    } finally {
      kiosk.close();
      removeDir(kiosk.dataDir);
    }
  });

  it('an unreadable locale that exists (invalid JSON) refuses the service with its file', () => {
    const town = townDir((dir) => {
      onlyGood(dir);
      writeFileSync(join(dir, 'bank-patenschaft/locales/en.json'), '{"title": ');
    });
    const { catalog, ids } = load(town);
    expect(catalog.problems).toEqual([
      {
        file: `${town}/bank-patenschaft/locales/en.json`,
        path: '',
        message: expect.stringContaining('not valid JSON'),
      },
    ]);
    expect(ids).not.toContain('bank-patenschaft');
  });
});

describe('a service missing a language', () => {
  it('shows in German in that language, in its own texts in every complete one, and says so once in the log', () => {
    const town = townDir(onlyGood);
    const { catalog, logger } = load(town);
    const german = JSON.parse(readFileSync(join(town, 'bank-patenschaft/locales/de.json'), 'utf8')) as unknown;
    const english = JSON.parse(readFileSync(join(town, 'bank-patenschaft/locales/en.json'), 'utf8')) as unknown;
    expect(catalog.untranslated).toEqual({ 'bank-patenschaft': ['tr'] });
    expect(catalog.translations.tr!['svc-bank-patenschaft']).toEqual(german);
    expect(catalog.translations.en!['svc-bank-patenschaft']).toEqual(english);
    expect(logger.lines.filter((line) => line.event === 'catalog.service_untranslated')).toEqual([
      expect.objectContaining({ level: 'warn', serviceId: 'bank-patenschaft', detail: 'shown in German in: tr' }),
    ]);
  });

  it('one missing text makes the whole service German in that language, never a mix', () => {
    const town = townDir((dir) => {
      onlyGood(dir);
      const file = join(dir, 'bank-patenschaft/locales/pl.json');
      const polish = JSON.parse(readFileSync(file, 'utf8')) as { steps: { name: { title?: string } } };
      delete polish.steps.name.title;
      writeFileSync(file, JSON.stringify(polish));
    });
    const { catalog } = load(town);
    expect(catalog.problems).toEqual([]);
    expect(catalog.untranslated['bank-patenschaft']?.sort()).toEqual(['pl', 'tr']);
    expect(catalog.translations.pl!['svc-bank-patenschaft']).toMatchObject({ title: 'Parkbank-Patenschaft anfragen' });
  });

  it('without German, the reference, it is refused', () => {
    const town = townDir((dir) => {
      onlyGood(dir);
      rmSync(join(dir, 'bank-patenschaft/locales/de.json'));
    });
    const { catalog, ids } = load(town);
    expect(catalog.problems).toEqual([
      { file: `${town}/bank-patenschaft/locales/de.json`, path: '', message: 'file is missing' },
    ]);
    expect(ids).not.toContain('bank-patenschaft');
  });
});

describe('the flag', () => {
  it('--services-dir and KIOSK_SERVICES_DIR give an absolute folder; the flag wins', () => {
    expect(parseFlags(['--services-dir', 'town/services'], {}).servicesDir).toBe(resolve('town/services'));
    expect(parseFlags([], { KIOSK_SERVICES_DIR: '/srv/services' }).servicesDir).toBe('/srv/services');
    expect(parseFlags(['--services-dir=/a'], { KIOSK_SERVICES_DIR: '/b' }).servicesDir).toBe('/a');
    expect(parseFlags([], {}).servicesDir).toBeUndefined();
  });
});
