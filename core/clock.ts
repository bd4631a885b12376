import type { Clock } from './types';

export const systemClock: Clock = {
  now: () => Date.now(),
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/** Making a formatter costs more than formatting with it (about half a millisecond each). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Today" as YYYY-MM-DD in the town's time zone (a kiosk in Stade counts days in Berlin time). */
export function isoDateInZone(epochMs: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(epochMs));
}
