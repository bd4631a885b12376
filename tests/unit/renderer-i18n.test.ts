import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, FIELD_ERROR_CODES, LANGUAGE_CODES } from '../../contract';

const rendererDir = join(import.meta.dirname, '../../renderer');
type Tree = { [key: string]: string | Tree };

function loadLocale(language: string): Tree {
  return JSON.parse(readFileSync(join(rendererDir, 'locales', `${language}.json`), 'utf8')) as Tree;
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const locales = Object.fromEntries(LANGUAGE_CODES.map((code) => [code, flatten(loadLocale(code))]));

describe('renderer common locales', () => {
  it('have the same keys in every language', () => {
    const [first, ...rest] = LANGUAGE_CODES;
    const reference = [...locales[first]!.keys()].sort();
    for (const code of rest) expect([...locales[code]!.keys()].sort(), code).toEqual(reference);
  });

  it('name each language in itself and hold no empty text', () => {
    expect(locales.de!.get('language.nativeName')).toBe('Deutsch');
    expect(locales.en!.get('language.nativeName')).toBe('English');
    for (const code of LANGUAGE_CODES) {
      for (const [key, text] of locales[code]!) expect(text.trim(), `${code}:${key}`).not.toBe('');
    }
  });

  it('are valid ICU messages', () => {
    for (const code of LANGUAGE_CODES) {
      for (const [key, text] of locales[code]!) {
        expect(() => new IntlMessageFormat(text, code), `${code}:${key}`).not.toThrow();
      }
    }
  });

  it('pluralise the idle warning', () => {
    const de = new IntlMessageFormat(locales.de!.get('idle.text')!, 'de');
    expect(de.format({ seconds: 1 })).toContain('1 Sekunde ');
    expect(de.format({ seconds: 30 })).toContain('30 Sekunden');
    const en = new IntlMessageFormat(locales.en!.get('idle.text')!, 'en');
    expect(en.format({ seconds: 1 })).toContain('1 second ');
  });

  it('explain every API and field error code', () => {
    for (const code of LANGUAGE_CODES) {
      for (const error of API_ERROR_CODES) expect(locales[code]!.has(`errors.api.${error}`), error).toBe(true);
      for (const error of FIELD_ERROR_CODES) expect(locales[code]!.has(`errors.field.${error}`), error).toBe(true);
    }
  });

  it('contain every literal key the renderer uses', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(rendererDir)) {
      const source = readFileSync(file, 'utf8');
      // A key with its own namespace (`t('sampleNote', { ns: OFFICES_NS })`) lives in that namespace's files.
      for (const match of source.matchAll(/\bt\('([a-zA-Z0-9_.]+)'(?!, \{ ns:)/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(40);
    for (const key of used) {
      for (const code of LANGUAGE_CODES) expect(locales[code]!.has(key), `${code}:${key}`).toBe(true);
    }
  });
});
