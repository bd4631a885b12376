import { isoDateInZone } from '../clock';

/** Making a formatter costs more than formatting with it. */
const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** The hour of the day (0–23) in the town's time zone: the finest time the usage figures hold. */
export function hourInZone(epochMs: number, timeZone: string): number {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    hourFormats.set(timeZone, format);
  }
  return Number(format.format(new Date(epochMs))) % 24;
}

export function dayInZone(epochMs: number, timeZone: string): string {
  return isoDateInZone(epochMs, timeZone);
}

/** YYYY-MM-DD minus `days` calendar days (day strings compare in order). */
export function daysBefore(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date - days)).toISOString().slice(0, 10);
}
