import type { PublishedCount } from '../../contract/usage';

/** The hub's published counts: a number, or "<5" where fewer than 5 sessions would be revealed. */
const SUPPRESSED: Extract<PublishedCount, string> = '<5';

export const isSuppressed = (count: PublishedCount): count is typeof SUPPRESSED => count === SUPPRESSED;

/** The number to draw: a suppressed cell is drawn as nothing (0) and labelled "< 5" instead. */
export const drawnValue = (count: PublishedCount): number => (isSuppressed(count) ? 0 : count);

/** How a count reads in a label or table cell: "< 5" (with a space, as in the explanation) or the number. */
export function countText(language: string, count: PublishedCount): string {
  return isSuppressed(count) ? '< 5' : new Intl.NumberFormat(language).format(count);
}

export const anySuppressed = (counts: readonly PublishedCount[]): boolean => counts.some(isSuppressed);

/** "2026-03" → "März 2026" / "March 2026". */
export function monthText(language: string, month: string, style: 'long' | 'short' = 'long'): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(language, { month: style, year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, monthNumber - 1, 1)),
  );
}

/** Weekday names, Monday first (the contract's index 0). 1 January 2024 was a Monday. */
export function weekdayNames(language: string, style: 'long' | 'short' = 'long'): string[] {
  const format = new Intl.DateTimeFormat(language, { weekday: style, timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, day) => format.format(new Date(Date.UTC(2024, 0, 1 + day))));
}
