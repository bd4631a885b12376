/* eslint-disable @typescript-eslint/no-explicit-any -- the cases edit arbitrary fixture JSON */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGE_CODES, weeklyHours, weeklyHoursLines } from '../../contract';
import { loadCatalog } from '../../core/catalog/load-catalog';
import { createMemoryLogger } from '../../core/logging';
import { loadOffices } from '../../core/offices/load-offices';
import { FIXTURE_RESOURCES, PROJECT_RESOURCES, removeDir, tempDir } from '../fixtures/core-harness';

/**
 * Issue 15: the town's offices in one file (resources/offices/offices.json), their texts in 8 languages, services
 * naming theirs by officeId. A broken file, a missing text or an unknown office id is refused at start-up with the
 * file and JSON path; the hours are written from the data with Intl, in no language's own words.
 */

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

/** A copy of the fixture resources with one file (relative to resources/) changed by `edit`. */
function resourcesWith(file: string, edit: (json: any) => unknown): string {
  const dir = tempDir('kiosk-offices-');
  dirs.push(dir);
  cpSync(FIXTURE_RESOURCES, dir, { recursive: true });
  const path = join(dir, file);
  const edited = edit(JSON.parse(readFileSync(path, 'utf8')));
  writeFileSync(path, typeof edited === 'string' ? edited : JSON.stringify(edited));
  return dir;
}

const catalogOf = (resourcesDir: string) => loadCatalog(resourcesDir, () => '2025-06-15', createMemoryLogger());

