import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceDefinitionSchema } from '../../contract';
import { toJsonPointer } from '../../core/catalog/json-pointer';
import { loadCatalog } from '../../core/catalog/load-catalog';
import { checkedDefinitionJson, precompiledCatalogSource, standaloneBody } from '../../core/catalog/precompile';
import {
  fileDigest,
  PRECOMPILED_ALL,
  precompiledProperty,
  type PrecompiledCatalog,
  type PrecompiledSchema,
} from '../../core/catalog/precompiled';
import { createMemoryLogger } from '../../core/logging';
import { createServiceAjv, type SchemaValidator } from '../../core/validation/ajv';
import { KIOSK_DATE_CHECK_NAME, kioskDateCheck } from '../../core/validation/kiosk-date-keyword';
import { FIXTURE_RESOURCES, PROJECT_RESOURCES, openTestCore, removeDir, tempDir } from '../fixtures/core-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';

/**
 * What the build checks and compiles of the service files (core/catalog/precompile.ts) must be
 * exactly what the start-up check would produce, and may only be used for the very file text it
 * came from: schemas as Ajv standalone code must judge answers like the schemas Ajv compiles at
 * start-up, service files must come out as the contract's check returns them.
 */

const requireForGeneratedCode = createRequire(import.meta.url);

/** What build/build.mjs bundles for one schema text, evaluated here instead of bundled. */
function precompile(text: string, onCreate?: () => void): PrecompiledSchema {
  const body = new Function('exports', 'require', KIOSK_DATE_CHECK_NAME, `${standaloneBody(text)}\nreturn exports;`);
  return {
    sha256: fileDigest(text),
    create(check) {
      onCreate?.();
      return body({}, requireForGeneratedCode, check) as Record<string, SchemaValidator>;
    },
  };
}

const serviceDirs = [
  join(FIXTURE_RESOURCES, 'services/test-move'),
  join(FIXTURE_RESOURCES, 'services/test-feedback'),
  ...['meldebescheinigung', 'sperrmuell', 'maengel-melden'].map((id) => join(PROJECT_RESOURCES, 'services', id)),
];
const schemaFiles = serviceDirs.map((dir) => join(dir, 'schema.json'));

it.each(serviceDirs)('checks %s/service.json at build time as the start-up check does', (dir) => {
  const text = readFileSync(join(dir, 'service.json'), 'utf8');
  expect(JSON.parse(checkedDefinitionJson(text))).toStrictEqual(ServiceDefinitionSchema.parse(JSON.parse(text)));
});

/** Values of every kind, valid and broken, for any property. */
const SAMPLE_VALUES: unknown[] = [
  'Anna Meyer',
  '',
  'A',
  'x'.repeat(1001),
  '21682',
  '20095',
  '14a',
  'vierzehn',
  '2025-06-15',
  '2025-06-16',
  '2025-06-14',
  '2025-09-14',
  '1899-12-31',
  '1958-02-30',
  'anna@example.de',
  'anna@',
  '+49 170 1234567',
  'einfach',
  'family',
  'moebel',
  0,
  3,
  2.5,
  13,
  true,
  false,
  null,
  [],
  ['moebel', 'matratzen'],
  ['moebel', 'moebel'],
  ['parking'],
  {},
];

describe.each(schemaFiles)('generated code for %s', (file) => {
  const text = readFileSync(file, 'utf8');
  const schema = JSON.parse(text) as { $id: string; properties: Record<string, unknown> };

  it.each(['2025-06-15', '2026-01-31'])('validates like Ajv at start-up, today = %s', (today) => {
    const generated = precompile(text).create(kioskDateCheck(() => today));
    const ajv = createServiceAjv(() => today);
    const compiled = ajv.compile(schema);
    const same = (generatedValidator: SchemaValidator | undefined, runtime: SchemaValidator, value: unknown) => {
      expect(generatedValidator).toBeTypeOf('function');
      const valid = generatedValidator!(value);
      expect(valid).toBe(runtime(value));
      expect(generatedValidator!.errors ?? null).toEqual(runtime.errors ?? null);
    };
    const names = Object.keys(schema.properties);
    for (const name of names) {
      const runtime = ajv.getSchema(`${schema.$id}#${toJsonPointer(['properties', name])}`)!;
      for (const value of SAMPLE_VALUES) same(generated[precompiledProperty(name)], runtime, value);
    }
    // Whole answer objects: empty, one value everywhere, and mixtures, so required and if/then run too.
    same(generated[PRECOMPILED_ALL], compiled, {});
    same(generated[PRECOMPILED_ALL], compiled, 'not an object');
    SAMPLE_VALUES.forEach((_, offset) => {
      const answers = Object.fromEntries(
        names.map((name, index) => [name, SAMPLE_VALUES[(index + offset) % SAMPLE_VALUES.length]]),
      );
      same(generated[PRECOMPILED_ALL], compiled, answers);
    });
  });
});

