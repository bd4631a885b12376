import type { LaidItem, LaidOutReceipt, Measure, StructNode } from './layout-types';
import { contentWidth, type PageFormat, type TextStyle } from './page-formats';
import { referenceQr, type QrMatrix } from './qr';
import type { ReceiptBlock, ReceiptDocument, ReceiptModel, ReceiptSection } from './receipt-model';
import { wrapText } from './wrap-text';

/** Atkinson Hyperlegible Next's ascent and descent in em: where a baseline sits in its line. */
const ASCENT = 0.984;
const DESCENT = 0.316;
const BULLET = '\u2022';

/**
 * Lays the receipt out; an A4 receipt that spills onto a second page is tried
 * once more with tighter spacing (same type sizes), so most fit one sheet.
 */
export function fitReceipt(model: ReceiptDocument, format: PageFormat, measure: Measure): LaidOutReceipt {
  const laidOut = layoutReceipt(model, format, measure);
  if (laidOut.pageCount === 1 || format.height === null) return laidOut;
  const tight = layoutReceipt(model, compact(format), measure);
  return tight.pageCount < laidOut.pageCount ? tight : laidOut;
}

function compact(format: PageFormat): PageFormat {
  const tighter = (style: TextStyle): TextStyle => ({ ...style, leading: Math.max(1.15, style.leading - 0.08) });
  return {
    ...format,
    gap: { section: format.gap.section * 0.7, block: format.gap.block * 0.6, afterHeading: format.gap.afterHeading },
    styles: Object.fromEntries(
      Object.entries(format.styles).map(([name, style]) => [name, tighter(style)]),
    ) as PageFormat['styles'],
  };
}

/**
 * Places the model on pages: the one layout both formats share, with the
 * differences (columns, QR position, sizes) taken from the PageFormat. Pure:
 * text widths come from `measure`, so tests can check positions directly.
 */
export function layoutReceipt(model: ReceiptDocument, format: PageFormat, measure: Measure): LaidOutReceipt {
  const composer = new Composer(format, measure);
  const root: StructNode = { tag: 'Document', parent: null };
  const { styles } = format;

  composer.paragraph(model.kind, styles.heading, root);
  composer.paragraph(model.serviceTitle, styles.title, root, 'H1');
  composer.gap(format.gap.block);
  composer.paragraph(`${model.sentAt.label} ${model.sentAt.value}`, styles.body, root);
  composer.gap(format.gap.section);
  // A prepared visit without the hub has no code for the desk: its checklist stands alone.
  if (model.reference) composer.referenceBox(model.reference, root);
  // A time booked at the kiosk (issue 16): its booking code, framed with its QR code like the reference.
  if (model.booking) composer.referenceBox(model.booking, root);

  for (const section of model.sections) composer.section(section, root);

  composer.gap(format.gap.section);
  composer.rule();
  composer.gap(format.gap.block);
  for (const line of model.footer) composer.paragraph(line, styles.small, root);
  composer.paragraph(model.issuer, styles.small, root);

  return composer.finish(root, model.pagination);
}

/** Places text, boxes and QR codes on pages; the receipt and the handover slip (slip-layout.ts) share it. */
export class Composer {
  private readonly items: LaidItem[] = [];
  private page = 0;
  private y: number;
  private readonly left: number;
  private readonly width: number;
  private readonly bottom: number;

  constructor(
    private readonly format: PageFormat,
    private readonly measure: Measure,
  ) {
    this.y = format.margin.top;
    this.left = format.margin.left;
    this.width = contentWidth(format);
    this.bottom = format.height === null ? Number.POSITIVE_INFINITY : format.height - format.margin.bottom;
  }

  finish(root: StructNode, pagination: ReceiptModel['pagination']): LaidOutReceipt {
    const { format } = this;
    const pageHeight = format.height ?? Math.ceil(this.y + format.margin.bottom);
    const pageCount = this.page + 1;
    // In the margins: where the receipt goes on, and on later pages whose receipt this is.
    const style = format.styles.small;
    for (let page = 0; page < pageCount; page += 1) {
      if (page > 0) {
        const baseline = format.margin.top - style.size;
        this.items.push({ kind: 'pagination', page, x: this.left, baseline, text: pagination.continuation, style });
      }
      if (page < pageCount - 1) {
        const baseline = pageHeight - format.margin.bottom + 1.5 * style.size;
        this.items.push({ kind: 'pagination', page, x: this.left, baseline, text: pagination.continues, style });
      }
    }
    this.items.sort((a, b) => a.page - b.page);
    return { format, pageHeight, pageCount, items: this.items, structRoot: root };
  }

