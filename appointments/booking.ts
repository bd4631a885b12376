import type { ScheduleSettings } from './config';
import { ZmsFailure } from './errors';
import { addDays, localDate, localToEpochSeconds } from './local-time';
import type { SampleCatalogue } from './sample-data';
import type { Schedule } from './schedule';
import { isActive, type ProcessRow, type ProcessStore, newAuthKey } from './store';
import type { CalendarQuery, ContactUpdate, ProcessRef, ReserveRequest } from './validation';

/**
 * What the routes do, on the store: free days and times, and the life of a process
 * (reserved → preconfirmed → confirmed, or deleted; a reservation expires unless updated in time).
 * Every change runs in an IMMEDIATE transaction: the write lock is taken before the slot is counted,
 * so two reserves of the last free time cannot both see it free, not even from two server processes.
 */
export class Booking {
  constructor(
    private readonly store: ProcessStore,
    private readonly schedule: Schedule,
    private readonly catalogue: SampleCatalogue,
    private readonly settings: ScheduleSettings,
    private readonly now: () => number,
    private readonly log: (event: string, fields: Record<string, unknown>) => void,
  ) {}

  /** Slots the services take together at an office, or a failure when the office does not offer one. */
  private slotCount(officeId: number, serviceIds: number[], serviceCounts: number[]): number {
    if (!this.schedule.office(officeId)) throw new ZmsFailure('invalidLocationAndServiceCombination');
    let total = 0;
    serviceIds.forEach((serviceId, index) => {
      const perUnit = this.schedule.slotsPerUnit(officeId, serviceId);
      const service = this.schedule.service(serviceId);
      if (perUnit === undefined || !service) throw new ZmsFailure('invalidLocationAndServiceCombination');
      const count = serviceCounts[index]!;
      if (count > service.maxQuantity) throw new ZmsFailure('tooManyServicesPerAppointment');
      total += perUnit * count;
    });
    return total;
  }

  /** Free starts of the day at an office for a run of `slots` slots, later than now. */
  private freeStarts(officeId: number, date: string, slots: number, occupancy: Map<number, number>): number[] {
    const nowSeconds = Math.floor(this.now() / 1000);
    const free: number[] = [];
    const day = this.schedule.slotsOn(officeId, date);
    for (const [index, start] of day.entries()) {
      if (start <= nowSeconds) continue;
      const run = this.schedule.runIn(day, index, slots);
      if (run && run.every((slot) => (occupancy.get(slot) ?? 0) < this.settings.capacity)) free.push(start);
    }
    return free;
  }

  calendar(query: CalendarQuery) {
    const slotsByOffice = query.officeIds.map((officeId) => ({
      officeId,
      slots: this.slotCount(officeId, query.serviceIds, query.serviceCounts),
    }));
    const today = localDate(this.now());
    const last = this.schedule.lastBookableDate(this.now());
    const from = query.startDate < today ? today : query.startDate;
    const to = query.endDate > last ? last : query.endDate;
    const availableDays: Array<{
      date: string;
      providerIDs: string;
      offices: Array<{ officeId: string; appointments: number[] }>;
    }> = [];
    if (from <= to) {
      const rangeStart = localToEpochSeconds(from, 0);
      const rangeEnd = localToEpochSeconds(addDays(to, 1), 0);
      const occupancy = new Map(
        slotsByOffice.map(({ officeId }) => [
          officeId,
          this.store.occupancy(officeId, rangeStart, rangeEnd, this.schedule.slotSeconds, this.now()),
        ]),
      );
      for (let date = from; date <= to; date = addDays(date, 1)) {
        const offices = slotsByOffice
          .map(({ officeId, slots }) => ({
            officeId,
            free: this.freeStarts(officeId, date, slots, occupancy.get(officeId)!),
          }))
          .filter((office) => office.free.length > 0);
        if (offices.length === 0) continue;
        const withSlots = date >= query.slotsStartDate && date <= query.slotsEndDate;
        availableDays.push({
          date,
          providerIDs: offices.map((office) => office.officeId).join(','),
          offices: offices.map((office) => ({
            officeId: String(office.officeId),
            appointments: withSlots ? office.free : [],
          })),
        });
      }
    }
    return {
      startDate: query.startDate,
      endDate: query.endDate,
      slotsStartDate: query.slotsStartDate,
      slotsEndDate: query.slotsEndDate,
      prevBookableDate: null,
      nextBookableDate: null,
      availableDays,
    };
  }

