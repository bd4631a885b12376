/**
 * Wall-clock time in the offices' zone (Europe/Berlin) to epoch seconds and back, with Intl only:
 * opening hours are local, slot timestamps are absolute. Summer time is handled by asking Intl for the
 * zone's offset at the instant.
 */
export const OFFICE_TIME_ZONE = 'Europe/Berlin';

const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: OFFICE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function localParts(epochMs: number): { date: string; minutes: number; offsetMs: number } {
  const parts = Object.fromEntries(partsFormat.formatToParts(epochMs).map((part) => [part.type, part.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return {
    date,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    offsetMs: asUtc - (epochMs - (epochMs % 1000)),
  };
}

/** Epoch seconds of `minutes` after local midnight on `date` (YYYY-MM-DD). */
export function localToEpochSeconds(date: string, minutes: number): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(year, month - 1, day, 0, minutes);
  const first = guess - localParts(guess).offsetMs;
  // Once more at the corrected instant: the offset may differ across a summer-time change.
  const second = guess - localParts(first).offsetMs;
  return Math.floor(second / 1000);
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(epochMs: number): string {
  return localParts(epochMs).date;
}

/** Weekday of a date: 1 = Monday … 7 = Sunday (as ISO-8601). */
export function isoWeekday(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** A real calendar date in YYYY-MM-DD form. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}
