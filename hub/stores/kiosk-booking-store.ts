import type { KioskBookingNotice } from '../../contract/hub';
import { isoDateInZone } from '../../core/clock';
import type { Db } from '../../core/db/open-database';
import { statement } from '../db/statements';

/** A booking stays a day past its time: long enough for the counter, no longer (it is personal data). */
export const KIOSK_BOOKING_KEEP_MS = 24 * 60 * 60_000;
/** The town's clock: "today" at the counter. */
const HUB_TIME_ZONE = 'Europe/Berlin';

export interface KioskBookingRecord extends KioskBookingNotice {
  terminalId: string;
  cancelled: boolean;
}

interface KioskBookingRow {
  code: string;
  terminal_id: string;
  service_id: string;
  office_name: string;
  starts_at: number;
  family_name: string;
  cancelled: number;
}

const toRecord = (row: KioskBookingRow): KioskBookingRecord => ({
  code: row.code,
  terminalId: row.terminal_id,
  serviceId: row.service_id,
  officeName: row.office_name,
  startsAt: new Date(row.starts_at).toISOString(),
  familyName: row.family_name,
  cancelled: row.cancelled === 1,
});

/** Times booked at the kiosks, reported by each kiosk after the appointment system confirmed them. */
export class KioskBookingStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** Stored once per code; a kiosk sending it again (after a reconnect) changes nothing. */
  record(terminalId: string, booking: KioskBookingNotice): void {
    statement(
      this.db,
      `INSERT OR IGNORE INTO kiosk_bookings (code, terminal_id, service_id, office_name, starts_at, family_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      booking.code,
      terminalId,
      booking.serviceId,
      booking.officeName,
      Date.parse(booking.startsAt),
      booking.familyName,
      this.now(),
    );
  }

  /** Only the kiosk that booked it can mark it cancelled. */
  cancel(terminalId: string, code: string): void {
    statement(this.db, 'UPDATE kiosk_bookings SET cancelled = 1 WHERE code = ? AND terminal_id = ?').run(
      code,
      terminalId,
    );
  }

  find(code: string): KioskBookingRecord | undefined {
    const row = statement(this.db, 'SELECT * FROM kiosk_bookings WHERE code = ?').get(code) as
      KioskBookingRow | undefined;
    return row && toRecord(row);
  }

  /** Today's bookings in the town's time zone, by office and time. */
  today(): KioskBookingRecord[] {
    const now = this.now();
    const today = isoDateInZone(now, HUB_TIME_ZONE);
    const rows = statement(
      this.db,
      'SELECT * FROM kiosk_bookings WHERE starts_at BETWEEN ? AND ? ORDER BY office_name, starts_at',
    ).all(now - 36 * 60 * 60_000, now + 36 * 60 * 60_000) as KioskBookingRow[];
    return rows.filter((row) => isoDateInZone(row.starts_at, HUB_TIME_ZONE) === today).map(toRecord);
  }

  purgePast(): number {
    return statement(this.db, 'DELETE FROM kiosk_bookings WHERE starts_at <= ?').run(this.now() - KIOSK_BOOKING_KEEP_MS)
      .changes;
  }
}