  reserve(request: ReserveRequest): ProcessRow {
    const slots = this.slotCount(request.officeId, request.serviceIds, request.serviceCounts);
    const reserve = this.store.db.transaction(() => {
      const nowMs = this.now();
      const run = this.schedule.run(request.officeId, request.timestamp, slots);
      // A past time, a time outside the opening hours or on a holiday, or one taken: not available.
      if (
        !run ||
        request.timestamp <= Math.floor(nowMs / 1000) ||
        localDate(request.timestamp * 1000) > this.schedule.lastBookableDate(nowMs)
      )
        throw new ZmsFailure('appointmentNotAvailable');
      const occupancy = this.store.occupancy(
        request.officeId,
        run[0]!,
        run[run.length - 1]! + 1,
        this.schedule.slotSeconds,
        nowMs,
      );
      if (run.some((slot) => (occupancy.get(slot) ?? 0) >= this.settings.capacity))
        throw new ZmsFailure('appointmentNotAvailable');
      return this.store.insertReservation({
        office_id: request.officeId,
        service_id: request.serviceIds[0]!,
        service_count: request.serviceCounts.reduce((sum, count) => sum + count, 0),
        slot_count: slots,
        timestamp: request.timestamp,
        created_at: nowMs,
        expires_at: nowMs + this.settings.reservationMinutes * 60_000,
      });
    });
    const row = reserve.immediate();
    this.log('appointment.reserved', { processId: row.process_id, officeId: row.office_id, timestamp: row.timestamp });
    return row;
  }

  /** The process the reference names, checked: found, not deleted, the right key. */
  private find(ref: ProcessRef): ProcessRow {
    const row = this.store.get(ref.processId);
    if (!row || row.status === 'deleted') throw new ZmsFailure('appointmentNotFound');
    if (row.auth_key !== ref.authKey) throw new ZmsFailure('authKeyMismatch');
    return row;
  }

  get(ref: ProcessRef): ProcessRow {
    const row = this.find(ref);
    // An expired reservation is gone for its holder, as in ZMS where it is deleted.
    if (!isActive(row, this.now())) throw new ZmsFailure('appointmentNotFound');
    return row;
  }

  update(update: ContactUpdate): ProcessRow {
    return this.store.db
      .transaction(() => {
        const row = this.find(update);
        if (row.status !== 'reserved' || !isActive(row, this.now())) throw new ZmsFailure('processNotReservedAnymore');
        return this.store.update(row.process_id, {
          family_name: update.familyName,
          email: update.email,
          telephone: update.telephone,
          custom_textfield: update.customTextfield,
          custom_textfield2: update.customTextfield2,
        });
      })
      .immediate();
  }

  preconfirm(ref: ProcessRef): ProcessRow {
    const row = this.store.db
      .transaction(() => {
        const found = this.find(ref);
        if (found.status !== 'reserved' || !isActive(found, this.now()))
          throw new ZmsFailure('processNotReservedAnymore');
        return this.store.update(found.process_id, {
          status: 'preconfirmed',
          expires_at: this.now() + this.settings.activationMinutes * 60_000,
        });
      })
      .immediate();
    this.log('appointment.preconfirmed', { processId: row.process_id });
    return row;
  }

  confirm(ref: ProcessRef): ProcessRow {
    const row = this.store.db
      .transaction(() => {
        const found = this.find(ref);
        if (found.status === 'preconfirmed' && !isActive(found, this.now()))
          throw new ZmsFailure('preconfirmationExpired');
        if (found.status !== 'preconfirmed') throw new ZmsFailure('processNotPreconfirmedAnymore');
        return this.store.update(found.process_id, { status: 'confirmed', expires_at: null });
      })
      .immediate();
    this.log('appointment.confirmed', { processId: row.process_id });
    return row;
  }

  /** Deletes the appointment and replaces its auth key, so the old booking code opens nothing any more. */
  cancel(ref: ProcessRef): ProcessRow {
    const row = this.store.db
      .transaction(() => {
        const found = this.find(ref);
        if (!isActive(found, this.now())) throw new ZmsFailure('appointmentNotFound');
        if (found.timestamp <= Math.floor(this.now() / 1000)) throw new ZmsFailure('appointmentCanNotBeCanceled');
        return this.store.update(found.process_id, { status: 'deleted', auth_key: newAuthKey(), expires_at: null });
      })
      .immediate();
    this.log('appointment.cancelled', { processId: row.process_id });
    return row;
  }

  /** Fault injection: fills a time as another kiosk would, between listing and reserving. */
  occupy(officeId: number, timestamp: number, slotCount = 1): number {
    const nowMs = this.now();
    let taken = 0;
    this.store.db
      .transaction(() => {
        const occupancy = this.store.occupancy(officeId, timestamp, timestamp + 1, this.schedule.slotSeconds, nowMs);
        const serviceId = this.catalogue.relations.find((relation) => relation.officeId === officeId)?.serviceId ?? 0;
        for (let used = occupancy.get(timestamp) ?? 0; used < this.settings.capacity; used += 1) {
          const row = this.store.insertReservation({
            office_id: officeId,
            service_id: serviceId,
            service_count: 1,
            slot_count: slotCount,
            timestamp,
            created_at: nowMs,
            expires_at: null,
          });
          this.store.update(row.process_id, { status: 'confirmed', family_name: 'Andere Buchung' });
          taken += 1;
        }
      })
      .immediate();
    return taken;
  }

  /** Fault injection: every held reservation and preconfirmation expires now. */
  expireHeld(): number {
    const result = this.store.db
      .prepare(`UPDATE processes SET expires_at = ? WHERE status IN ('reserved', 'preconfirmed') AND expires_at > ?`)
      .run(this.now(), this.now());
    return result.changes;
  }
}
