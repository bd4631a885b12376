import type { ScheduleSettings } from './config';
import { addDays, isoWeekday, localDate, localToEpochSeconds } from './local-time';
import type { SampleCatalogue, SampleOffice } from './sample-data';

/**
 * Which slots an office has: its opening hours cut into slots of the configured length, on every
 * working day that is not a holiday, up to `bookableWeeks` ahead. A slot is its start, in epoch seconds.
 */
export class Schedule {
  private readonly offices: Map<number, SampleOffice>;
  private readonly holidays: Set<string>;
  private readonly relations: Map<string, number>;
  private readonly daySlots = new Map<string, number[]>();
  readonly slotSeconds: number;

  constructor(
    private readonly catalogue: SampleCatalogue,
    private readonly settings: ScheduleSettings,
  ) {
    this.offices = new Map(catalogue.offices.map((office) => [office.id, office]));
    this.holidays = new Set(settings.holidays);
    this.relations = new Map(
      catalogue.relations.map((relation) => [`${relation.officeId}:${relation.serviceId}`, relation.slots]),
    );
    this.slotSeconds = settings.slotMinutes * 60;
  }

  office(id: number): SampleOffice | undefined {
    return this.offices.get(id);
  }

  /** Slots one unit of the service takes at the office, or undefined where the office does not offer it. */
  slotsPerUnit(officeId: number, serviceId: number): number | undefined {
    return this.relations.get(`${officeId}:${serviceId}`);
  }

  service(id: number) {
    return this.catalogue.services.find((service) => service.id === id);
  }

  /** The last bookable date seen from `nowMs`. */
  lastBookableDate(nowMs: number): string {
    return addDays(localDate(nowMs), this.settings.bookableWeeks * 7);
  }

  /** Slot starts of an office on a local date (ascending; empty on closed days). */
  slotsOn(officeId: number, date: string): number[] {
    const key = `${officeId}:${date}`;
    const cached = this.daySlots.get(key);
    if (cached) return cached;
    const office = this.offices.get(officeId);
    const slots: number[] = [];
    if (office && !this.holidays.has(date)) {
      const blocks = office.hours[isoWeekday(date) as 1] ?? [];
      for (const [from, to] of blocks) {
        const start = minutesOf(from);
        const end = minutesOf(to);
        for (let minute = start; minute + this.settings.slotMinutes <= end; minute += this.settings.slotMinutes) {
          slots.push(localToEpochSeconds(date, minute));
        }
      }
    }
    this.daySlots.set(key, slots);
    return slots;
  }

  /** The run of `count` slots from `start` if each is a slot of that day (no gap over lunch), else undefined. */
  run(officeId: number, start: number, count: number): number[] | undefined {
    const day = this.slotsOn(officeId, localDate(start * 1000));
    return this.runIn(day, day.indexOf(start), count);
  }

  /** As run(), within a day's slots already at hand (no date arithmetic: the calendar calls it per slot). */
  runIn(day: readonly number[], index: number, count: number): number[] | undefined {
    if (index === -1) return undefined;
    const run = day.slice(index, index + count);
    if (run.length !== count) return undefined;
    for (let step = 1; step < run.length; step += 1) {
      if (run[step]! - run[step - 1]! !== this.slotSeconds) return undefined;
    }
    return run;
  }
}

function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}
