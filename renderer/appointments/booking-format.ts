import type { TFunction } from 'i18next';

/** The town's clock: the times are the office's local times wherever the kiosk's own clock is set. */
export const BOOKING_TIME_ZONE = 'Europe/Berlin';

const locale = (t: TFunction) => t('format.locale', { ns: 'common' });

/** "Dienstag, 8. Dezember" for a YYYY-MM-DD day of the list. */
export function bookingDay(t: TFunction, date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale(t), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day, 12)));
}

/** The day of a booked time with its year: "Dienstag, 8. Dezember 2026". */
export function bookingDate(t: TFunction, timestamp: number): string {
  return new Intl.DateTimeFormat(locale(t), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: BOOKING_TIME_ZONE,
  }).format(new Date(timestamp * 1000));
}

/** "08:30" in the office's time. */
export function bookingTime(t: TFunction, timestamp: number): string {
  return new Intl.DateTimeFormat(locale(t), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: BOOKING_TIME_ZONE,
  }).format(new Date(timestamp * 1000));
}

/** Morning (before noon) or afternoon, in the office's time. */
export function dayPart(timestamp: number): 'morning' | 'afternoon' {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: BOOKING_TIME_ZONE }).format(
      new Date(timestamp * 1000),
    ),
  );
  return hour < 12 ? 'morning' : 'afternoon';
}

/** The office's local day of a time, YYYY-MM-DD. */
export function bookingLocalDate(timestamp: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: BOOKING_TIME_ZONE,
  }).format(new Date(timestamp * 1000));
}
