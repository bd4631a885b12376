/**
 * The languages the kiosk offers. Each is named in its own language, never by
 * a flag: `nativeName` here (so the language buttons can show every language
 * before its texts are loaded) and `language.nativeName` in its locale file
 * (a test checks that both agree). `de-x-ls` is German in Leichte Sprache
 * (easy-to-read German); it formats dates and numbers as de-DE.
 *
 * `receiptLanguage`: the language of the printed receipt when it differs from
 * the screen. The receipt PDF (pdfkit) lays text out left to right only and
 * has no Unicode bidirectional algorithm, so Arabic would come out with
 * letters in the wrong order; an Arabic session therefore gets an English
 * receipt (office names keep their German names in parentheses), and the
 * confirmation page says so.
 */
export const LANGUAGES = [
  { code: 'de', dir: 'ltr', nativeName: 'Deutsch' },
  { code: 'de-x-ls', dir: 'ltr', nativeName: 'Leichte Sprache' },
  { code: 'en', dir: 'ltr', nativeName: 'English' },
  { code: 'tr', dir: 'ltr', nativeName: 'Türkçe' },
  { code: 'ar', dir: 'rtl', nativeName: 'العربية', receiptLanguage: 'en' },
  { code: 'ru', dir: 'ltr', nativeName: 'Русский' },
  { code: 'uk', dir: 'ltr', nativeName: 'Українська' },
  { code: 'pl', dir: 'ltr', nativeName: 'Polski' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export const LANGUAGE_CODES = LANGUAGES.map((language) => language.code) as [LanguageCode, ...LanguageCode[]];
export const DEFAULT_LANGUAGE: LanguageCode = 'de';

export function isLanguageCode(value: string): value is LanguageCode {
  return (LANGUAGE_CODES as readonly string[]).includes(value);
}

type LanguageEntry = { code: LanguageCode; dir: 'ltr' | 'rtl'; nativeName: string; receiptLanguage?: LanguageCode };

export function languageEntry(code: LanguageCode): LanguageEntry {
  return (LANGUAGES as readonly LanguageEntry[]).find((entry) => entry.code === code)!;
}

/** The language the receipt of a session in `code` is printed in (see `receiptLanguage` above). */
export function receiptLanguage(code: LanguageCode): LanguageCode {
  return languageEntry(code).receiptLanguage ?? code;
}

/** The languages receipts are printed in; each has resources/receipt/locales/<code>.json. */
export const RECEIPT_LANGUAGE_CODES = [...new Set(LANGUAGE_CODES.map(receiptLanguage))];