  gap(height: number): void {
    // Space at the top of a fresh page only pushes content down.
    if (this.y > this.format.margin.top) this.y += height;
  }

  lineHeight(style: TextStyle): number {
    return style.size * style.leading;
  }

  wrap(text: string, style: TextStyle, width: number): string[] {
    return wrapText(text, width, (line) => this.measure(line, style));
  }

  /** Starts a new page when `height` does not fit on this one (A4 only; the roll has no bottom). */
  ensureRoom(height: number): void {
    if (this.y + height > this.bottom && this.y > this.format.margin.top) {
      this.page += 1;
      this.y = this.format.margin.top;
    }
  }

  /** Wrapped lines from the current position, each line checked against the page bottom. */
  lines(lines: string[], style: TextStyle, x: number, struct: StructNode, center?: number): void {
    const height = this.lineHeight(style);
    lines.forEach((text, i) => {
      this.ensureRoom(height);
      const offset = center === undefined ? 0 : Math.max(0, (center - this.measure(text, style)) / 2);
      // A line that was broken at a space keeps it (invisible), so copied or read-aloud text has it between words.
      const brokenAtSpace = i < lines.length - 1 && !/[-\u2010\u2013\u2014/]$/.test(text);
      this.items.push({
        kind: 'text',
        page: this.page,
        x: x + offset,
        baseline: this.baseline(style),
        text: brokenAtSpace ? `${text} ` : text,
        style,
        struct,
      });
      this.y += height;
    });
  }

  baseline(style: TextStyle): number {
    return this.y + (this.lineHeight(style) - style.size * (ASCENT + DESCENT)) / 2 + style.size * ASCENT;
  }

  paragraph(text: string, style: TextStyle, parent: StructNode, tag: StructNode['tag'] = 'P'): void {
    this.lines(this.wrap(text, style, this.width), style, this.left, { tag, parent });
  }

  section(section: ReceiptSection, root: StructNode): void {
    const { styles, gap } = this.format;
    const sect: StructNode = { tag: 'Sect', parent: root };
    const heading = this.wrap(section.heading, styles.heading, this.width);
    this.gap(gap.section);
    // Keep a heading with at least two lines of what it introduces.
    this.ensureRoom(
      heading.length * this.lineHeight(styles.heading) + gap.afterHeading + 2 * this.lineHeight(styles.body),
    );
    this.lines(heading, styles.heading, this.left, { tag: 'H2', parent: sect });
    this.y += gap.afterHeading;
    section.blocks.forEach((block, i) => {
      if (i > 0) this.gap(gap.block);
      this.block(block, sect);
    });
  }

  block(block: ReceiptBlock, parent: StructNode): void {
    const { styles, gap, listIndent } = this.format;
    switch (block.kind) {
      case 'paragraph':
        this.paragraph(block.text, block.strong ? styles.strong : styles.body, parent);
        return;
      case 'list': {
        const list: StructNode = { tag: 'L', parent };
        block.items.forEach((item, i) => {
          if (i > 0) this.y += gap.block;
          const li: StructNode = { tag: 'LI', parent: list };
          const lines = this.wrap(item, styles.body, this.width - listIndent);
          this.ensureRoom(this.lineHeight(styles.body));
          this.items.push({
            kind: 'text',
            page: this.page,
            x: this.left,
            baseline: this.baseline(styles.body),
            text: BULLET,
            style: styles.body,
            struct: { tag: 'Lbl', parent: li },
          });
          this.lines(lines, styles.body, this.left + listIndent, { tag: 'LBody', parent: li });
        });
        return;
      }
      case 'amounts':
        block.rows.forEach((row, i) => {
          if (i > 0) this.y += gap.block;
          this.amountRow(row.label, row.amount, parent);
        });
        return;
      case 'fields':
        block.rows.forEach((row, i) => {
          if (i > 0) this.y += gap.block;
          this.fieldRow(row.label, row.value, parent);
        });
        return;
    }
  }

  /** Label on the left, amount right-aligned on the label's first line. */
  amountRow(label: string, amount: string, parent: StructNode): void {
    const { styles } = this.format;
    const amountWidth = this.measure(amount, styles.strong);
    const labelLines = this.wrap(label, styles.body, this.width - amountWidth - styles.body.size);
    const row: StructNode = { tag: 'P', parent };
    this.ensureRoom(Math.min(labelLines.length, 3) * this.lineHeight(styles.body));
    const top = this.y;
    const page = this.page;
    this.lines(labelLines, styles.body, this.left, row);
    const end = this.y;
    this.y = top;
    this.items.push({
      kind: 'text',
      page,
      x: this.left + this.width - amountWidth,
      baseline: this.baseline(styles.strong),
      text: amount,
      style: styles.strong,
      struct: row,
    });
    this.y = end;
  }

