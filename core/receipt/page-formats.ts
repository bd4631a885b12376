/**
 * The two receipt layouts in PDF points (1 pt = 1/72 inch). Type is large:
 * the receipt is for people with poor eyesight, so the smallest text on A4 is
 * 14 pt and on the 80 mm strip 12 pt (till receipts usually print 8–9 pt).
 */

export type ReceiptLayoutName = 'a4' | 'receipt80';
export const RECEIPT_LAYOUTS: readonly ReceiptLayoutName[] = ['a4', 'receipt80'];

export const MM = 72 / 25.4;

export interface TextStyle {
  weight: 'regular' | 'bold';
  size: number;
  /** Line pitch as a multiple of the size. */
  leading: number;
  /** Extra space between characters, in pt (spaces out the reference number). */
  characterSpacing?: number;
}

export interface PageFormat {
  name: ReceiptLayoutName;
  width: number;
  /** Fixed page height, or null: the page is as tall as its content (receipt roll). */
  height: number | null;
  margin: { top: number; right: number; bottom: number; left: number };
  /** Labels beside values (A4) or above them (narrow strip). */
  fieldLabelWidth: number | null;
  listIndent: number;
  qrSize: number;
  /** QR beside the reference (A4) or below it (narrow strip). */
  qrBeside: boolean;
  gap: { section: number; block: number; afterHeading: number };
  styles: {
    title: TextStyle;
    heading: TextStyle;
    body: TextStyle;
    strong: TextStyle;
    referenceLabel: TextStyle;
    reference: TextStyle;
    small: TextStyle;
  };
}

export const PAGE_FORMATS: Record<ReceiptLayoutName, PageFormat> = {
  a4: {
    name: 'a4',
    width: 210 * MM,
    height: 297 * MM,
    margin: { top: 15 * MM, right: 20 * MM, bottom: 15 * MM, left: 20 * MM },
    fieldLabelWidth: 42 * MM,
    listIndent: 7 * MM,
    qrSize: 36 * MM,
    qrBeside: true,
    gap: { section: 14, block: 5, afterHeading: 3 },
    styles: {
      title: { weight: 'bold', size: 24, leading: 1.2 },
      heading: { weight: 'bold', size: 18, leading: 1.25 },
      body: { weight: 'regular', size: 14, leading: 1.3 },
      strong: { weight: 'bold', size: 14, leading: 1.3 },
      referenceLabel: { weight: 'bold', size: 16, leading: 1.3 },
      reference: { weight: 'bold', size: 34, leading: 1.2, characterSpacing: 2.5 },
      small: { weight: 'regular', size: 14, leading: 1.3 },
    },
  },
  receipt80: {
    name: 'receipt80',
    width: 80 * MM,
    height: null,
    // 72 mm printable: 4 mm each side; extra space at the bottom for the tear-off edge.
    margin: { top: 5 * MM, right: 4 * MM, bottom: 12 * MM, left: 4 * MM },
    fieldLabelWidth: null,
    listIndent: 5 * MM,
    qrSize: 34 * MM,
    qrBeside: false,
    gap: { section: 13, block: 5, afterHeading: 3 },
    styles: {
      title: { weight: 'bold', size: 17, leading: 1.2 },
      heading: { weight: 'bold', size: 14.5, leading: 1.25 },
      body: { weight: 'regular', size: 13, leading: 1.3 },
      strong: { weight: 'bold', size: 13, leading: 1.3 },
      referenceLabel: { weight: 'bold', size: 13, leading: 1.3 },
      reference: { weight: 'bold', size: 24, leading: 1.2, characterSpacing: 1.2 },
      small: { weight: 'regular', size: 12, leading: 1.3 },
    },
  },
};

export function contentWidth(format: PageFormat): number {
  return format.width - format.margin.left - format.margin.right;
}
