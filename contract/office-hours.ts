import type { OpeningHours } from './office';

/**
 * Weekly opening hours as text, made from the data with Intl in the page's (or receipt's) locale: weekday names,
 * day ranges and times, so no language holds an hours string of its own. Shown, spoken and printed alike.
 */

export interface HoursRow {
  /** "Montag – Freitag", "Dienstag und Donnerstag". */
  days: string;
  /** "08:30–12:00 Uhr und 14:00–18:00 Uhr". */
  times: string;
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** One weekday's open intervals in minutes, sorted, touching ones joined. */
export function dayIntervals(hours: OpeningHours, weekday: number): [number, number][] {
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

// 1 January 2024 was a Monday: ISO weekday d is 2024-01-0d; times are read on that day in UTC.
const weekdayDate = (weekday: number) => new Date(Date.UTC(2024, 0, weekday, 12));
const timeDate = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute));

/**
 * For speech: "from … to …" in the language's words, since a dash is silent and "12:00" is read "twelve zero
 * zero"; times then drop ":00" ("12 Uhr"). Without it, ranges are Intl's formatRange ("08:30–12:00 Uhr").
 */
export type SpokenRange = (from: string, to: string) => string;

/** The days an office keeps the same hours: runs of three or more as a range, the rest listed. */
function daysText(days: number[], locale: string, range?: SpokenRange): string {
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  const runs: number[][] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  const parts = runs.flatMap((run) =>
    run.length >= 3
      ? [
          range
            ? range(weekday.format(weekdayDate(run[0]!)), weekday.format(weekdayDate(run.at(-1)!)))
            : weekday.formatRange(weekdayDate(run[0]!), weekdayDate(run.at(-1)!)),
        ]
      : run.map((day) => weekday.format(weekdayDate(day))),
  );
  // Intl puts thin spaces around the dash between two days; the receipt fonts have none (they would vanish).
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts).replace(/\u2009/g, ' ');
}

/** The week's hours, one row per set of days with the same times, Monday first; closed days are left out. */
export function weeklyHours(hours: OpeningHours, locale: string, range?: SpokenRange): HoursRow[] {
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  const fullHour = new Intl.DateTimeFormat(locale, { hour: 'numeric', timeZone: 'UTC' });
  const spoken = (minute: number) => (minute % 60 === 0 ? fullHour : time).format(timeDate(minute));
  const interval = ([from, to]: [number, number]) =>
    range ? range(spoken(from), spoken(to)) : time.formatRange(timeDate(from), timeDate(to));
  const groups = new Map<string, { days: number[]; intervals: [number, number][] }>();
  for (let day = 1; day <= 7; day++) {
    const intervals = dayIntervals(hours, day);
    if (intervals.length === 0) continue;
    const key = JSON.stringify(intervals);
    const group = groups.get(key) ?? { days: [], intervals };
    group.days.push(day);
    groups.set(key, group);
  }
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  return [...groups.values()].map((group) => ({
    days: daysText(group.days, locale, range),
    times: list.format(group.intervals.map(interval)),
  }));
}

/** The rows as one sentence each, for speech and for one-line places: "Montag – Freitag: 08:30–12:00 Uhr". */
export function weeklyHoursLines(hours: OpeningHours, locale: string, range?: SpokenRange): string[] {
  return weeklyHours(hours, locale, range).map((row) => `${row.days}: ${row.times}`);
}