  /** A4: label column beside the value. Narrow strip: label above the value. */
  fieldRow(label: string, value: string, parent: StructNode): void {
    const { styles, fieldLabelWidth } = this.format;
    if (fieldLabelWidth === null) {
      this.ensureRoom(2 * this.lineHeight(styles.body));
      this.paragraph(label, styles.strong, parent);
      this.paragraph(value, styles.body, parent);
      return;
    }
    const labelLines = this.wrap(label, styles.strong, fieldLabelWidth - styles.body.size);
    const valueLines = this.wrap(value, styles.body, this.width - fieldLabelWidth);
    const height = Math.max(labelLines.length, valueLines.length) * this.lineHeight(styles.body);
    this.ensureRoom(height);
    const top = this.y;
    this.lines(labelLines, styles.strong, this.left, { tag: 'P', parent });
    const labelEnd = this.y;
    this.y = top;
    this.lines(valueLines, styles.body, this.left + fieldLabelWidth, { tag: 'P', parent });
    this.y = Math.max(this.y, labelEnd);
  }

  /**
   * The framed block with the reference number, its QR code and how to use them; never split across pages.
   * A4: text on the left, QR code on the right. Narrow strip: the QR code centred below the text.
   */
  referenceBox(reference: ReceiptModel['reference'], root: StructNode): void {
    const { styles, qrSize, qrBeside, gap } = this.format;
    const padding = qrBeside ? 14 : 8;
    const lineWidth = qrBeside ? 2 : 1.5;
    const inner = this.width - 2 * padding;
    const textWidth = qrBeside ? inner - qrSize - padding : inner;
    const label = this.wrap(reference.label, styles.referenceLabel, textWidth);
    const number = this.wrap(reference.value, styles.reference, textWidth);
    const hint = this.wrap(reference.hint, styles.body, textWidth);
    const caption = this.wrap(reference.qrCaption, styles.small, textWidth);
    const captionHeight = caption.length * this.lineHeight(styles.small);
    const textHeight =
      label.length * this.lineHeight(styles.referenceLabel) +
      number.length * this.lineHeight(styles.reference) +
      gap.block +
      hint.length * this.lineHeight(styles.body);
    const height =
      2 * padding +
      (qrBeside ? Math.max(textHeight + gap.block + captionHeight, qrSize) : textHeight + qrSize + captionHeight);
    this.ensureRoom(height);

    const page = this.page;
    const top = this.y;
    this.items.push({ kind: 'frame', page, x: this.left, y: top, width: this.width, height, lineWidth });
    const sect: StructNode = { tag: 'Sect', parent: root };
    const x = this.left + padding;
    this.y = top + padding;
    this.lines(label, styles.referenceLabel, x, { tag: 'P', parent: sect });
    this.lines(number, styles.reference, x, { tag: 'P', parent: sect });
    this.y += gap.block;
    this.lines(hint, styles.body, x, { tag: 'P', parent: sect });
    const textBottom = this.y;

    // The QR code's own quiet zone separates it from the text and the frame.
    const figure: StructNode = { tag: 'Figure', alt: reference.qrAlt, parent: sect };
    const qrX = qrBeside ? this.left + this.width - padding - qrSize : this.left + (this.width - qrSize) / 2;
    const qrY = qrBeside ? top + padding : textBottom;
    this.items.push({
      kind: 'qr',
      page,
      x: qrX,
      y: qrY,
      size: qrSize,
      matrix: referenceQr(reference.value),
      struct: figure,
    });
    this.y = qrBeside ? textBottom + gap.block : qrY + qrSize;
    this.lines(caption, styles.small, x, { tag: 'P', parent: sect }, qrBeside ? undefined : inner);
    this.y = top + height;
  }

  /** A QR code of `size` points, centred on the content width; never split across pages. */
  qr(matrix: QrMatrix, size: number, alt: string, parent: StructNode): void {
    this.ensureRoom(size);
    const x = this.left + (this.width - size) / 2;
    const figure: StructNode = { tag: 'Figure', alt, parent };
    this.items.push({ kind: 'qr', page: this.page, x, y: this.y, size, matrix, struct: figure });
    this.y += size;
  }

  /** A paragraph with each line centred on the content width. */
  centred(text: string, style: TextStyle, parent: StructNode, tag: StructNode['tag'] = 'P'): void {
    this.lines(this.wrap(text, style, this.width), style, this.left, { tag, parent }, this.width);
  }

  rule(): void {
    this.ensureRoom(2);
    this.items.push({ kind: 'rule', page: this.page, x: this.left, y: this.y, width: this.width, lineWidth: 1 });
  }
}
