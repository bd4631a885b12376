import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { FIELD_ERROR_CODES, ServiceDefinitionSchema } from '../../contract';
import type { Field, ServiceDefinition, Step } from '../../contract';
import { loadCatalog } from '../../core/catalog/load-catalog';
import { SERVICE_TERMS } from '../../renderer/i18n/service-terms';

/**
 * Every service folder must agree with itself: service.json with the contract,
 * the journey with the JSON Schema (every field asked, required-ness and types
 * matching), and both locale files with each other and with every key used.
 */

type JsonSchema = Record<string, unknown>;
type Json = Record<string, unknown>;

const servicesDir = join(import.meta.dirname, '../../resources/services');
const serviceIds = readdirSync(servicesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const LOCALES = ['de', 'en'] as const;

const SPOKEN = '_spoken';
const isSpoken = (key: string) => key.endsWith(SPOKEN);

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

function load(id: string) {
  const dir = join(servicesDir, id);
  const service: ServiceDefinition = ServiceDefinitionSchema.parse(readJson(join(dir, 'service.json')));
  const schema = readJson(join(dir, service.schema)) as JsonSchema;
  const locales = Object.fromEntries(LOCALES.map((lang) => [lang, readJson(join(dir, 'locales', `${lang}.json`))]));
  return { service, schema, locales: locales as Record<(typeof LOCALES)[number], Json> };
}

function strictAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addKeyword('x-kiosk-date');
  return ajv;
}

function properties(schema: JsonSchema): Record<string, JsonSchema> {
  return (schema.properties ?? {}) as Record<string, JsonSchema>;
}

/** A field with the schema property it fills: a repeatable group's fields fill its array's `items`. */
interface FieldEntry {
  step: Step;
  field: Field;
  property: JsonSchema;
  required: boolean;
  /** The group's answer name, for a field asked once per item. */
  group?: string;
}

function fieldEntries(service: ServiceDefinition, schema: JsonSchema): FieldEntry[] {
  const props = properties(schema);
  const rootRequired = new Set((schema.required ?? []) as string[]);
  const thenRequired = conditionallyRequired(schema);
  return service.journey.steps.flatMap((step): FieldEntry[] => {
    if (step.repeat) {
      const items = (props[step.repeat.name]?.items ?? {}) as JsonSchema;
      const itemRequired = new Set((items.required ?? []) as string[]);
      return step.fields.map((field) => ({
        step,
        field,
        property: properties(items)[field.name]!,
        required: itemRequired.has(field.name),
        group: step.repeat!.name,
      }));
    }
    return step.fields.map((field) => ({
      step,
      field,
      property: props[field.name]!,
      required: rootRequired.has(field.name) || thenRequired.has(field.name),
    }));
  });
}

/** Fields required only under a condition: `then.required` of the root or of any `allOf` entry. */
function conditionallyRequired(schema: JsonSchema): Set<string> {
  const branches = [schema, ...((schema.allOf ?? []) as JsonSchema[])];
  const names = branches.flatMap((branch) => ((branch.then as JsonSchema | undefined)?.required ?? []) as string[]);
  return new Set(names);
}

/** Calls `visit` for every subschema, so rules like "every string has maxLength" see all of them. */
function walkSchema(node: unknown, visit: (schema: JsonSchema, path: string) => void, path = ''): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
  const schema = node as JsonSchema;
  visit(schema, path);
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties') {
      for (const [name, sub] of Object.entries(value as JsonSchema))
        walkSchema(sub, visit, `${path}/properties/${name}`);
    } else if (['allOf', 'anyOf', 'oneOf'].includes(key)) {
      (value as unknown[]).forEach((sub, index) => walkSchema(sub, visit, `${path}/${key}/${index}`));
    } else if (['items', 'if', 'then', 'else', 'not'].includes(key)) {
      walkSchema(value, visit, `${path}/${key}`);
    }
  }
}

/** Flattens nested locale objects to dotted keys, the way i18next looks them up. */
function flatten(object: Json, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(object)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [inner, innerValue] of flatten(value as Json, full)) out.set(inner, innerValue);
    } else out.set(full, value);
  }
  return out;
}

/** Every text key a service file refers to (properties named `…Key` or `…Keys`, except the LeiKa number). */
function referencedKeys(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => referencedKeys(item, found));
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'leikaKey') continue;
      // `key`: a next step with a condition ({ key, when }).
      if ((key.endsWith('Key') || key === 'key') && typeof value === 'string') found.add(value);
      else if (key.endsWith('Keys') && Array.isArray(value)) {
        value.forEach((item) => (typeof item === 'string' ? found.add(item) : referencedKeys(item, found)));
      } else referencedKeys(value, found);
    }
  }
  return found;
}

