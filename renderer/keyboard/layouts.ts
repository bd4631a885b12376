import arabic from 'simple-keyboard-layouts/build/layouts/arabic';
import english from 'simple-keyboard-layouts/build/layouts/english';
import german from 'simple-keyboard-layouts/build/layouts/german';
import polish from 'simple-keyboard-layouts/build/layouts/polish';
import russian from 'simple-keyboard-layouts/build/layouts/russian';
import turkish from 'simple-keyboard-layouts/build/layouts/turkish';
import ukrainian from 'simple-keyboard-layouts/build/layouts/ukrainian';

/**
 * Key layouts for the on-screen keyboard. The letters and their places come from
 * simple-keyboard-layouts (the national desktop layouts: German QWERTZ, Turkish Q, Polish,
 * Russian and Ukrainian ЙЦУКЕН, Arabic), reduced to what a resident types into a form:
 * digits, the letters of the language and a few punctuation keys. Tab, Caps Lock, dead keys
 * and rarely used symbols are left out, so no row has more than 13 keys and every key stays
 * at least 64 px wide on a 1080 px portrait screen.
 */

export type LayoutId = 'de' | 'en' | 'tr' | 'pl' | 'ru' | 'uk' | 'ar';
export const LAYOUT_IDS: readonly LayoutId[] = ['de', 'en', 'tr', 'pl', 'ru', 'uk', 'ar'];

/** What kind of pad a field gets, from its type and inputmode. */
export type PadKind = 'letters' | 'email' | 'numeric' | 'tel' | 'code';

export interface LetterLayout {
  id: LayoutId;
  /** Rows of characters, lowercase (or the only form, for scripts without case). */
  rows: string[][];
  /** The same rows in capitals; null for a script without case (Arabic). */
  shiftRows: string[][] | null;
  /** Latin letters, so e-mail addresses can be typed with it. */
  latin: boolean;
}

interface SourceLayout {
  layout: { [name: string]: string[] };
}

const SOURCES: Record<LayoutId, SourceLayout> = {
  de: german,
  en: english,
  tr: turkish,
  pl: polish,
  ru: russian,
  uk: ukrainian,
  ar: arabic,
};

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
/** Arabic tatweel: a stretching mark, not something a resident types. */
const TATWEEL = '\u0640';

function lettersOf(row: string | undefined): string[] {
  return (row ?? '')
    .split(' ')
    .filter((token) => token.length > 0 && !/^\{.+\}$/.test(token))
    .filter((token) => /^\p{L}+$/u.test(token) && token !== TATWEEL);
}

/** Capital of a key; keeps the key when the capital is longer (ß → SS is no key of its own). */
function upper(key: string, locale: string): string {
  const capital = key.toLocaleUpperCase(locale);
  return capital.length === key.length ? capital : key;
}

function hasCase(key: string, locale: string): boolean {
  return upper(key, locale) !== key || key.toLocaleLowerCase(locale) !== key;
}

/** Builds the kiosk form of a national layout (see the file comment). */
export function buildLetterLayout(id: LayoutId): LetterLayout {
  const source = SOURCES[id].layout;
  const plain = source.default ?? [];
  const shifted = source.shift ?? [];
  const rows = [0, 1, 2, 3].map((index) => lettersOf(plain[index]));
  rows[0] = [...DIGITS, ...rows[0]!];
  const known = new Set(rows.flat());
  const cased = rows.flat().some((key) => hasCase(key, id));
  // Letters that the national layout has only on its shift level (Polish ę ź ń ć, Arabic أ إ آ).
  const extras = [0, 1, 2, 3]
    .flatMap((index) => lettersOf(shifted[index]))
    .map((key) => (cased ? key.toLocaleLowerCase(id) : key))
    .filter((key) => !known.has(key) && (!cased || hasCase(key, id)));
  const unique = [...new Set(extras)];
  if (cased) rows[3] = [...rows[3]!, ...unique];
  else if (unique.length > 0) rows.push(unique);
  return {
    id,
    rows,
    shiftRows: cased ? rows.map((row) => row.map((key) => upper(key, id))) : null,
    latin: rows.flat().some((key) => /^[a-z]$/.test(key)),
  };
}

const cache = new Map<LayoutId, LetterLayout>();

export function letterLayout(id: LayoutId): LetterLayout {
  let layout = cache.get(id);
  if (!layout) {
    layout = buildLetterLayout(id);
    cache.set(id, layout);
  }
  return layout;
}

/** The layout for a session language (Leichte Sprache types German). */
export function layoutForLanguage(language: string): LayoutId {
  const base = language.toLowerCase().split('-')[0] ?? 'de';
  return (LAYOUT_IDS as readonly string[]).includes(base) ? (base as LayoutId) : 'de';
}

/**
 * The layouts the switch key moves between, first the one the pad opens with. Letters open in the
 * session's language; e-mail opens in Latin letters. The other choice is German (addresses in Stade
 * have ä ö ü ß), or English for a German session.
 */
export function layoutChoices(language: string, pad: PadKind, latinOnly = false): LayoutId[] {
  const session = layoutForLanguage(language);
  // E-mail addresses, names and addresses (as in the identity card) open with Latin letters in every language.
  const first = (pad === 'email' || latinOnly) && !letterLayout(session).latin ? 'en' : session;
  const second: LayoutId = first === 'de' ? 'en' : 'de';
  return [first, second];
}

/** Name and address fields (contract fieldScript) say so on the input: the keyboard opens in Latin letters. */
export function wantsLatin(field: HTMLInputElement | HTMLTextAreaElement): boolean {
  return field.dataset.script === 'latin';
}

/** Names, streets and towns begin with a capital: the keyboard starts with Shift on (autocapitalize). */
export function wantsCapitalAtStart(field: HTMLInputElement | HTMLTextAreaElement): boolean {
  return field instanceof HTMLInputElement && field.autocapitalize === 'words';
}

/** Pad for a focused field: inputmode first (numbers and postcodes are type=text), then the type. */
export function padForField(field: HTMLInputElement | HTMLTextAreaElement): PadKind {
  if (field instanceof HTMLTextAreaElement) return 'letters';
  // A booking code ("335459-df70"): digits, the hyphen and the letters a to f.
  if (field.dataset.pad === 'booking-code') return 'code';
  const mode = field.inputMode;
  if (mode === 'numeric' || mode === 'decimal') return 'numeric';
  if (mode === 'tel' || field.type === 'tel') return 'tel';
  if (mode === 'email' || field.type === 'email') return 'email';
  return 'letters';
}

/** Punctuation on the bottom row, by pad: names and addresses, or e-mail addresses. */
export const LETTER_PUNCTUATION = {
  before: [',', '-'],
  after: ['.', "'"],
} as const;
export const EMAIL_KEYS = ['@', '.', '-', '_', '.de', '.com'] as const;
export const NUMERIC_ROWS = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
] as const;
export const TEL_EXTRAS = ['+', '/', '-'] as const;
/** The booking code's letters beside the digits (its key is hexadecimal). */
export const CODE_EXTRAS = [
  ['a', 'b'],
  ['c', 'd'],
  ['e', 'f'],
] as const;
