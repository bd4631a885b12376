import { LANGUAGES } from '../../contract/languages';

/** Unicode's left-to-right isolate and its end (U+2066, U+2069): invisible, and not read aloud. */
const LRI = '\u2066';
const PDI = '\u2069';

/**
 * Numbers in groups: phone numbers ("04141 123456", "+49 4141 12-0"), dates ("24.12.1980"),
 * times and number ranges. A single group needs nothing: digits alone keep their order.
 */
const GROUPED_NUMBER = /\+?\d+(?:[ \u00a0./:\-–]\d+)+/g;

/**
 * In right-to-left text the Unicode bidi algorithm lays out digit groups separated by spaces
 * from right to left ("04141 123456" shows as "123456 04141"). Each grouped number is set
 * apart as one left-to-right run, so it reads as written.
 */
export function isolateNumbers(text: string): string {
  return text.replace(GROUPED_NUMBER, (number) => `${LRI}${number}${PDI}`);
}

/** The isolates again removed, for the speech synthesiser and for comparing texts. */
export function withoutIsolates(text: string): string {
  return text.replace(/[\u2066-\u2069]/g, '');
}

const RTL = new Set<string>(LANGUAGES.filter((language) => language.dir === 'rtl').map((language) => language.code));

export function isRightToLeft(language: string | undefined): boolean {
  return language !== undefined && RTL.has(language);
}

/** i18next post-processor: numbers isolated in the texts of right-to-left languages only. */
export const bidiPostProcessor = {
  type: 'postProcessor' as const,
  name: 'bidiNumbers',
  process(value: string, _key: string | string[], options: { lng?: string }, translator: { language?: string }) {
    return isRightToLeft(options.lng ?? translator.language) ? isolateNumbers(value) : value;
  },
};