/**
 * The error codes the core (core/validation) can produce for a property, each of
 * which needs a specific message. Empty answers never reach the schema (they are
 * "no answer"), so minLength would add nothing and is not used.
 */
function expectedErrorCodes(field: Field, property: JsonSchema, required: boolean): string[] {
  const codes = new Set<string>();
  const items = property.items as JsonSchema | undefined;
  if (required) codes.add('required');
  if (property.type === 'string' && !property.enum && property.format !== 'date') codes.add('too_long');
  if (property.pattern) codes.add('invalid_format');
  if (property.format === 'email') codes.add('invalid_email');
  if (field.type === 'date') ['date_incomplete', 'date_invalid'].forEach((code) => codes.add(code));
  const dateRule = property['x-kiosk-date'] as Record<string, boolean> | undefined;
  if (dateRule?.notInFuture) codes.add('date_in_future');
  if (dateRule?.notBeforeToday) codes.add('date_in_past');
  if (property.enum || items?.enum) codes.add('invalid_option');
  if (property.minimum !== undefined || property.minItems !== undefined) codes.add('too_small');
  if (property.maximum !== undefined || property.maxItems !== undefined) codes.add('too_large');
  // Text that is not a whole number, and a repeated checkbox value, both come back as `invalid`.
  if (field.type === 'number' || property.uniqueItems) codes.add('invalid');
  return [...codes];
}

function optionValues(field: Field): string[] {
  return (field.options ?? []).map((option) => option.value).sort();
}

it('finds the service folders', () => {
  expect(serviceIds).toEqual(expect.arrayContaining(['maengel-melden', 'meldebescheinigung', 'sperrmuell']));
});

it('loads every service through the core catalog without a problem', () => {
  const logged: string[] = [];
  const logger = { info: () => {}, warn: (event: string) => logged.push(event), error: (e: string) => logged.push(e) };
  const catalog = loadCatalog(join(servicesDir, '..'), () => '2025-06-02', logger);
  expect(catalog.problems).toEqual([]);
  expect(logged).toEqual([]);
  expect(catalog.services.map((service) => service.definition.id).sort()).toEqual(serviceIds);
});

