/* eslint-disable @typescript-eslint/no-explicit-any -- the cases edit arbitrary fixture JSON */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../core/catalog/load-catalog';
import { createMemoryLogger } from '../../core/logging';
import type { CatalogProblem } from '../../core/types';
import { FIXTURE_RESOURCES, openTestCore, removeDir, tempDir } from '../fixtures/core-harness';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

/** A copy of the fixture resources with one file changed by `edit`. */
function resourcesWith(file: string, edit: (json: any) => unknown): string {
  const dir = tempDir('kiosk-resources-');
  dirs.push(dir);
  cpSync(FIXTURE_RESOURCES, dir, { recursive: true });
  const path = join(dir, 'services', file);
  const edited = edit(JSON.parse(readFileSync(path, 'utf8')));
  writeFileSync(path, typeof edited === 'string' ? edited : JSON.stringify(edited));
  return dir;
}

function problemsOf(resourcesDir: string): { problems: CatalogProblem[]; ids: string[]; logged: string[] } {
  const logger = createMemoryLogger();
  const catalog = loadCatalog(resourcesDir, () => '2025-06-15', logger);
  return {
    problems: catalog.problems,
    ids: catalog.services.map((service) => service.definition.id),
    logged: logger.lines.map((line) => `${line.event} ${line.file ?? ''} ${line.path ?? ''}`),
  };
}

const SERVICE = 'services/test-move/service.json';
const SCHEMA = 'services/test-move/schema.json';

describe('catalog loading', () => {
  it('loads the fixtures without problems and exposes schemaUri', () => {
    const catalog = loadCatalog(FIXTURE_RESOURCES, () => '2025-06-15', createMemoryLogger());
    expect(catalog.problems).toEqual([]);
    expect(catalog.byId.get('test-move')?.schemaUri).toBe('urn:test:buergerkiosk:test-move:1');
    // zod defaults are applied.
    expect(catalog.byId.get('test-move')?.definition.journey.steps[0]?.fields[0]).toMatchObject({
      optional: false,
      personal: true,
    });
  });

  it('refuses a broken service with file + JSON pointer, logs it, and keeps the others working', async () => {
    const resourcesDir = resourcesWith('test-move/service.json', (json) => {
      json.journey.steps[2].fields[0].type = 'slider';
      return json;
    });
    const { problems, ids, logged } = problemsOf(resourcesDir);
    expect(problems).toEqual([{ file: SERVICE, path: '/journey/steps/2/fields/0/type', message: expect.any(String) }]);
    expect(ids).toEqual(['test-feedback']);
    expect(logged).toContain(`catalog.problem ${SERVICE} /journey/steps/2/fields/0/type`);

    const kiosk = openTestCore({ resourcesDir });
    try {
      expect(kiosk.core.catalogProblems).toEqual(problems);
      const catalog = await kiosk.value('catalog.get', {});
      expect(catalog.services.map((service) => service.id)).toEqual(['test-feedback']);
      // The offices' texts (resources/offices/) travel with the services' own.
      expect(Object.keys(catalog.translations.de!)).toEqual(['offices', 'svc-test-feedback']);
      expect(await kiosk.call('session.start', { serviceId: 'test-move', language: 'de' })).toMatchObject({
        ok: false,
        error: { code: 'unknown_service' },
      });
      expect((await kiosk.call('session.start', { serviceId: 'test-feedback', language: 'de' })).ok).toBe(true);
    } finally {
      kiosk.close();
      removeDir(kiosk.dataDir);
    }
  });

  it.each([
    ['invalid JSON', 'test-move/service.json', () => '{"id": ', SERVICE, ''],
    ['id differs from folder', 'test-move/service.json', (j: any) => ({ ...j, id: 'test-other' }), SERVICE, '/id'],
    [
      'field not in schema',
      'test-move/service.json',
      (j: any) => ((j.journey.steps[0].fields[0].name = 'surname'), j),
      SERVICE,
      '/journey/steps/0/fields/0/name',
    ],
    [
      'condition on a field not asked before',
      'test-move/service.json',
      (j: any) => ((j.journey.steps[4].when = { field: 'consent', equals: true }), j),
      SERVICE,
      '/journey/steps/4/when/field',
    ],
    [
      'condition compares with a value the field cannot have',
      'test-move/service.json',
      (j: any) => ((j.journey.steps[4].when = { field: 'household', equals: 'familiy' }), j),
      SERVICE,
      '/journey/steps/4/when/equals',
    ],
    [
      'option not in the enum',
      'test-move/service.json',
      (j: any) => ((j.journey.steps[3].fields[0].options[1].value = 'group'), j),
      SERVICE,
      '/journey/steps/3/fields/0/options/1/value',
    ],
    [
      'field type does not match the schema type',
      'test-move/service.json',
      (j: any) => ((j.journey.steps[4].fields[0].type = 'text'), j),
      SERVICE,
      '/journey/steps/4/fields/0/type',
    ],
    [
      // German is the reference; another language missing a text shows the service in German (catalog-town.test.ts).
      'text key missing in German',
      'test-move/locales/de.json',
      (j: any) => (delete j.steps.birth.title, j),
      SERVICE,
      '/journey/steps/1/titleKey',
    ],
    [
      'schema property asked by no step',
      'test-move/schema.json',
      (j: any) => ((j.properties.nickname = { type: 'string' }), j),
      SCHEMA,
      '/properties/nickname',
    ],
    [
      'required name that is not a property',
      'test-move/schema.json',
      (j: any) => ((j.then.required = ['people']), j),
      SCHEMA,
      '/then/required',
    ],
    ['schema without $id', 'test-move/schema.json', (j: any) => (delete j.$id, j), SCHEMA, '/$id'],
    [
      'unknown keyword (strict mode)',
      'test-move/schema.json',
      (j: any) => ((j.properties.fullName.maxlength = 3), j),
      SCHEMA,
      '',
    ],
    [
      'bad x-kiosk-date rules',
      'test-move/schema.json',
      (j: any) => ((j.properties.birthDate['x-kiosk-date'] = { notInThePast: true }), j),
      SCHEMA,
      '',
    ],
  ])('%s', (_name, file, edit, problemFile, path) => {
    const { problems, ids } = problemsOf(resourcesWith(file, edit));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: problemFile, path });
    expect(problems[0]!.message.length).toBeGreaterThan(0);
    expect(ids).toEqual(['test-feedback']);
  });

  it('reports a resources dir without services', () => {
    const dir = tempDir('kiosk-empty-');
    dirs.push(dir);
    expect(problemsOf(dir)).toMatchObject({
      ids: [],
      problems: [
        { file: 'offices/offices.json', path: '', message: 'file is missing' },
        { file: 'services', path: '' },
      ],
    });
  });
});
