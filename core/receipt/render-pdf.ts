import PDFDocument from 'pdfkit';
import { fitReceipt } from './compose';
import { splitRuns } from './font-runs';
import { defaultReceiptFonts, type ReceiptFonts } from './fonts';
import type { LaidItem, LaidOutReceipt, Measure, StructNode } from './layout-types';
import { PAGE_FORMATS, type ReceiptLayoutName } from './page-formats';
import { QR_QUIET_ZONE } from './qr';
import type { ReceiptDocument } from './receipt-model';
import { layoutSlip } from './slip-layout';
import type { SlipModel } from './slip-model';

export interface RenderReceiptOptions {
  /** Default: the kiosk font with DejaVu Sans as fallback (see fonts.ts). */
  fonts?: ReceiptFonts;
}

/** The receipt as a PDF: 'a4' for an office printer, 'receipt80' for an 80 mm receipt printer. */
export async function renderReceipt(
  model: ReceiptDocument,
  layout: ReceiptLayoutName,
  options: RenderReceiptOptions = {},
): Promise<Buffer> {
  return (await renderReceiptWithLayout(model, layout, options)).pdf;
}

/** Also returns where everything was placed (tests check the QR and the margins with it). */
export function renderReceiptWithLayout(
  model: ReceiptDocument,
  layout: ReceiptLayoutName,
  options: RenderReceiptOptions = {},
): Promise<{ pdf: Buffer; layout: LaidOutReceipt }> {
  const meta = { ...model, subject: model.serviceTitle };
  return renderLaidOut(meta, (measure) => fitReceipt(model, PAGE_FORMATS[layout], measure), options);
}

/** The handover slip as a PDF, on the receipt's page formats and with its fonts and tagging. */
export async function renderSlip(
  model: SlipModel,
  layout: ReceiptLayoutName,
  options: RenderReceiptOptions = {},
): Promise<Buffer> {
  const meta = { ...model, subject: model.title };
  return (await renderLaidOut(meta, (measure) => layoutSlip(model, PAGE_FORMATS[layout], measure), options)).pdf;
}

interface DocumentMeta {
  language: string;
  direction: 'ltr' | 'rtl';
  documentTitle: string;
  subject: string;
  issuer: string;
  createdAt: string;
}

async function renderLaidOut(
  model: DocumentMeta,
  lay: (measure: Measure) => LaidOutReceipt,
  options: RenderReceiptOptions,
): Promise<{ pdf: Buffer; layout: LaidOutReceipt }> {
  // pdfkit lays text out left to right only; right-to-left receipts need another renderer.
  if (model.direction !== 'ltr') throw new Error('Right-to-left receipts are not supported by the PDF renderer');
  const fonts = options.fonts ?? defaultReceiptFonts();
  const created = new Date(model.createdAt);
  const doc = new PDFDocument({
    autoFirstPage: false,
    pdfVersion: '1.7',
    tagged: true,
    lang: model.language,
    displayTitle: true,
    // null skips pdfkit's default Helvetica, which would be listed as a non-embedded font.
    font: null as unknown as string,
    info: {
      Title: xmpSafe(model.documentTitle),
      Subject: xmpSafe(model.subject),
      Author: xmpSafe(model.issuer),
      Creator: 'Bürgerkiosk',
      Producer: 'Bürgerkiosk (PDFKit)',
      // Fixed dates (the moment of sending) make the same receipt the same bytes.
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  for (const face of [...fonts.regular, ...fonts.bold]) doc.registerFont(face.id, face.data);
  const measure: Measure = (text, style) => {
    const spacing = style.characterSpacing ?? 0;
    const runs = splitRuns(text, fonts[style.weight]);
    let width = spacing * Math.max(0, runs.length - 1);
    for (const run of runs) {
      doc.font(run.face.id).fontSize(style.size);
      width += doc.widthOfString(run.text, { characterSpacing: spacing });
    }
    return width;
  };
  const laidOut = lay(measure);

  const root = doc.struct('Document');
  doc.addStructure(root);
  const elements = new Map<StructNode, PDFKit.PDFStructureElement>([[laidOut.structRoot, root]]);
  const elementFor = (node: StructNode): PDFKit.PDFStructureElement => {
    const known = elements.get(node);
    if (known) return known;
    const parent = elementFor(node.parent!);
    const element = doc.struct(node.tag, node.alt ? { alt: node.alt } : {});
    parent.add(element);
    elements.set(node, element);
    return element;
  };

  let page = -1;
  for (const item of laidOut.items) {
    while (page < item.page) {
      doc.addPage({ size: [laidOut.format.width, laidOut.pageHeight], margin: 0 });
      page += 1;
    }
    if (item.kind === 'frame' || item.kind === 'rule' || item.kind === 'pagination') {
      doc.markContent('Artifact', { type: item.kind === 'pagination' ? 'Pagination' : 'Layout' });
      if (item.kind === 'pagination') drawText(doc, fonts, item, measure);
      else drawDecoration(doc, item);
      doc.endMarkedContent();
      continue;
    }
    // Structure closures run at once: each item becomes a marked-content sequence of its element.
    elementFor(item.struct).add(() => (item.kind === 'text' ? drawText(doc, fonts, item, measure) : drawQr(doc, item)));
  }
  root.end();
  doc.end();
  await finished;
  return { pdf: Buffer.concat(chunks), layout: laidOut };
}

function drawText(
  doc: PDFKit.PDFDocument,
  fonts: ReceiptFonts,
  item: Extract<LaidItem, { kind: 'text' | 'pagination' }>,
  measure: Measure,
): void {
  const spacing = item.style.characterSpacing ?? 0;
  let x = item.x;
  for (const run of splitRuns(item.text, fonts[item.style.weight])) {
    doc.font(run.face.id).fontSize(item.style.size).fillColor('black');
    doc.text(run.text, x, item.baseline, { lineBreak: false, baseline: 'alphabetic', characterSpacing: spacing });
    x += measure(run.text, item.style) + spacing;
  }
}

/** Dark modules as one filled path: one fill leaves no hairline seams between neighbouring modules. */
function drawQr(doc: PDFKit.PDFDocument, item: Extract<LaidItem, { kind: 'qr' }>): void {
  const count = item.matrix.length;
  const module = item.size / (count + 2 * QR_QUIET_ZONE);
  const origin = { x: item.x + QR_QUIET_ZONE * module, y: item.y + QR_QUIET_ZONE * module };
  item.matrix.forEach((row, r) => {
    let c = 0;
    while (c < count) {
      if (!row[c]) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < count && row[c]) c += 1;
      doc.rect(origin.x + start * module, origin.y + r * module, (c - start) * module, module);
    }
  });
  doc.fillColor('black').fill();
}

function drawDecoration(doc: PDFKit.PDFDocument, item: Extract<LaidItem, { kind: 'frame' | 'rule' }>): void {
  doc.lineWidth(item.lineWidth).strokeColor('black');
  if (item.kind === 'frame') {
    const inset = item.lineWidth / 2;
    doc.rect(item.x + inset, item.y + inset, item.width - item.lineWidth, item.height - item.lineWidth).stroke();
  } else {
    doc
      .moveTo(item.x, item.y)
      .lineTo(item.x + item.width, item.y)
      .stroke();
  }
}

/** pdfkit copies the title into XMP metadata without escaping; keep XML's special characters out. */
function xmpSafe(text: string): string {
  return text.replace(/&/g, '\uff06').replace(/</g, '\u2039').replace(/>/g, '\u203a');
}
