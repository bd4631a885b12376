import {
  fieldScript,
  type AnswerInput,
  type AnswerValue,
  type DateParts,
  type Field,
  type FieldErrorCode,
} from '../../contract';
import type { JsonSchemaObject } from '../catalog/loaded-service';

/**
 * Turns what the renderer sent for one field into the value the schema sees.
 * Strings are checked for hidden characters first (never stored), then
 * NFC-normalised and trimmed; dates go from parts to ISO; numbers from text.
 */
export type CleanResult =
  | { kind: 'value'; value: AnswerValue }
  | { kind: 'empty' }
  | { kind: 'error'; code: FieldErrorCode; params?: Record<string, string | number> };

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

export function cleanAnswer(field: Field, property: JsonSchemaObject, input: AnswerInput | undefined): CleanResult {
  if (input === undefined) return { kind: 'empty' };
  switch (field.type) {
    case 'confirm':
      return typeof input === 'boolean' ? { kind: 'value', value: input } : invalid();
    case 'checkboxes': {
      if (!Array.isArray(input)) return invalid();
      const values: string[] = [];
      for (const item of input) {
        const cleaned = cleanString(item, false);
        if (cleaned === null) return { kind: 'error', code: 'invalid_characters' };
        values.push(cleaned);
      }
      return values.length === 0 ? { kind: 'empty' } : { kind: 'value', value: values };
    }
    case 'date':
      return typeof input === 'object' && !Array.isArray(input) ? dateFromParts(input) : invalid();
    default: {
      if (typeof input !== 'string') return invalid();
      const cleaned = cleanString(input, field.type === 'textarea');
      if (cleaned === null) return { kind: 'error', code: 'invalid_characters' };
      if (cleaned === '') return { kind: 'empty' };
      // Names and addresses go into registers in Latin letters, as in the identity card; the core is the authority.
      if (fieldScript(field) === 'latin' && NON_LATIN_LETTER.test(cleaned)) return { kind: 'error', code: 'not_latin' };
      return field.type === 'number' ? numberFromText(cleaned, property) : { kind: 'value', value: cleaned };
    }
  }
}

function invalid(): CleanResult {
  return { kind: 'error', code: 'invalid' };
}

function numberFromText(text: string, property: JsonSchemaObject): CleanResult {
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
