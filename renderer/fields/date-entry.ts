import type { DateParts } from '../../contract';

/**
 * Typing a date as people do (issue 14): "27031958" or "27.03.1958" in the day field fills all three,
 * and two digits in Tag or Monat move on to the next field. Pure, so unit tests cover every case.
 */

export type DatePart = keyof DateParts;
export const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year'];

const NEXT: Record<DatePart, DatePart | null> = { day: 'month', month: 'year', year: null };
/** A whole date with separators: 27.03.1958, 27 3 1958, 27/03/58. */
const WITH_SEPARATORS = /^\s*(\d{1,2})\s*[.\s/-]\s*(\d{1,2})\s*[.\s/-]\s*(\d{1,4})\s*$/;
/** Only separators: what is left over when "27." moved on and the dot is typed into Monat. */
const ONLY_SEPARATORS = /^[.\s/-]+$/;

export interface DateEntry {
  value: DateParts;
  /** The field to move the cursor to, if typing finished this one. */
  focus?: DatePart;
}

/** What typing `typed` into `part` (which held `previous`) does to the whole date. */
export function enterDatePart(value: DateParts, part: DatePart, typed: string): DateEntry {
  const previous = value[part];
  const grew = typed.length > previous.length;
  if (part === 'year') return { value: { ...value, year: ONLY_SEPARATORS.test(typed) ? '' : typed } };
  const whole = WITH_SEPARATORS.exec(typed);
  if (part === 'day' && whole) {
    return { value: { day: whole[1]!, month: whole[2]!, year: whole[3]! }, focus: 'year' };
  }
  if (ONLY_SEPARATORS.test(typed)) return { value: { ...value, [part]: '' } };
  // A separator typed after one digit ("3.") also means: this part is done.
  const separated = /^(\d{1,2})[.\s/-]$/.exec(typed);
  if (separated && grew) return { value: { ...value, [part]: separated[1]! }, focus: NEXT[part]! };
  if (/^\d{3,}$/.test(typed)) {
    // More digits than the part holds: they run on into the next parts (27031958 → 27 03 1958).
    const digits = typed;
    const next: DateParts = { ...value, [part]: digits.slice(0, 2) };
    if (part === 'day') {
      next.month = digits.slice(2, 4);
      if (digits.length > 4) next.year = digits.slice(4, 8);
      return { value: next, focus: digits.length > 4 ? 'year' : 'month' };
    }
    next.year = digits.slice(2, 6);
    return { value: next, focus: 'year' };
  }
  const done = grew && /^\d{2}$/.test(typed);
  return done ? { value: { ...value, [part]: typed }, focus: NEXT[part]! } : { value: { ...value, [part]: typed } };
}

/**
 * Which of the three fields a date error is about, so only those turn red (GOV.UK date input):
 * a missing part, a year without 4 digits, a day or month that cannot be; else the whole date.
 */
export function datePartsInError(code: string | undefined, value: DateParts): DatePart[] {
  if (!code) return [];
  const trimmed = (part: DatePart) => value[part].trim();
  if (code === 'date_year_digits') return ['year'];
  if (code === 'date_incomplete') {
    const empty = DATE_PARTS.filter((part) => trimmed(part) === '');
    return empty.length > 0 ? empty : [...DATE_PARTS];
  }
  if (code === 'date_invalid') {
    const number = (part: DatePart) => (/^\d{1,2}$/.test(trimmed(part)) ? Number(trimmed(part)) : NaN);
    const wrong: DatePart[] = [];
    const day = number('day');
    const month = number('month');
    if (!(day >= 1 && day <= 31)) wrong.push('day');
    if (!(month >= 1 && month <= 12)) wrong.push('month');
    if (!/^\d{4}$/.test(trimmed('year'))) wrong.push('year');
    return wrong.length > 0 ? wrong : [...DATE_PARTS];
  }
  return [...DATE_PARTS];
}
