import { DEFAULT_LANGUAGE, LANGUAGE_CODES, type LanguageCode } from '../../contract';

/**
 * Which languages a service is translated into. German (DEFAULT_LANGUAGE) is the reference and must be
 * complete, or the service is refused; any other language that lacks a locale file or a text German has
 * is "untranslated": the service shows there in German with a notice, instead of being hidden everywhere.
 */

/** Every text's dotted key in a locale object ("steps.name.title"), empty texts left out. */
export function textKeys(locale: unknown, prefix = ''): string[] {
  if (typeof locale === 'string') return locale.trim() === '' ? [] : [prefix];
  if (typeof locale !== 'object' || locale === null || Array.isArray(locale)) return [];
  return Object.entries(locale).flatMap(([key, value]) => textKeys(value, prefix ? `${prefix}.${key}` : key));
}

export interface MissingTexts {
  language: LanguageCode;
  /** Keys German has and this language lacks (all of them when its file is missing). */
  keys: string[];
}

/** For each language but German that is not complete: what it lacks. `locales[code]` undefined: no file. */
export function missingTexts(locales: Partial<Record<LanguageCode, unknown>>): MissingTexts[] {
  const german = textKeys(locales[DEFAULT_LANGUAGE]);
  const out: MissingTexts[] = [];
  for (const language of LANGUAGE_CODES) {
    if (language === DEFAULT_LANGUAGE) continue;
    const present = new Set(textKeys(locales[language]));
    const keys = german.filter((key) => !present.has(key));
    if (keys.length > 0) out.push({ language, keys });
  }
  return out;
}
