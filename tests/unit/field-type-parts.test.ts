import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_FIELD_TYPES,
  fieldTypes,
  ServiceDefinitionSchema,
  type AnswerInput,
  type AnswerWords,
  type Field,
  type FieldTypeDefinition,
} from '../../contract';
import { crossCheck } from '../../core/catalog/cross-check';
import { FIELD_COMPONENTS } from '../../renderer/fields/components';
import { draftFromAnswer, inputFromDraft } from '../../renderer/fields/draft';

/**
 * Issue 15, "one registry of field types": every registered type has every part (its folder, an input
 * component, a text for its answers, a schema the start-up check accepts, cleaning), and nothing outside
 * the registry treats a field by its type's name.
 */

const ROOT = join(import.meta.dirname, '../..');
const WORDS: AnswerWords = {
  yes: 'Ja',
  no: 'Nein',
  option: (value) => `Option ${value}`,
  date: (iso) => `Datum ${iso}`,
  digits: (text) => text,
  listSeparator: ' + ',
};
const OPTIONS = [
  { value: 'a', labelKey: 'options.a' },
  { value: 'b', labelKey: 'options.b' },
];

function fieldOf(type: FieldTypeDefinition): Field {
  return {
    name: 'answer',
    type: type.name,
    optional: false,
    personal: true,
    ...(type.options ? { options: OPTIONS } : {}),
  };
}

/** What a resident enters in the type's input, and the value the core must keep. */
function sampleInput(type: FieldTypeDefinition): { input: AnswerInput; value: unknown } {
  if (type.options) return type.input === 'choices' ? { input: ['b'], value: ['b'] } : { input: 'b', value: 'b' };
  switch (type.input) {
    case 'flag':
      return { input: true, value: true };
    case 'date':
      return { input: { day: '24', month: '12', year: '1980' }, value: '1980-12-24' };
    case 'choices':
      return { input: ['x'], value: ['x'] };
    case 'text':
      return type.compare === 'number' ? { input: '12', value: 12 } : { input: type.example ?? 'x', value: undefined };
  }
}

/** The JSON Schema property a service would give a field of this type. */
function propertyOf(type: FieldTypeDefinition): Record<string, unknown> {
  const schemaType = type.schemaTypes[0]!;
  if (type.options === 'items') return { type: 'array', items: { type: 'string', enum: ['a', 'b'] } };
  if (type.options === 'enum') return { type: schemaType, enum: ['a', 'b'] };
  return { type: schemaType };
}

describe('every field type has every part', () => {
  const types = fieldTypes();

  it('the registry holds the shipped types, one folder each', () => {
    expect(types.map((type) => type.name)).toEqual(BUILT_IN_FIELD_TYPES.map((type) => type.name));
    expect(types.length).toBeGreaterThanOrEqual(10);
    for (const type of BUILT_IN_FIELD_TYPES) {
      expect(existsSync(join(ROOT, 'contract/fields', type.name, 'index.ts')), type.name).toBe(true);
    }
  });

  it.each(types.map((type) => [type.name, type] as const))('%s: component, text, schema, cleaning', (name, type) => {
    // Component: the renderer's table has the input the type names.
    expect(typeof FIELD_COMPONENTS[type.component], `${name} component ${type.component}`).toBe('function');
    if (type.component === 'line') expect(type.html, `${name} needs one-line input settings`).toBeDefined();

    // Schema: the editors' service.schema.json lists the type, and the start-up check accepts a matching property.
    const editorSchema = readFileSync(join(ROOT, 'resources/services/service.schema.json'), 'utf8');
    expect(editorSchema).toContain(`"${name}"`);
    expect(type.schemaTypes.length).toBeGreaterThan(0);
    const service = ServiceDefinitionSchema.parse({
      id: 'parts',
      category: 'sonstiges',
      formatVersion: 1,
      icon: 'chat',
      order: 1,
      titleKey: 'title',
      summaryKey: 'summary',
      schema: 'schema.json',
      fees: [],
      documentsToBring: [],
      officeId: 'buergerbuero',
      nextStepsKeys: ['next'],
      journey: { steps: [{ id: 'ask', titleKey: 'ask', fields: [fieldOf(type)] }] },
    });
    expect(crossCheck(service, { type: 'object', properties: { answer: propertyOf(type) } })).toEqual([]);
    const wrongType = type.schemaTypes.includes('boolean') ? 'string' : 'boolean';
    expect(crossCheck(service, { type: 'object', properties: { answer: { type: wrongType } } })).toContainEqual(
      expect.objectContaining({ path: '/journey/steps/0/fields/0/type' }),
    );
    if (type.options) expect(type.options === 'items').toBe(type.input === 'choices');

    // Cleaning: what the input sends becomes the value kept; the draft round trip sends it again.
    const field = fieldOf(type);
    const { input, value } = sampleInput(type);
    const cleaned = type.clean(input, field, propertyOf(type));
    expect(cleaned.kind, `${name} cleans ${JSON.stringify(input)}`).toBe('value');
    if (value !== undefined) expect(cleaned).toEqual({ kind: 'value', value });
    const kept = (cleaned as { value: string }).value;
    expect(draftFromAnswer(field, kept)).toBeDefined();
    expect(type.clean(inputFromDraft(field, draftFromAnswer(field, kept)), field, propertyOf(type))).toEqual(cleaned);

    // Text: the kept value in words, for the check page, the speech and the PDF.
    const text = type.text(kept, WORDS);
    expect(text, name).not.toBe('');
    if (type.options) expect(text).toContain('Option b');
    if (type.input === 'date') expect(text).toBe('Datum 1980-12-24');
    if (type.input === 'flag') expect(text).toBe('Ja');
  });

  it('every text a type has spoken exists in German', () => {
    const common = JSON.parse(readFileSync(join(ROOT, 'renderer/locales/de.json'), 'utf8'));
    const keys = types.flatMap((type) => [
      ...(type.spokenHintKeys?.('en') ?? []),
      ...(type.spokenHintKeys?.('de') ?? []),
    ]);
    expect(keys).toEqual(expect.arrayContaining(['speech.dateHint', 'entry.freeTextHint']));
    for (const key of keys) {
      const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], common);
      expect(typeof text, key).toBe('string');
    }
  });
});

describe('nothing outside the registry treats a field by its type name', () => {
  const names = BUILT_IN_FIELD_TYPES.map((type) => type.name).join('|');
  const COMPARED = new RegExp(`(field|candidate|counted)\\??\\.type\\s*[!=]==\\s*'(${names})'`);
  const SWITCHED = /switch \((props\.)?field\.type\)|\[(props\.)?field\.type\]/;

  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sources(path);
      return /\.tsx?$/.test(entry) ? [path] : [];
    });
  }

  it('core, contract, renderer, hub and console look the type up instead', () => {
    const files = ['core', 'contract', 'renderer', 'hub', 'console'].flatMap((dir) => sources(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files
      // The registry itself; the keyboard reads a focused HTML input's own type, not a service field's.
      .filter((file) => !relative(ROOT, file).startsWith('contract/fields/'))
      .filter((file) => relative(ROOT, file) !== 'renderer/keyboard/layouts.ts')
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) =>
            COMPARED.test(line) || SWITCHED.test(line) ? [`${relative(ROOT, file)}:${i + 1}`] : [],
          ),
      );
    expect(offenders).toEqual([]);
  });
});
