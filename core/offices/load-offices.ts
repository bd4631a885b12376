import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LANGUAGE_CODES,
  OFFICE_TEXTS,
  officeTextKey,
  OfficesFileSchema,
  type Office,
  type OfficesFile,
} from '../../contract';
import { lookupTextKey, toJsonPointer } from '../catalog/json-pointer';
import type { CatalogProblem } from '../types';

export const OFFICES_FILE = 'offices/offices.json';

export interface LoadedOffices {
  /** The offices that passed every check, in the file's order (a broken file leaves none). */
  file: OfficesFile;
  byId: ReadonlyMap<string, Office>;
  /** language → the `offices` namespace's locale object. */
  translations: Record<string, Record<string, unknown>>;
  problems: CatalogProblem[];
}

/**
 * Reads resources/offices/ at start-up: offices.json against its schema and every office's texts in every
 * language. A problem is reported with file and JSON pointer; an office with one is left out, so a service
 * naming it is refused in turn (core/catalog/office-references.ts).
 */
export function loadOffices(resourcesDir: string): LoadedOffices {
  const problems: CatalogProblem[] = [];
  const empty = (): LoadedOffices => ({
    file: { sampleData: true, offices: [] },
    byId: new Map(),
    translations: Object.fromEntries(LANGUAGE_CODES.map((code) => [code, {}])),
    problems,
  });
  const read = (file: string): unknown => {
    const absolute = join(resourcesDir, file);
    if (!existsSync(absolute)) {
      problems.push({ file, path: '', message: 'file is missing' });
      return undefined;
    }
    try {
      return JSON.parse(readFileSync(absolute, 'utf8'));
    } catch (error) {
      problems.push({ file, path: '', message: `not valid JSON: ${(error as Error).message.slice(0, 200)}` });
      return undefined;
    }
  };

  const raw = read(OFFICES_FILE);
  if (raw === undefined) return empty();
  const parsed = OfficesFileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ file: OFFICES_FILE, path: toJsonPointer(issue.path), message: issue.message });
    }
    return empty();
  }

  const translations: LoadedOffices['translations'] = {};
  const broken = new Set<string>();
  for (const code of LANGUAGE_CODES) {
    const file = `offices/locales/${code}.json`;
    const locale = read(file);
    if (typeof locale !== 'object' || locale === null || Array.isArray(locale)) {
      if (locale !== undefined) problems.push({ file, path: '', message: 'not an object' });
      return empty();
    }
    translations[code] = locale as Record<string, unknown>;
    const keys = [
      'sampleNote',
      ...parsed.data.offices.flatMap((office) => OFFICE_TEXTS.map((text) => officeTextKey(office.id, text))),
    ];
    for (const key of keys) {
      const text = lookupTextKey(locale, key);
      if (typeof text !== 'string' || text.trim() === '') {
        problems.push({ file, path: toJsonPointer(key.split('.')), message: `text "${key}" is missing` });
        broken.add(key.split('.')[0]!);
      }
    }
  }
  const offices = parsed.data.offices.filter((office) => !broken.has(office.id));
  return {
    file: { sampleData: parsed.data.sampleData, offices },
    byId: new Map(offices.map((office) => [office.id, office])),
    translations,
    problems,
  };
}
