import type { AnswerInput, DateParts } from '../answers';
import type { Field } from '../service';
import { scriptOf } from './script';
import type { AnswerProperty, CleanResult } from './types';

/**
 * The cleaning the field types share: strings are checked for hidden characters first (never stored),
 * then NFC-normalised and trimmed; dates go from parts to ISO; numbers from text.
 */

// C0 controls except TAB and LF, DEL, C1 controls, and bidi marks/embeddings/overrides/isolates
// (LRM, RLM, ALM, U+202A–U+202E, U+2066–U+2069), which can make text display differently from what is stored.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** A letter of a script other than Latin (Cyrillic, Arabic, Greek, …); digits, marks and punctuation pass. */
const NON_LATIN_LETTER = /(?!\p{Script=Latin})\p{L}/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function cleanString(input: string, multiline: boolean): string | null {
  const text = multiline ? input.replace(/\r\n/g, '\n') : input;
  if ((multiline ? FORBIDDEN_MULTILINE : FORBIDDEN_SINGLE_LINE).test(text) || LONE_SURROGATE.test(text)) return null;
  return text.normalize('NFC').trim();
}

export function invalid(): CleanResult {
  return { kind: 'error', code: 'invalid' };
}

export interface TextCleaning {
  multiline?: boolean;
  /** The type takes names and addresses (Latin letters by autocomplete token). */
  latinNames?: boolean;
  /** After the checks, the cleaned text → the value (a number); default the text itself. */
  convert?: (text: string, property: AnswerProperty) => CleanResult;
}

/** Typed text: hidden characters refused, normalised, empty is no answer, Latin letters where the field asks. */
export function cleanText(input: AnswerInput, field: Field, property: AnswerProperty, how: TextCleaning): CleanResult {
  if (typeof input !== 'string') return invalid();
  const cleaned = cleanString(input, how.multiline === true);
  if (cleaned === null) return { kind: 'error', code: 'invalid_characters' };
  if (cleaned === '') return { kind: 'empty' };
  // Names and addresses go into registers in Latin letters, as in the identity card; the core is the authority.
  if (scriptOf(field, how.latinNames) === 'latin' && NON_LATIN_LETTER.test(cleaned)) {
    return { kind: 'error', code: 'not_latin' };
  }
  return how.convert ? how.convert(cleaned, property) : { kind: 'value', value: cleaned };
}

/** Text → a number, as the schema's type asks: whole numbers, or decimals with a German comma. */
export function numberFromText(text: string, property: AnswerProperty): CleanResult {
  const types = Array.isArray(property.type) ? property.type : [property.type];
  if (types.includes('integer')) {
    if (!/^[+-]?\d{1,15}$/.test(text)) return invalid();
    return { kind: 'value', value: Number(text) };
  }
  if (types.includes('number')) {
    // German input uses a decimal comma.
    if (!/^[+-]?\d{1,15}([.,]\d{1,10})?$/.test(text)) return invalid();
    return { kind: 'value', value: Number(text.replace(',', '.')) };
  }
  return { kind: 'value', value: text };
}

export function dateFromParts(parts: DateParts): CleanResult {
  const day = cleanString(parts.day, false);
  const month = cleanString(parts.month, false);
  const year = cleanString(parts.year, false);
  if (day === null || month === null || year === null) return { kind: 'error', code: 'invalid_characters' };
  if (day === '' && month === '' && year === '') return { kind: 'empty' };
  if (day === '' || month === '' || year === '') return { kind: 'error', code: 'date_incomplete' };
  // GOV.UK: "Year must include 4 numbers"; a day and month that fit say only the year is wrong.
  if (/^\d{1,3}$/.test(year) && /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month)) {
    return { kind: 'error', code: 'date_year_digits' };
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { kind: 'error', code: 'date_invalid' };
  }
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 31.02. over into March; a real calendar date survives the round trip.
  if (y < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { kind: 'error', code: 'date_invalid' };
  }
  return { kind: 'value', value: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}
