import { dayIntervals, type Office, type OfficeOpening, type OfficesStatus, type OpeningHours } from '../../contract';

/**
 * When an office is open (issue 14 item 15, issue 15): open now and until when, or when it opens next, from its
 * weekly hours (resources/offices/offices.json) and the core's clock, across the changes to and from summer time.
 * The help desk's hours are the `info` office's.
 */

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

/** Open now (and until when), or when it opens next; undefined when it never opens in the next two weeks. */
export function officeOpening(hours: OpeningHours, nowMs: number): OfficeOpening | undefined {
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

/** Every office's opening at `nowMs`, for the offices screen (API offices.status). */
export function officesStatus(offices: readonly Office[], nowMs: number): OfficesStatus {
  return {
    now: new Date(nowMs).toISOString(),
    offices: offices.map((office) => ({ id: office.id, opening: officeOpening(office, nowMs) ?? null })),
  };
}
