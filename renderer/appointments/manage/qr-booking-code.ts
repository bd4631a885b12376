import { bookingCodeText } from '../../../contract/booking';
import { BOOKING_CODE_INPUT_MAX, normaliseBookingCode } from '../../../contract/manage-booking';

/**
 * The booking code in a QR code's text, or undefined when the QR holds something else. The receipt's QR code
 * (core/receipt/qr.ts) encodes the booking code alone, exactly as printed ("335459-df70"); a scanner may add a
 * line break or spaces around it. Anything more (a web address, a second line, a desk code) is not a booking code,
 * so a stranger's QR code never reaches the appointment system.
 */
export function bookingCodeFromQr(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length > BOOKING_CODE_INPUT_MAX || /\s/.test(trimmed) || !trimmed.includes('-')) return undefined;
  const code = normaliseBookingCode(trimmed);
  return code ? bookingCodeText(code) : undefined;
}
