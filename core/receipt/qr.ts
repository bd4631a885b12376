import QRCode from 'qrcode';

/** Modules of the QR code, row by row (true = dark). */
export type QrMatrix = boolean[][];

/** Modules of light margin the QR standard asks for around the symbol. */
export const QR_QUIET_ZONE = 4;

/**
 * The QR code of a reference number. Only the reference is encoded: staff
 * scan it at the desk, and a code on a slip left behind tells nobody anything
 * more. Level Q survives smudges and a worn thermal print head, and the
 * canonical reference ("K7MR-4QXP-9", alphanumeric mode) still fits version 1.
 */
export function referenceQr(reference: string): QrMatrix {
  const { modules } = QRCode.create(reference, { errorCorrectionLevel: 'Q' });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, column) => modules.get(row, column) === 1),
  );
}
