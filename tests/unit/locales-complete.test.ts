import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE, LANGUAGE_CODES, LANGUAGES, RECEIPT_LANGUAGE_CODES } from '../../contract';

/**
 * Every text the resident can see exists in every language: the renderer's UI
 * texts, each service's texts and the receipt's labels. German is the
 * reference. For each locale file this checks that every German key is there
 * and not empty, that each text is valid ICU, that it uses the same
 * placeholders as German, and that a plural has every category its language
 * needs (Arabic: zero, one, two, few, many, other; Polish, Russian,
 * Ukrainian: one, few, many, other).
 */

const root = join(import.meta.dirname, '../..');
type Tree = { [key: string]: unknown };

function flatten(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) return out.set(prefix, tree);
  for (const [key, value] of Object.entries(tree as Tree)) {
    for (const [inner, text] of flatten(value, prefix ? `${prefix}.${key}` : key)) out.set(inner, text);
  }
  return out;
}

const read = (dir: string, language: string) =>
  flatten(JSON.parse(readFileSync(join(dir, `${language}.json`), 'utf8')) as unknown);

/** ICU AST element types (@formatjs/icu-messageformat-parser TYPE): argument, number, date, time, select, plural, tag. */
const NAMED = new Set([1, 2, 3, 4, 5, 6, 8]);
const SELECT = 5;
const PLURAL = 6;
type AstElement = {
  type: number;
  value?: string;
  options?: Record<string, { value: AstElement[] }>;
  children?: AstElement[];
};

interface MessageShape {
  placeholders: Set<string>;
  /** Each plural argument with the categories its options name (=0 and the like are not categories). */
  plurals: { argument: string; categories: Set<string> }[];
}

function shape(elements: AstElement[], into: MessageShape = { placeholders: new Set(), plurals: [] }): MessageShape {
  for (const element of elements) {
    if (NAMED.has(element.type) && element.value) into.placeholders.add(element.value);
    if (element.type === PLURAL) {
      const categories = new Set(Object.keys(element.options ?? {}).filter((key) => !key.startsWith('=')));
      into.plurals.push({ argument: element.value!, categories });
    }
    if (element.type === SELECT || element.type === PLURAL) {
      for (const option of Object.values(element.options ?? {})) shape(option.value, into);
    }
    if (element.children) shape(element.children, into);
  }
  return into;
}

function parse(text: string, language: string): MessageShape {
  return shape(new IntlMessageFormat(text, language).getAst() as unknown as AstElement[]);
}

const sorted = (values: Iterable<string>) => [...values].sort();

/** One set of locale files: German plus each language that must match it. */
function checkLocaleSet(name: string, dir: string, languages: readonly string[]) {
  describe(name, () => {
    const german = read(dir, DEFAULT_LANGUAGE);
    const others = languages.filter((language) => language !== DEFAULT_LANGUAGE);

    it.each(others)('%s has every German key, none empty', (language) => {
      const texts = read(dir, language);
      const missing = [...german.keys()].filter((key) => {
        const text = texts.get(key);
        return typeof text !== 'string' || text.trim() === '';
      });
      expect(missing, `${name}/${language}.json lacks or leaves empty`).toEqual([]);
    });

    it.each(languages)('%s: valid ICU, same placeholders as German, every plural category', (language) => {
      const texts = read(dir, language);
      const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const problems: string[] = [];
      for (const [key, germanText] of german) {
        const text = texts.get(key);
        if (typeof text !== 'string' || typeof germanText !== 'string') continue;
        let own: MessageShape;
        try {
          own = parse(text, language);
        } catch (error) {
          problems.push(`${key}: does not parse (${(error as Error).message})`);
          continue;
        }
        const reference = parse(germanText, DEFAULT_LANGUAGE);
        if (sorted(own.placeholders).join() !== sorted(reference.placeholders).join()) {
          problems.push(
            `${key}: placeholders {${sorted(own.placeholders).join(', ')}}, German has {${sorted(reference.placeholders).join(', ')}}`,
          );
        }
        for (const plural of own.plurals) {
          const lacking = needed.filter((category) => !plural.categories.has(category));
          if (lacking.length > 0) problems.push(`${key}: plural {${plural.argument}} lacks ${lacking.join(', ')}`);
        }
      }
      expect(problems, `${name}/${language}.json`).toEqual([]);
    });
  });
}

checkLocaleSet('renderer', join(root, 'renderer/locales'), LANGUAGE_CODES);

const servicesDir = join(root, 'resources/services');
for (const id of readdirSync(servicesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
  checkLocaleSet(`service ${id.name}`, join(servicesDir, id.name, 'locales'), LANGUAGE_CODES);
}

checkLocaleSet('offices', join(root, 'resources/offices/locales'), LANGUAGE_CODES);

checkLocaleSet('receipt', join(root, 'resources/receipt/locales'), RECEIPT_LANGUAGE_CODES);

describe('language list', () => {
  it('names each language in itself, in the contract and in its locale file alike', () => {
    for (const { code, nativeName } of LANGUAGES) {
      expect(read(join(root, 'renderer/locales'), code).get('language.nativeName'), code).toBe(nativeName);
    }
  });

  it('formats dates, money and plurals in every language (Leichte Sprache as de-DE)', () => {
    const date = new Date(Date.UTC(1980, 2, 27, 12));
    for (const code of LANGUAGE_CODES) {
      const locale = read(join(root, 'renderer/locales'), code).get('format.locale') as string;
      expect(Intl.DateTimeFormat.supportedLocalesOf([locale]), code).toEqual([locale]);
      expect(new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date)).toMatch(/1980/);
      expect(new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(5)).toMatch(/5/);
    }
    expect(read(join(root, 'renderer/locales'), 'de-x-ls').get('format.locale')).toBe('de-DE');
    const charsLeft = (code: string, count: number) =>
      new IntlMessageFormat(read(join(root, 'renderer/locales'), code).get('field.charsLeft') as string, code).format({
        count,
      });
    expect(charsLeft('ru', 1)).toBe('Остался 1 символ');
    expect(charsLeft('ru', 3)).toBe('Осталось 3 символа');
    expect(charsLeft('ru', 5)).toBe('Осталось 5 символов');
    expect(charsLeft('pl', 22)).toBe('Pozostały 22 znaki');
    expect(charsLeft('uk', 11)).toBe('Залишилося 11 символів');
    expect(charsLeft('ar', 2)).toBe('بقي حرفان');
    expect(charsLeft('de-x-ls', 1)).toBe('Sie können noch 1 Zeichen schreiben.');
  });
});
