import { Composer } from './compose';
import type { LaidOutReceipt, Measure, StructNode } from './layout-types';
import { contentWidth, MM, type PageFormat, type TextStyle } from './page-formats';
import { referenceQr } from './qr';
import type { SlipModel } from './slip-model';

/**
 * The code as large as the paper allows; codeStyle shrinks it for wide letters ("WWMW-MWWM") so it never
 * breaks. No extra letter spacing: with it, text extraction (a screen reader reading the PDF) split codes
 * like "8YGE-4WZ4" after the hyphen into two words.
 */
const SLIP_CODE: Record<PageFormat['name'], TextStyle> = {
  a4: { weight: 'bold', size: 64, leading: 1.2, characterSpacing: 0 },
  receipt80: { weight: 'bold', size: 30, leading: 1.2, characterSpacing: 0 },
};
const SLIP_QR_SIZE: Record<PageFormat['name'], number> = { a4: 55 * MM, receipt80: 40 * MM };

/**
 * The handover slip on the receipt's page formats: title, the code very large
 * and centred with its QR code below, what to do at the desk, the date, and
 * where the Bürgerservice desk is (set like the receipt's office block).
 */
export function layoutSlip(model: SlipModel, format: PageFormat, measure: Measure): LaidOutReceipt {
  const composer = new Composer(format, measure);
  const root: StructNode = { tag: 'Document', parent: null };
  const { styles, gap } = format;

  composer.paragraph(model.title, styles.title, root, 'H1');
  composer.paragraph(model.serviceLine, styles.body, root);
  composer.gap(gap.section);
  const codeSect: StructNode = { tag: 'Sect', parent: root };
  composer.centred(model.code.label, styles.referenceLabel, codeSect);
  composer.centred(model.code.value, codeStyle(model.code.value, format, measure), codeSect);
  composer.gap(gap.block);
  composer.qr(referenceQr(model.code.value), SLIP_QR_SIZE[format.name], model.code.qrAlt, codeSect);
  composer.gap(gap.section);
  composer.paragraph(model.instruction, styles.strong, root);
  composer.gap(gap.block);
  composer.paragraph(model.issuedAt, styles.body, root);
  for (const line of model.times) composer.paragraph(line, styles.strong, root);
  composer.section(model.office, root);

  composer.gap(gap.section);
  composer.rule();
  composer.gap(gap.block);
  for (const line of model.footer) composer.paragraph(line, styles.small, root);
  composer.paragraph(model.issuer, styles.small, root);
  return composer.finish(root, model.pagination);
}

/** The code on one line: a code split at its hyphen reads as two codes, and a staff member would type half of it. */
export function codeStyle(code: string, format: PageFormat, measure: Measure): TextStyle {
  const style = SLIP_CODE[format.name];
  const width = measure(code, style);
  const room = contentWidth(format);
  if (width <= room) return style;
  // Width is near linear in size (SLIP_CODE has no letter spacing to scale); the 0.98 keeps rounding in the
  // renderer's measure from tipping it over.
  const scale = (room / width) * 0.98;
  return { ...style, size: style.size * scale };
}
