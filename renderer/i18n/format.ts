import type { TFunction } from 'i18next';

/** Locale used for dates and money, from the common locale file (e.g. de-DE, en-GB). */
function formatLocale(t: TFunction): string {
  return t('format.locale', { ns: 'common' });
}

/** "1980-12-24" → "24.12.1980" (de) / "24 December 1980" (en). Invalid input is returned unchanged. */
export function formatIsoDate(t: TFunction, iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const style = t('format.dateStyle', { ns: 'common' }) === 'long' ? 'long' : '2-digit';
  return new Intl.DateTimeFormat(formatLocale(t), {
    day: style === 'long' ? 'numeric' : '2-digit',
    month: style,
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

export function formatMoney(t: TFunction, cents: number, currency: string): string {
  return new Intl.NumberFormat(formatLocale(t), { style: 'currency', currency }).format(cents / 100);
}

export function formatDateTime(t: TFunction, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(formatLocale(t), { dateStyle: 'long', timeStyle: 'short' }).format(date);
}