describe('the catalog with precompiled schemas', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach(removeDir));

  const moveSchemaFile = join(FIXTURE_RESOURCES, 'services/test-move/schema.json');
  const moveSchemaText = readFileSync(moveSchemaFile, 'utf8');

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits arbitrary schema JSON
  function resourcesWithMoveSchema(edit: (schema: any) => void): string {
    const dir = tempDir('kiosk-resources-');
    dirs.push(dir);
    cpSync(FIXTURE_RESOURCES, dir, { recursive: true });
    const schema = JSON.parse(moveSchemaText);
    edit(schema);
    writeFileSync(join(dir, 'services/test-move/schema.json'), JSON.stringify(schema, null, 2));
    return dir;
  }

  function load(
    resourcesDir: string,
    schemas: PrecompiledSchema[],
    definitions: PrecompiledCatalog['definitions'] = [],
  ) {
    const logger = createMemoryLogger();
    const catalog = loadCatalog(resourcesDir, () => '2025-06-15', logger, { definitions, schemas });
    const loaded = logger.lines.find((line) => line.event === 'catalog.loaded');
    return { catalog, precompiledCount: loaded?.precompiled };
  }

  it('uses the generated code when the schema file is unchanged', () => {
    let created = 0;
    const { catalog, precompiledCount } = load(FIXTURE_RESOURCES, [precompile(moveSchemaText, () => created++)]);
    expect(catalog.problems).toEqual([]);
    expect(created).toBe(1);
    expect(precompiledCount).toBe(1);
    const move = catalog.byId.get('test-move')!;
    const moveDate = move.validateProperty('moveDate');
    expect(moveDate('2025-06-14')).toBe(false);
    expect(moveDate.errors).toMatchObject([{ keyword: 'x-kiosk-date', params: { code: 'date_in_past' } }]);
    expect(move.validateAll({ fullName: 'Anna Meyer' })).toBe(false);
    expect(() => move.validateProperty('nickname')).toThrow('Unknown schema property');
  });

  it('compiles a schema that changed since the build, and judges by the file on disk', () => {
    let created = 0;
    const resourcesDir = resourcesWithMoveSchema((schema) => {
      schema.properties.fullName.maxLength = 5;
    });
    const { catalog, precompiledCount } = load(resourcesDir, [precompile(moveSchemaText, () => created++)]);
    expect(catalog.problems).toEqual([]);
    expect(created).toBe(0);
    expect(precompiledCount).toBe(0);
    const fullName = catalog.byId.get('test-move')!.validateProperty('fullName');
    expect(fullName('Anna Meyer')).toBe(false);
    expect(fullName.errors).toMatchObject([{ keyword: 'maxLength', params: { limit: 5 } }]);
  });

  it('still refuses a broken schema with its file, although the shipped one was precompiled', () => {
    const resourcesDir = resourcesWithMoveSchema((schema) => {
      schema.properties.fullName.maxlength = 3;
    });
    const { catalog } = load(resourcesDir, [precompile(moveSchemaText)]);
    expect(catalog.problems).toEqual([
      { file: 'services/test-move/schema.json', path: '', message: expect.stringContaining('does not compile') },
    ]);
    expect(catalog.services.map((service) => service.definition.id)).toEqual(['test-feedback']);
  });

  it('lets a schema compiled at start-up refer to a precompiled one by $id', () => {
    const feedbackText = readFileSync(join(FIXTURE_RESOURCES, 'services/test-feedback/schema.json'), 'utf8');
    const feedbackId = (JSON.parse(feedbackText) as { $id: string }).$id;
    const feedbackProperty = Object.keys((JSON.parse(feedbackText) as { properties: object }).properties)[0]!;
    const resourcesDir = resourcesWithMoveSchema((schema) => {
      schema.properties.notes = { ...schema.properties.notes, $ref: `${feedbackId}#/properties/${feedbackProperty}` };
    });
    const { catalog, precompiledCount } = load(resourcesDir, [precompile(feedbackText)]);
    expect(precompiledCount).toBe(1);
    expect(catalog.problems).toEqual([]);
    expect(catalog.services).toHaveLength(2);
  });

  it('takes a service file the build checked, and checks one changed since', () => {
    const serviceText = readFileSync(join(FIXTURE_RESOURCES, 'services/test-move/service.json'), 'utf8');
    // What the build wrote, marked so that the test can tell it from a check at start-up.
    const built = { ...JSON.parse(checkedDefinitionJson(serviceText)), order: 99 };
    const definitions = [{ sha256: fileDigest(serviceText), json: JSON.stringify(built) }];
    const unchanged = load(FIXTURE_RESOURCES, [], definitions);
    expect(unchanged.precompiledCount).toBe(1);
    expect(unchanged.catalog.byId.get('test-move')?.definition).toStrictEqual(built);

    const dir = tempDir('kiosk-resources-');
    dirs.push(dir);
    cpSync(FIXTURE_RESOURCES, dir, { recursive: true });
    const broken = JSON.parse(serviceText);
    broken.journey.steps[2].fields[0].type = 'slider';
    writeFileSync(join(dir, 'services/test-move/service.json'), JSON.stringify(broken));
    const changed = load(dir, [], definitions);
    expect(changed.precompiledCount).toBe(0);
    expect(changed.catalog.problems).toEqual([
      { file: 'services/test-move/service.json', path: '/journey/steps/2/fields/0/type', message: expect.any(String) },
    ]);
    expect(changed.catalog.services.map((service) => service.definition.id)).toEqual(['test-feedback']);
  });

  it('runs a whole session on generated code, with "today" from the core clock', async () => {
    const precompiled = [precompile(moveSchemaText)];
    const kiosk = openTestCore({ precompiled: { definitions: [], schemas: precompiled } });
    try {
      expect(kiosk.logger.lines.find((line) => line.event === 'catalog.loaded')).toMatchObject({ precompiled: 1 });
      let view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
      const answer = (stepId: string, values: unknown) =>
        kiosk.call('session.answer', { sessionId: view.sessionId, stepId, values });
      for (const stepId of ['name', 'birth'])
        view = await kiosk.value('session.answer', {
          sessionId: view.sessionId,
          stepId,
          values: MOVE_ANSWERS[stepId],
        });
      expect(await answer('address', { postcode: '21682', moveDate: { day: '14', month: '6', year: '2025' } })).toEqual(
        {
          ok: false,
          error: { code: 'validation', fieldErrors: [{ field: 'moveDate', code: 'date_in_past' }] },
        },
      );
      kiosk.clock.advance(-2 * 86_400_000);
      expect(
        (await answer('address', { postcode: '21682', moveDate: { day: '14', month: '6', year: '2025' } })).ok,
      ).toBe(true);
    } finally {
      kiosk.close();
      removeDir(kiosk.dataDir);
    }
  });
});

it('writes a module the bundler can take in place of the placeholder', () => {
  const service = readFileSync(join(FIXTURE_RESOURCES, 'services/test-move/service.json'), 'utf8');
  const schema = readFileSync(join(FIXTURE_RESOURCES, 'services/test-move/schema.json'), 'utf8');
  const source = precompiledCatalogSource({ services: [service], schemas: [schema] });
  expect(source).toContain('export const PRECOMPILED_CATALOG = {');
  expect(source).toContain(JSON.stringify(fileDigest(service)));
  expect(source).toContain(JSON.stringify(fileDigest(schema)));
  expect(source).toContain(`create(${KIOSK_DATE_CHECK_NAME})`);
});
