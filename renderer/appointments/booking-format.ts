import type { TFunction } from 'i18next';

/** The town's clock: the times are the office's local times wherever the kiosk's own clock is set. */
export const BOOKING_TIME_ZONE = 'Europe/Berlin';

const locale = (t: TFunction) => t('format.locale', { ns: 'common' });

/**
 * Formatters made once per locale and kind: a day's time buttons format each time several times, and making an
 * Intl.DateTimeFormat costs far more than using one (it was most of the time from a tapped day to its buttons).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: string, localeTag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${kind}|${localeTag}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(localeTag, options);
    formatters.set(key, made);
  }
  return made;
}

/** "Dienstag, 8. Dezember" for a YYYY-MM-DD day of the list. */
export function bookingDay(t: TFunction, date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return formatter('day', locale(t), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day, 12)));
}

/** The day of a booked time with its year: "Dienstag, 8. Dezember 2026". */
export function bookingDate(t: TFunction, timestamp: number): string {
  return formatter('date', locale(t), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: BOOKING_TIME_ZONE,
  }).format(new Date(timestamp * 1000));
}

/** "08:30" in the office's time. */
export function bookingTime(t: TFunction, timestamp: number): string {
  return formatter('time', locale(t), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: BOOKING_TIME_ZONE,
  }).format(new Date(timestamp * 1000));
}

/** Morning (before noon) or afternoon, in the office's time. */
export function dayPart(timestamp: number): 'morning' | 'afternoon' {
  const hour = Number(
    formatter('hour', 'en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: BOOKING_TIME_ZONE }).format(
      new Date(timestamp * 1000),
    ),
  );
  return hour < 12 ? 'morning' : 'afternoon';
}

/** The office's local day of a time, YYYY-MM-DD. */
export function bookingLocalDate(timestamp: number): string {
  return formatter('local-date', 'en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: BOOKING_TIME_ZONE,
  }).format(new Date(timestamp * 1000));
}
