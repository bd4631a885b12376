import { randomUUID } from 'node:crypto';
import { openJson, sealJson } from '../crypto/aead';
import { checkpointTruncate, type Db } from '../db/open-database';
import type { BookingCode } from './appointment-client';

/** A held time as the store keeps it: the booking code sealed, the rest plain (no personal data). */
export interface HeldBooking {
  id: string;
  sessionId: string | null;
  serviceId: string;
  heldAt: number;
  code: BookingCode;
  timestamp: number;
  officeId: number;
}

interface Row {
  id: string;
  session_id: string | null;
  service_id: string;
  held_at: number;
  ciphertext: Buffer;
  nonce: Buffer;
}

const aad = (id: string) => `held-booking:${id}`;

/**
 * The held reservation on disk (migration 0006): one row while a time is held, sealed with the master key;
 * removed, with the WAL truncated, once the time is confirmed or released, so nothing of it stays.
 */
export class HeldBookingStore {
  constructor(
    private readonly db: Db,
    private readonly masterKey: () => Buffer,
  ) {}

  save(held: Omit<HeldBooking, 'id'>): HeldBooking {
    const id = randomUUID();
    const secret = { code: held.code, timestamp: held.timestamp, officeId: held.officeId };
    const sealed = sealJson(this.masterKey(), secret, aad(id));
    this.db
      .prepare(
        'INSERT INTO held_bookings (id, session_id, service_id, held_at, ciphertext, nonce) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, held.sessionId, held.serviceId, held.heldAt, sealed.ciphertext, sealed.nonce);
    return { ...held, id };
  }

  /** Every held time; one that cannot be opened (another master key) is dropped, it can never be released. */
  all(): HeldBooking[] {
    const rows = this.db.prepare('SELECT * FROM held_bookings ORDER BY held_at').all() as Row[];
    const held: HeldBooking[] = [];
    for (const row of rows) {
      try {
        const secret = openJson(this.masterKey(), { ciphertext: row.ciphertext, nonce: row.nonce }, aad(row.id)) as {
          code: BookingCode;
          timestamp: number;
          officeId: number;
        };
        held.push({
          id: row.id,
          sessionId: row.session_id,
          serviceId: row.service_id,
          heldAt: row.held_at,
          ...secret,
        });
      } catch {
        this.remove(row.id);
      }
    }
    return held;
  }

  remove(id: string): boolean {
    const removed = this.db.prepare('DELETE FROM held_bookings WHERE id = ?').run(id).changes > 0;
    if (removed) checkpointTruncate(this.db);
    return removed;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM held_bookings').get() as { n: number }).n;
  }
}