describe.each(serviceIds)('service %s', (id) => {
  const { service, schema, locales } = load(id);
  const props = properties(schema);
  const entries = fieldEntries(service, schema);
  const rootRequired = new Set((schema.required ?? []) as string[]);
  const thenRequired = conditionallyRequired(schema);
  const groups = service.journey.steps.flatMap((step) => (step.repeat ? [step.repeat.name] : []));

  it('has a service.json that the contract accepts, named after its folder', () => {
    expect(service.id).toBe(id);
    expect(existsSync(join(servicesDir, id, service.schema))).toBe(true);
  });

  it('has a strict draft 2020-12 schema that compiles', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(new RegExp(`^urn:de:stade:buergerkiosk:schema:${id}:\\d+\\.\\d+\\.\\d+$`));
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(() => strictAjv().compile(schema)).not.toThrow();
  });

  it('bounds every string and uses only the date rules the core implements', () => {
    walkSchema(schema, (node, path) => {
      if (node.type === 'string') expect(node.maxLength, `${path} needs maxLength`).toEqual(expect.any(Number));
      const dateRule = node['x-kiosk-date'];
      if (dateRule !== undefined) {
        expect(node.format, path).toBe('date');
        // The rules core/validation/kiosk-date-keyword.ts implements, each with its kind of value.
        for (const [rule, value] of Object.entries(dateRule as Record<string, unknown>)) {
          if (rule === 'notInFuture' || rule === 'notBeforeToday') expect(value, `${path} ${rule}`).toBe(true);
          else if (rule === 'maxDaysAhead' || rule === 'maxYearsAgo') {
            expect(Number.isInteger(value) && (value as number) > 0, `${path} ${rule}`).toBe(true);
          } else expect.fail(`${path}: the core has no date rule "${rule}"`);
        }
      }
    });
  });

  it('asks every schema property exactly once, and nothing else', () => {
    const names = [...entries.filter((entry) => !entry.group).map((entry) => entry.field.name), ...groups];
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(props).sort());
    for (const name of [...rootRequired, ...thenRequired]) expect(props, name).toHaveProperty(name);
    // A group's item fields are exactly its array's item properties.
    for (const group of groups) {
      const asked = entries.filter((entry) => entry.group === group).map((entry) => entry.field.name);
      expect(asked.sort(), group).toEqual(Object.keys(properties(props[group]!.items as JsonSchema)).sort());
    }
  });

  it('matches each field type with its schema property', () => {
    for (const { field, property } of entries) {
      const message = `${field.name} (${field.type})`;
      const needsOptions = field.type === 'radio' || field.type === 'checkboxes';
      expect(field.options !== undefined, message).toBe(needsOptions);
      switch (field.type) {
        case 'radio':
          expect(property.type, message).toBe('string');
          expect([...(property.enum as string[])].sort(), message).toEqual(optionValues(field));
          break;
        case 'checkboxes': {
          expect(property.type, message).toBe('array');
          expect(property.uniqueItems, message).toBe(true);
          const items = property.items as JsonSchema;
          expect([...(items.enum as string[])].sort(), message).toEqual(optionValues(field));
          break;
        }
        case 'confirm':
          expect(property.type, message).toBe('boolean');
          break;
        case 'number':
          expect(property.type, message).toBe('integer');
          expect(property.minimum, message).toEqual(expect.any(Number));
          expect(property.maximum, message).toEqual(expect.any(Number));
          break;
        case 'date':
        case 'email':
          expect(property.type, message).toBe('string');
          expect(property.format, message).toBe(field.type);
          break;
        case 'tel':
        case 'postcode':
          expect(property.type, message).toBe('string');
          expect(property.pattern, message).toEqual(expect.any(String));
          break;
        default:
          expect(property.type, message).toBe('string');
          expect(property.enum, message).toBeUndefined();
      }
      // The character count under a textarea must show the schema's own limit.
      if (field.type === 'textarea') expect(field.maxLength, message).toBe(property.maxLength);
      else if (field.maxLength !== undefined) expect(field.maxLength, message).toBe(property.maxLength);
    }
  });

  it('marks a field optional exactly when the schema never requires it', () => {
    for (const { step, field, required, group } of entries) {
      expect(field.optional, `${field.name}.optional`).toBe(!required);
      // A field the schema always requires must be asked on a step that is always shown.
      if (!group && rootRequired.has(field.name)) {
        expect(step.when, `step ${step.id} hides ${field.name}`).toBeUndefined();
      }
    }
  });

  it('has de and en locale files with exactly the same keys, all non-empty text', () => {
    // A spoken form (`<key>_spoken`, for the synthesiser) is needed in some languages only.
    const shown = (lang: (typeof LOCALES)[number]) =>
      [...flatten(locales[lang]).keys()].filter((key) => !isSpoken(key));
    expect(shown('en').sort()).toEqual(shown('de').sort());
    for (const lang of LOCALES) {
      for (const [key, value] of flatten(locales[lang])) {
        expect(typeof value, `${lang}:${key}`).toBe('string');
        expect((value as string).trim(), `${lang}:${key}`).not.toBe('');
      }
    }
  });

  it('has every referenced key, a check label for every field and title, summary and keywords', () => {
    const wanted = new Set([...referencedKeys(service), 'title', 'summary', 'keywords']);
    // A step shown as one answer on the check page (`check`) has one label instead of one per field.
    for (const { step, field } of entries) if (!step.check) wanted.add(`check.${field.name}`);
    for (const lang of LOCALES) {
      const keys = flatten(locales[lang]);
      const missing = [...wanted].filter((key) => !keys.has(key));
      expect(missing, `${lang} is missing keys`).toEqual([]);
    }
  });

  it('has a specific message for every error code a field can produce, and no stray keys', () => {
    const keys = [...flatten(locales.de).keys()];
    const used = new Set([...referencedKeys(service), 'title', 'summary', 'keywords']);
    // The service's own words for "Antrag absenden" and the like (renderer/i18n/service-terms.ts).
    for (const term of Object.keys(SERVICE_TERMS)) used.add(`terms.${term}`);
    for (const { field, property, required } of entries) {
      used.add(`check.${field.name}`);
      for (const code of expectedErrorCodes(field, property, required)) {
        const key = `fields.${field.name}.errors.${code}`;
        expect(keys, key).toContain(key);
      }
    }
    const errorKey = /^fields\.([A-Za-z0-9]+)\.errors\.([a-z_]+)$/;
    const stray = keys.filter((key) => {
      if (isSpoken(key)) return !keys.includes(key.slice(0, -SPOKEN.length));
      const match = errorKey.exec(key);
      // A group's own errors (too few or too many items) are keyed by the group's name.
      const asked = entries.some((entry) => entry.field.name === match?.[1]) || groups.includes(match?.[1] ?? '');
      if (match) return !asked || !(FIELD_ERROR_CODES as readonly string[]).includes(match[2]!);
      return !used.has(key);
    });
    expect(stray).toEqual([]);
  });
});
