import { Composer } from './compose';
import type { LaidOutReceipt, Measure, StructNode } from './layout-types';
import { MM, type PageFormat, type TextStyle } from './page-formats';
import { referenceQr } from './qr';
import type { SlipModel } from './slip-model';

/** The code as large as the paper allows (9 characters must fit one line of the 72 mm strip). */
const SLIP_CODE: Record<PageFormat['name'], TextStyle> = {
  a4: { weight: 'bold', size: 64, leading: 1.2, characterSpacing: 4 },
  receipt80: { weight: 'bold', size: 30, leading: 1.2, characterSpacing: 1.5 },
};
const SLIP_QR_SIZE: Record<PageFormat['name'], number> = { a4: 55 * MM, receipt80: 40 * MM };

/**
 * The handover slip on the receipt's page formats: title, the code very large
 * and centred with its QR code below, what to do at the desk, the date, and
 * the office block as on the receipt.
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
  composer.centred(model.code.value, SLIP_CODE[format.name], codeSect);
  composer.gap(gap.block);
  composer.qr(referenceQr(model.code.value), SLIP_QR_SIZE[format.name], model.code.qrAlt, codeSect);
  composer.gap(gap.section);
  composer.paragraph(model.instruction, styles.strong, root);
  composer.gap(gap.block);
  composer.paragraph(model.issuedAt, styles.body, root);
  composer.section(model.office, root);

  composer.gap(gap.section);
  composer.rule();
  composer.gap(gap.block);
  for (const line of model.footer) composer.paragraph(line, styles.small, root);
  composer.paragraph(model.issuer, styles.small, root);
  return composer.finish(root, model.pagination);
}
