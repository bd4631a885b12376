import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LANGUAGE_CODES,
  ServiceDefinitionSchema,
  type Field,
  type LanguageCode,
  type ServiceDefinition,
  type Step,
} from '../../../contract';
import { RENDERER_LOCALES_DIR, SERVICES_DIR } from './paths';

/**
 * The specs follow the data: services, steps, labels and UI texts are read from
 * resources/services/* and renderer/locales/*, so a changed question text or a
 * new step needs no test change.
 */

export type Lang = LanguageCode;
type Tree = { [key: string]: string | Tree };

export interface JsonSchemaProperty {
  type?: string;
  enum?: string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  items?: JsonSchemaProperty;
  'x-kiosk-date'?: Record<string, unknown>;
}

export interface LoadedService {
  definition: ServiceDefinition;
  schema: { properties: Record<string, JsonSchemaProperty>; required?: string[] };
  texts: Record<Lang, Tree>;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** i18next-style lookup: flat key first, then the dotted path. */
function lookup(tree: Tree, key: string): string | undefined {
  const flat = tree[key];
  if (typeof flat === 'string') return flat;
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function loadServices(): LoadedService[] {
  const services: LoadedService[] = [];
  for (const id of readdirSync(SERVICES_DIR).sort()) {
    const file = join(SERVICES_DIR, id, 'service.json');
    if (!existsSync(file)) continue;
    // Parsed as the core does: a step's kind and an outcome's empty field list are defaults.
    const definition: ServiceDefinition = ServiceDefinitionSchema.parse(readJson<unknown>(file));
    const schema = readJson<LoadedService['schema']>(join(SERVICES_DIR, id, definition.schema));
    const texts = Object.fromEntries(
      LANGUAGE_CODES.map((code) => [code, readJson<Tree>(join(SERVICES_DIR, id, 'locales', `${code}.json`))]),
    ) as Record<Lang, Tree>;
    services.push({ definition, schema, texts });
  }
  return services.sort((a, b) => a.definition.order - b.definition.order);
}

export function loadService(id: string): LoadedService {
  const service = loadServices().find((candidate) => candidate.definition.id === id);
  if (!service) throw new Error(`service ${id} not found in resources/services`);
  return service;
}

const commonCache = new Map<Lang, Tree>();

/** A UI text from renderer/locales/<lang>.json, with simple {placeholders} filled. */
export function ui(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  let tree = commonCache.get(lang);
  if (!tree) {
    tree = readJson<Tree>(join(RENDERER_LOCALES_DIR, `${lang}.json`));
    commonCache.set(lang, tree);
  }
  const text = lookup(tree, key);
  if (text === undefined) throw new Error(`missing UI text ${lang}:${key}`);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function svcText(service: LoadedService, lang: Lang, key: string): string {
  const text = lookup(service.texts[lang], key);
  if (text === undefined) throw new Error(`missing service text ${service.definition.id}/${lang}:${key}`);
  return text;
}

/** The visible label of a field: its own label, or the step title for a one-field step. */
export function fieldLabel(service: LoadedService, lang: Lang, step: Step, field: Field): string {
  return svcText(service, lang, field.labelKey ?? step.titleKey);
}

/** The field's name as the check page shows it (used in "Ändern: <label>"); a grouped step has one label. */
export function checkLabel(service: LoadedService, lang: Lang, step: Step, field: Field): string {
  if (step.check) return svcText(service, lang, step.check.labelKey);
  return lookup(service.texts[lang], `check.${field.name}`) ?? fieldLabel(service, lang, step, field);
}

/** A UI text in the service's own words where it has them ("Anmeldung absenden"), else the general one. */
export function serviceTerm(service: LoadedService, lang: Lang, term: 'submit' | 'sendHeading' | 'sent' | 'leave') {
  const general = {
    submit: 'check.submit',
    sendHeading: 'check.sendHeading',
    sent: 'confirmation.title',
    leave: 'leave.text',
  };
  return lookup(service.texts[lang], `terms.${term}`) ?? ui(lang, general[term]);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Accessible names may carry "(optional)" or a hint after the label. */
export function startsWith(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}`);
}