describe('the offices file', () => {
  it('ships every office the catalogue needs, marked once as sample data, with texts in every language', () => {
    const offices = loadOffices(PROJECT_RESOURCES);
    expect(offices.problems).toEqual([]);
    expect(offices.file.sampleData).toBe(true);
    expect([...offices.byId.keys()].sort()).toEqual(
      [
        'abfallwirtschaft',
        'buergerbuero',
        'fundbuero',
        'gewerbeamt',
        'info',
        'ordnungsamt',
        'polizei',
        'stadtbibliothek',
        'steueramt',
        'strassenverkehr',
        'wahlamt',
      ].sort(),
    );
    for (const code of LANGUAGE_CODES) {
      expect(offices.translations[code]?.sampleNote, code).toEqual(expect.any(String));
    }
  });

  it('every shipped service names an office of the file, and carries no office texts of its own', () => {
    const catalog = catalogOf(PROJECT_RESOURCES);
    expect(catalog.problems).toEqual([]);
    for (const service of catalog.services) {
      expect(catalog.offices.byId.has(service.definition.officeId), service.definition.id).toBe(true);
    }
    const servicesDir = join(PROJECT_RESOURCES, 'services');
    const folders = readdirSync(servicesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    for (const { name: id } of folders) {
      for (const code of LANGUAGE_CODES) {
        const locale = JSON.parse(readFileSync(join(servicesDir, id, 'locales', `${code}.json`), 'utf8'));
        expect(locale.office, `${id}/${code}`).toBeUndefined();
      }
    }
  });

  it('refuses a service naming an unknown office, with file and JSON path; the others keep working', () => {
    const dir = resourcesWith('services/test-move/service.json', (json) => ({ ...json, officeId: 'rathausturm' }));
    const catalog = catalogOf(dir);
    expect(catalog.problems).toEqual([
      {
        file: 'services/test-move/service.json',
        path: '/officeId',
        message: 'office "rathausturm" is not in offices/offices.json',
      },
    ]);
    expect(catalog.services.map((service) => service.definition.id)).toEqual(['test-feedback']);
  });

  it("refuses an outcome step's unknown office with its JSON path", () => {
    const dir = resourcesWith('services/test-feedback/service.json', (json) => {
      json.journey.steps[0].officeId = 'nirgendwo';
      return json;
    });
    expect(catalogOf(dir).problems).toEqual([
      {
        file: 'services/test-feedback/service.json',
        path: '/journey/steps/0/officeId',
        message: 'office "nirgendwo" is not in offices/offices.json',
      },
    ]);
  });

  it('refuses a broken offices file with its JSON path, and then every service that names an office', () => {
    const dir = resourcesWith('offices/offices.json', (json) => {
      json.offices[1].openingHours[0].from = '25:00';
      return json;
    });
    const catalog = catalogOf(dir);
    expect(catalog.problems[0]).toMatchObject({ file: 'offices/offices.json', path: '/offices/1/openingHours/0/from' });
    expect(catalog.services).toEqual([]);
    expect(catalog.problems.map((problem) => problem.path)).toContain('/officeId');
  });

  it('refuses a repeated office id, an unknown time zone and an interval that ends before it starts', () => {
    const twice = loadOffices(
      resourcesWith('offices/offices.json', (json) => ({ ...json, offices: [...json.offices, json.offices[0]] })),
    );
    expect(twice.problems).toEqual([
      { file: 'offices/offices.json', path: '/offices/3/id', message: 'office "buergerbuero" is listed twice' },
    ]);
    const zone = loadOffices(
      resourcesWith('offices/offices.json', (json) => {
        json.offices[0].timeZone = 'Mars/Olympus';
        json.offices[2].openingHours[0] = { days: [1], from: '12:00', to: '08:00' };
        return json;
      }),
    );
    expect(zone.problems.map((problem) => problem.path)).toEqual([
      '/offices/0/timeZone',
      '/offices/2/openingHours/0/to',
    ]);
  });

  it("leaves out an office whose text is missing in one language, naming the locale file and the text's path", () => {
    const dir = resourcesWith('offices/locales/uk.json', (json) => {
      delete json.ordnungsamt.access;
      return json;
    });
    const catalog = catalogOf(dir);
    expect(catalog.problems).toContainEqual({
      file: 'offices/locales/uk.json',
      path: '/ordnungsamt/access',
      message: 'text "ordnungsamt.access" is missing',
    });
    expect(catalog.offices.byId.has('ordnungsamt')).toBe(false);
    expect(catalog.problems).toContainEqual(expect.objectContaining({ file: 'services/test-feedback/service.json' }));
    expect(catalog.services.map((service) => service.definition.id)).toEqual(['test-move']);
  });

  it('gives the offices texts to the renderer and the receipts as the namespace "offices"', () => {
    const catalog = catalogOf(FIXTURE_RESOURCES);
    expect((catalog.translations.ar?.offices as any)?.info?.name).toMatch(/Infotheke/);
  });
});

describe('opening hours written from the data', () => {
  const desk = loadOffices(PROJECT_RESOURCES).byId.get('info')!;
  const library = loadOffices(PROJECT_RESOURCES).byId.get('stadtbibliothek')!;

  it('groups the days that share hours, a run of days as a range, in German', () => {
    expect(weeklyHoursLines(desk, 'de-DE')).toEqual([
      'Montag, Mittwoch und Freitag: 08:30–12:00 Uhr',
      'Dienstag: 08:30–12:00 Uhr und 14:00–18:00 Uhr',
      'Donnerstag: 08:30–18:00 Uhr',
    ]);
    expect(weeklyHoursLines(library, 'de-DE')).toEqual([
      'Dienstag – Freitag: 10:00–18:00 Uhr',
      'Samstag: 10:00–13:00 Uhr',
    ]);
  });

  it('in other languages with their own weekday names and times, Arabic included', () => {
    expect(weeklyHoursLines(library, 'en-GB')).toEqual(['Tuesday – Friday: 10:00–18:00', 'Saturday: 10:00–13:00']);
    const arabic = weeklyHours(library, 'ar');
    expect(arabic[0]!.days).toContain('الثلاثاء');
    expect(arabic[1]!.days).toContain('السبت');
    expect(weeklyHoursLines(library, 'pl-PL')[1]).toBe('sobota: 10:00–13:00');
  });

  it('for speech with the language\'s own "from … to", and whole hours without ":00"', () => {
    const range = (from: string, to: string) => `${from} bis ${to}`;
    expect(weeklyHoursLines(library, 'de-DE', range)).toEqual([
      'Dienstag bis Freitag: 10 Uhr bis 18 Uhr',
      'Samstag: 10 Uhr bis 13 Uhr',
    ]);
    expect(weeklyHoursLines(desk, 'de-DE', range)[0]).toBe('Montag, Mittwoch und Freitag: 08:30 bis 12 Uhr');
  });
});
