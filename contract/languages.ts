/**
 * The languages the kiosk offers. Each is named in its own language through
 * the locale files (key `language.nativeName`), never by a flag.
 * Only languages whose UI and service texts are complete are listed here;
 * the accessibility issue adds de-x-ls, tr, ar, ru, uk and pl.
 */
export const LANGUAGES = [
  { code: 'de', dir: 'ltr' },
  { code: 'en', dir: 'ltr' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export const LANGUAGE_CODES = LANGUAGES.map((language) => language.code) as [LanguageCode, ...LanguageCode[]];
export const DEFAULT_LANGUAGE: LanguageCode = 'de';

export function isLanguageCode(value: string): value is LanguageCode {
  return (LANGUAGE_CODES as readonly string[]).includes(value);
}
