import type { KioskBookingNotice, TerminalToHub } from '../../contract/hub';
import type { HubLink } from './hub-link';

/** More than a day's bookings at one kiosk between two connections is not expected; older notices go first. */
const MAX_PENDING = 100;

/**
 * Tells the hub of the times booked (and cancelled) at this kiosk, so the staff console can list them. A notice
 * the hub could not take waits in memory and goes on the next connection; it never goes to disk (it carries the
 * resident's family name), so a kiosk restarted while the hub was out of reach loses it from the console's list,
 * never from the appointment system.
 */
export class BookingNotices {
  private pending: TerminalToHub[] = [];

  constructor(private readonly link: HubLink) {}

  made(booking: KioskBookingNotice): void {
    this.send({ type: 'booking.made', booking });
  }

  cancelled(code: string): void {
    this.send({ type: 'booking.cancelled', code });
  }

  /** The connection is (again) open: what waited goes now, in order. */
  flush(): void {
    const waiting = this.pending;
    this.pending = [];
    for (const message of waiting) this.send(message);
  }

  private send(message: TerminalToHub): void {
    if (this.link.send(message)) return;
    this.pending.push(message);
    if (this.pending.length > MAX_PENDING) this.pending.shift();
  }
}
