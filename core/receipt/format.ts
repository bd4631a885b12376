/** Locale-aware formatting for the receipt; the locale tag comes from the receipt's locale file. */

/** The town's clock: a receipt printed in Stade shows Stade's time, whatever the machine's zone. */
export const DEFAULT_RECEIPT_TIME_ZONE = 'Europe/Berlin';

/** Parses the confirmation's submittedAt (ISO 8601) and refuses anything else. */
export function parseSubmittedAt(submittedAt: string): Date {
  const date = new Date(submittedAt);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(submittedAt) || Number.isNaN(date.getTime())) {
    throw new RangeError('submittedAt must be an ISO 8601 date-time');
  }
  return date;
}

/** "Freitag, 14. März 2025" / "Friday 14 March 2025": the weekday helps people place the day. */
export function formatLongDate(date: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone }).format(date);
}

/** "10:42" (24-hour in de-DE and en-GB). */
export function formatTime(date: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(date);
}

export function formatMoney(cents: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}
