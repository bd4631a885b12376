import type { TFunction } from 'i18next';

/**
 * The spoken form of a text: its `<key>_spoken` variant where the locale file
 * has one (for "Nr.", "m³", "Mo–Fr 8:30" …), else the text shown on screen.
 * Both come from the same locale files as the screen, in the session language.
 */
export function spokenText(t: TFunction, key: string, options: Record<string, unknown> = {}): string {
  return t([`${key}_spoken`, key], options);
}

/** A phone number digit by digit, groups apart: "04141 12-0" → "0 4 1 4 1, 1 2, 0". */
export function spokenDigits(text: string): string {
  return text
    .split(/[\s/-]+/)
    .filter(Boolean)
    .map((group) => group.split('').join(' '))
    .join(', ');
}

/** A reference like "K7MR-4QXP-9" letter by letter, as the screen reader text of ReferenceNumber. */
export function spokenReference(reference: string): string {
  return spokenDigits(reference);
}

/** "1980-12-24" → "24. Dezember 1980": the month as a word reads better than "24.12.1980". */
export function spokenDate(t: TFunction, iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(t('format.locale', { ns: 'common' }), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** "13 Euro" rather than "13,00 €". */
export function spokenMoney(t: TFunction, cents: number, currency: string): string {
  return new Intl.NumberFormat(t('format.locale', { ns: 'common' }), {
    style: 'currency',
    currency,
    currencyDisplay: 'name',
    ...(cents % 100 === 0 ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
  }).format(cents / 100);
}
