import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { bookingCodeText } from '../../contract/booking';
import { QR_QUIET_ZONE, referenceQr } from '../../core/receipt/qr';
import { bookingCodeFromQr } from '../../renderer/appointments/manage/qr-booking-code';

/** The receipt's QR code as RGBA pixels (4 px a module, with its quiet zone), as a camera frame would hold it. */
function qrPixels(text: string): { data: Uint8ClampedArray; size: number } {
  const matrix = referenceQr(text);
  const scale = 4;
  const modules = matrix.length + 2 * QR_QUIET_ZONE;
  const size = modules * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  matrix.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const offset = (((y + QR_QUIET_ZONE) * scale + dy) * size + (x + QR_QUIET_ZONE) * scale + dx) * 4;
          data.fill(0, offset, offset + 3);
        }
      }
    }),
  );
  return { data, size };
}

describe('the booking code in a QR code (issue 16)', () => {
  it('reads the code from the receipt QR code itself, decoded by jsqr', () => {
    const code = bookingCodeText({ processId: 335459, authKey: 'df70' });
    const { data, size } = qrPixels(code);
    const decoded = jsQR(data, size, size);
    expect(decoded?.data).toBe(code);
    expect(bookingCodeFromQr(decoded!.data)).toBe('335459-df70');
  });

  it('forgives what a scanner adds around the code and capitals', () => {
    expect(bookingCodeFromQr('  335459-DF70\r\n')).toBe('335459-df70');
    expect(bookingCodeFromQr('1-abcd')).toBe('1-abcd');
  });

  it.each([
    ['a web address', 'https://example.org/335459-df70'],
    ['two lines', '335459-df70\n335459-df71'],
    ['a space inside', '335459 -df70'],
    ['no hyphen (a number or a desk code)', '335459df70'],
    ['a desk code', 'K7MR-4QXP-9'],
    ['a key too short', '335459-df7'],
    ['process id zero', '0-df70'],
    ['too long', `335459-${'a'.repeat(60)}`],
    ['empty', ''],
  ])('refuses %s', (_label, text) => {
    expect(bookingCodeFromQr(text)).toBeUndefined();
  });
});
