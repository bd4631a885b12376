import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../../contract/languages';
import chartsDe from '../../console/charts/locales/de.json';
import chartsEn from '../../console/charts/locales/en.json';
import dashboardDe from '../../console/dashboard/locales/de.json';
import dashboardEn from '../../console/dashboard/locales/en.json';
import de from '../../console/locales/de.json';
import en from '../../console/locales/en.json';
import { hasAmbiguousCharacters, isHandoverCode, normalizeHandoverCode } from '../../console/lib/handover-code';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [leaf, text] of leaves(value, `${prefix}${key}.`)) out.set(leaf, text);
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

const CONSOLE_DIR = join(import.meta.dirname, '..', '..', 'console');
/** The usage charts (namespace "charts") and the public dashboard page have locale files of their own. */
const CHARTS_DIR = join(CONSOLE_DIR, 'charts');
const DASHBOARD_DIR = join(CONSOLE_DIR, 'dashboard');
const deKeys = leaves(de as Tree);
const enKeys = leaves(en as Tree);

const literalKeys = (files: string[]) =>
  files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.-]+)'/g)].map((match) => match[1]!));

describe('console locales', () => {
  it('English has exactly the German keys, each with the same placeholders', () => {
    expect([...enKeys.keys()].sort()).toEqual([...deKeys.keys()].sort());
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((match) => match[1]).sort();
    for (const [key, text] of deKeys) expect(placeholders(enKeys.get(key)!), key).toEqual(placeholders(text));
  });

  it('every literal key the console uses exists, and every kiosk language has a name', () => {
    const used = literalKeys(
      sourceFiles(CONSOLE_DIR).filter((file) => !file.startsWith(CHARTS_DIR) && !file.startsWith(DASHBOARD_DIR)),
    );
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((key) => !deKeys.has(key))).toEqual([]);
    for (const code of LANGUAGE_CODES) expect(deKeys.has(`languageName.${code}`), code).toBe(true);
  });
});

describe('usage charts and public dashboard locales (issue 18)', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((match) => match[1]).sort();
  for (const [name, dir, germanTree, englishTree] of [
    ['charts', CHARTS_DIR, chartsDe, chartsEn],
    ['dashboard', DASHBOARD_DIR, dashboardDe, dashboardEn],
  ] as const) {
    it(`${name}: English has exactly the German keys, the same placeholders, and every literal key used exists`, () => {
      const german = leaves(germanTree as Tree);
      const english = leaves(englishTree as Tree);
      expect([...english.keys()].sort()).toEqual([...german.keys()].sort());
      for (const [key, text] of german) expect(placeholders(english.get(key)!), key).toEqual(placeholders(text));
      const used = literalKeys(sourceFiles(dir));
      expect(used.length).toBeGreaterThan(5);
      expect(used.filter((key) => !german.has(key))).toEqual([]);
    });
  }

  it('charts: every kiosk language has a name', () => {
    const german = leaves(chartsDe as Tree);
    for (const code of LANGUAGE_CODES) expect(german.has(`languages.name.${code}`), code).toBe(true);
  });
});

describe('handover codes as staff type them', () => {
  it('are normalised to the grouped upper-case form', () => {
    expect(normalizeHandoverCode(' abcd 2345')).toBe('ABCD-2345');
    expect(normalizeHandoverCode('abcd2345')).toBe('ABCD-2345');
    expect(isHandoverCode('ABCD-2345')).toBe(true);
  });

  it('with characters codes never use are told apart from a wrong length', () => {
    expect(isHandoverCode('ABCD-O345')).toBe(false);
    expect(hasAmbiguousCharacters('ABCD-O345')).toBe(true);
    expect(hasAmbiguousCharacters('ABCD-234')).toBe(false);
  });
});
