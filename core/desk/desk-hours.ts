import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { DeskOpening } from '../../contract';

/**
 * When the Bürgerservice desk is open, as data (resources/desk/desk.json), so the handover screen and slip can
 * say when it is open next (issue 14, item 15). Days are ISO weekdays (1 = Monday … 7 = Sunday), times the
 * town's wall clock; intervals that touch (Thursday 8:30–12:00 and 12:00–18:00) count as one.
 */
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const DeskHoursSchema = z.strictObject({
  timeZone: z.string().min(1),
  openingHours: z
    .array(
      z
        .strictObject({ days: z.array(z.number().int().min(1).max(7)).min(1), from: Time, to: Time })
        .refine((interval) => interval.from < interval.to, 'from must be before to'),
    )
    .max(50),
});
export type DeskHours = z.infer<typeof DeskHoursSchema>;

/** The desk's hours, or undefined when the file is missing or wrong (then nothing is said about them). */
export function loadDeskHours(resourcesDir: string): DeskHours | undefined {
  try {
    const hours = DeskHoursSchema.parse(JSON.parse(readFileSync(join(resourcesDir, 'desk', 'desk.json'), 'utf8')));
    new Intl.DateTimeFormat('en', { timeZone: hours.timeZone });
    return hours;
  } catch {
    return undefined;
  }
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The wall clock in `timeZone` at `epochMs`: date parts and ISO weekday. */
function wallClock(epochMs: number, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
      weekday: 'short',
    })
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1;
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), weekday };
}

/** The instant of a wall-clock time in `timeZone` (correct across the changes to and from summer time). */
function instant(year: number, month: number, day: number, minute: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, 0, minute);
  const offsetAt = (epochMs: number) => {
    const wall = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    }).formatToParts(new Date(epochMs));
    const get = (type: string) => Number(wall.find((part) => part.type === type)!.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - epochMs;
  };
  const first = guess - offsetAt(guess);
  return guess - offsetAt(first);
}

/** One day's open intervals in minutes, sorted, touching ones joined. */
function dayIntervals(hours: DeskHours, weekday: number): [number, number][] {
  const intervals = hours.openingHours
    .filter((interval) => interval.days.includes(weekday))
    .map((interval): [number, number] => [minutes(interval.from), minutes(interval.to)])
    .sort((a, b) => a[0] - b[0]);
  const joined: [number, number][] = [];
  for (const interval of intervals) {
    const last = joined.at(-1);
    if (last && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
    else joined.push([...interval]);
  }
  return joined;
}

/** Open now (and until when), or when it opens next; undefined when it never opens in the next two weeks. */
export function deskOpening(hours: DeskHours, nowMs: number): DeskOpening | undefined {
  const { timeZone } = hours;
  for (let offset = 0; offset < 15; offset++) {
    // Noon of each day ahead: a safe hour to read the date from, whatever summer time does.
    const today = wallClock(nowMs, timeZone);
    const noon = instant(today.year, today.month, today.day, 12 * 60, timeZone) + offset * 86_400_000;
    const day = wallClock(noon, timeZone);
    for (const [from, to] of dayIntervals(hours, day.weekday)) {
      const start = instant(day.year, day.month, day.day, from, timeZone);
      const end = instant(day.year, day.month, day.day, to, timeZone);
      if (end <= nowMs) continue;
      return {
        openNow: start <= nowMs,
        from: new Date(start).toISOString(),
        until: new Date(end).toISOString(),
        timeZone,
      };
    }
  }
  return undefined;
}
