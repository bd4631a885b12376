import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGE_CODES, type LanguageCode } from '../../contract';
import { normalizeReference } from '../../core/reference';
import { createReceiptMaker, RECEIPT_LAYOUTS, type ReceiptLayoutName, type ReceiptMaker } from '../../core/receipt';
import type { ReceiptBlock } from '../../core/receipt/receipt-model';
import { MM } from '../../core/receipt/page-formats';
import { QR_QUIET_ZONE } from '../../core/receipt/qr';
import { renderReceiptWithLayout } from '../../core/receipt/render-pdf';
import {
  decodeBarcodes,
  hasZbar,
  pdfFonts,
  pdfInfo,
  pdfToGray,
  pdfToPng,
  pdfToFlatText,
  pdfStructure,
  pdfStructureText,
  pdfToText,
  pdfWords,
  PROJECT_RESOURCES,
  removeDir,
  SAMPLE_REFERENCE,
  SAMPLE_SUBMITTED_AT,
  shippedCatalog,
  tempDir,
} from '../fixtures/receipt-harness';

/**
 * Real PDFs of every shipped service in every layout and language, read back
 * with poppler: the text a resident needs is there, pages have the right
 * size, fonts are embedded, the QR code carries the reference. PNGs of each
 * go to tests/artifacts/receipts/ for a human to look at.
 */

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'receipts');
const SERVICES = ['meldebescheinigung', 'sperrmuell', 'maengel-melden'];

let dir: string;
let maker: ReceiptMaker;

beforeAll(() => {
  dir = tempDir('receipt-pdf-');
  mkdirSync(ARTIFACTS, { recursive: true });
  maker = createReceiptMaker({ resourcesDir: PROJECT_RESOURCES, catalog: shippedCatalog() });
});
afterAll(() => removeDir(dir));

const request = (serviceId: string, language: LanguageCode) => ({
  serviceId,
  reference: SAMPLE_REFERENCE,
  submittedAt: SAMPLE_SUBMITTED_AT,
  language,
});

async function writeReceipt(serviceId: string, language: LanguageCode, layout: ReceiptLayoutName) {
  const { pdf, layout: laidOut } = await renderReceiptWithLayout(maker.model(request(serviceId, language)), layout);
  const file = join(dir, `${serviceId}-${layout}-${language}.pdf`);
  writeFileSync(file, pdf);
  return { file, pdf, laidOut };
}

const CASES = SERVICES.flatMap((serviceId) =>
  RECEIPT_LAYOUTS.flatMap((layout) => LANGUAGE_CODES.map((language) => ({ serviceId, layout, language }))),
);

describe.each(CASES)('receipt $serviceId, $layout, $language', ({ serviceId, layout, language }) => {
  it('shows reference, service, time, next steps, documents, fees and office, in reading order', async () => {
    const { file, laidOut } = await writeReceipt(serviceId, language, layout);
    for (let page = 1; page <= laidOut.pageCount; page += 1) {
      const suffix = page === 1 ? '' : `-page${page}`;
      pdfToPng(file, join(ARTIFACTS, `${serviceId}-${layout}-${language}${suffix}`), 100, page);
    }
    const lines = pdfToText(file)
      .split('\n')
      .map((line) => line.trim());
    expect(lines.some((line) => normalizeReference(line) === SAMPLE_REFERENCE)).toBe(true);

    const model = maker.model(request(serviceId, language));
    const expected = [
      model.kind,
      model.serviceTitle,
      `${model.sentAt.label} ${model.sentAt.value}`,
      model.reference.label,
      model.reference.value,
      model.reference.hint,
      model.reference.qrCaption,
      ...model.sections.flatMap((section) => [section.heading, ...section.blocks.flatMap(blockTexts)]),
      ...model.footer,
      model.issuer,
    ];
    // Every text, whole and in order: nothing lost to clipping or a page break. A paragraph
    // may continue on the next A4 page (longer languages, Leichte Sprache): the page-break
    // lines are taken out first.
    const flat = [model.pagination.continues, model.pagination.continuation]
      .reduce((text, marker) => text.split(marker).join(' '), pdfToFlatText(file))
      .replace(/ {2,}/g, ' ');
    let from = 0;
    for (const text of expected) {
      const at = flat.indexOf(text.replace(/\u00a0/g, ' '), from);
      expect(at, `"${text}" after position ${from} in\n${flat}`).toBeGreaterThanOrEqual(0);
      from = at + text.length;
    }
  });
});

function blockTexts(block: ReceiptBlock): string[] {
  switch (block.kind) {
    case 'paragraph':
      return [block.text];
    case 'list':
      return block.items.flatMap((item) => ['•', item]);
    case 'amounts':
      return block.rows.flatMap((row) => [row.label, row.amount]);
    case 'fields':
      // A value of several lines (an office's hours, one line per set of days) is laid out line by line.
      return block.rows.flatMap((row) => [row.label, ...row.value.split('\n')]);
  }
}

describe('receipt texts in the PDF', () => {
  it('are the shipped German and English texts', async () => {
    const de = pdfToFlatText((await writeReceipt('meldebescheinigung', 'de', 'a4')).file);
    expect(de).toContain('Meldebescheinigung beantragen');
    expect(de).toContain('Freitag, 14. März 2025, 10:42 Uhr');
    expect(de).toContain('Bürgerservicebüro, Rathaus Stade');
    expect(de).toContain('Dienstag: 08:30–12:00 Uhr und 14:00–18:00 Uhr');
    expect(de).toContain('Personalausweis oder Reisepass');
    expect(de).toContain('5,00 €');
    expect(de).toContain('Hinterm Hagedorn');

    const en = pdfToFlatText((await writeReceipt('meldebescheinigung', 'en', 'receipt80')).file);
    expect(en).toContain('Apply for a registration certificate');
    expect(en).toContain('14 March 2025');
    expect(en).toContain('10:42');
    expect(en).toContain('Tuesday: 08:30–12:00 and 14:00–18:00');
    expect(en).toContain('ID card or passport');
    expect(en).toContain('€5.00');
    expect(en).toContain('Opening hours');
  });
});

describe('receipt PDF format', () => {
  it('80 mm receipt: page 80 mm wide, height fitted, content inside the 72 mm printable width', async () => {
    for (const language of LANGUAGE_CODES) {
      const { file, laidOut } = await writeReceipt('meldebescheinigung', language, 'receipt80');
      const info = pdfInfo(file);
      const [width, height] = /^([\d.]+) x ([\d.]+) pts/.exec(info['Page size']!)!.slice(1).map(Number) as [
        number,
        number,
      ];
      expect(width).toBeCloseTo(80 * MM, 1);
      expect(info.Pages).toBe('1');
      expect(height).toBe(laidOut.pageHeight);
      expect(height).toBeGreaterThan(150 * MM);
      const lastLine = Math.max(...laidOut.items.map((item) => ('baseline' in item ? item.baseline : item.y)));
      expect(height - lastLine).toBeLessThan(20 * MM);
      const printable = { left: 4 * MM - 0.01, right: 76 * MM + 0.01 };
      for (const item of laidOut.items) {
        expect(item.x).toBeGreaterThanOrEqual(printable.left);
      }
    }
  });

  it.each(RECEIPT_LAYOUTS)('%s: every word inside the printable area, nothing clipped', async (layout) => {
    for (const serviceId of SERVICES) {
      for (const language of LANGUAGE_CODES) {
        const { file, laidOut } = await writeReceipt(serviceId, language, layout);
        const { margin } = laidOut.format;
        const { pages, words } = pdfWords(file);
        expect(pages).toHaveLength(laidOut.pageCount);
        expect(words.length).toBeGreaterThan(50);
        for (const word of words) {
          const page = pages[word.page]!;
          const where = `${serviceId} ${language} "${word.text}"`;
          expect(word.xMin, where).toBeGreaterThanOrEqual(margin.left - 0.5);
          expect(word.xMax, where).toBeLessThanOrEqual(page.width - margin.right + 0.5);
          expect(word.yMin, where).toBeGreaterThan(0);
          expect(word.yMax, where).toBeLessThan(page.height);
        }
        for (const item of laidOut.items) {
          if (item.kind === 'qr' || item.kind === 'frame' || item.kind === 'rule') {
            const width = item.kind === 'qr' ? item.size : item.width;
            expect(item.x + width).toBeLessThanOrEqual(laidOut.format.width - margin.right + 0.01);
          }
        }
      }
    }
  });

  it('A4: 210 × 297 mm, title, language, tagged, fonts embedded', async () => {
    const { file, pdf } = await writeReceipt('meldebescheinigung', 'de', 'a4');
    const info = pdfInfo(file);
    expect(info['Page size']).toBe('595.276 x 841.89 pts (A4)');
    expect(info.Title).toBe(`Beleg ${SAMPLE_REFERENCE} – Meldebescheinigung beantragen`);
    expect(info.Tagged).toBe('yes');
    expect(pdf.toString('latin1')).toContain('/Lang (de)');
    expect(pdf.toString('latin1')).toContain('/DisplayDocTitle true');
    const fonts = pdfFonts(file).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    // Every font embedded, subset and with a Unicode map (so text can be copied and read aloud).
    for (const line of fonts) expect(line).toMatch(/ yes yes yes /);
    expect(fonts.join('\n')).toContain('AtkinsonHyperlegibleNext');
  });

  it('is tagged: headings, a list with labels, a QR figure with a text alternative, in reading order', async () => {
    const { file, pdf } = await writeReceipt('meldebescheinigung', 'de', 'receipt80');
    const tags = pdfStructure(file);
    expect(tags.slice(0, 4)).toEqual(['Document', 'P', 'H1', 'P']);
    for (const tag of ['Sect', 'H2', 'L', 'LI', 'Lbl', 'LBody', 'Figure']) expect(tags).toContain(tag);
    expect(pdf.toString('latin1')).toContain(`/Alt (QR-Code mit der Vorgangsnummer ${SAMPLE_REFERENCE})`);
    // Lines broken at a space keep it, so the heading reads as two words.
    expect(pdfStructureText(file)).toContain('"Meldebescheinigung "\n');
  });

  it('is the same bytes for the same confirmation (dates come from submittedAt)', async () => {
    for (const layout of RECEIPT_LAYOUTS) {
      const a = await maker.pdf(request('sperrmuell', 'en'), layout);
      const b = await maker.pdf(request('sperrmuell', 'en'), layout);
      expect(a.equals(b)).toBe(true);
    }
    const { file } = await writeReceipt('sperrmuell', 'en', 'a4');
    expect(pdfInfo(file).CreationDate).toMatch(/2025/);
  });
});

describe('the QR code', () => {
  it.each(RECEIPT_LAYOUTS)('in %s has exactly the modules of the reference', async (layout) => {
    const { file, laidOut } = await writeReceipt('meldebescheinigung', 'de', layout);
    const qr = laidOut.items.find((item) => item.kind === 'qr');
    if (qr?.kind !== 'qr') throw new Error('no QR code laid out');
    const dpi = 300;
    const image = pdfToGray(file, join(dir, `qr-${layout}`), dpi);
    const px = dpi / 72;
    const count = qr.matrix.length;
    const module = qr.size / (count + 2 * QR_QUIET_ZONE);
    // Sample every module's centre, and the quiet zone must be light all round.
    for (let r = -QR_QUIET_ZONE; r < count + QR_QUIET_ZONE; r += 1) {
      for (let c = -QR_QUIET_ZONE; c < count + QR_QUIET_ZONE; c += 1) {
        const x = Math.round((qr.x + (QR_QUIET_ZONE + c + 0.5) * module) * px);
        const y = Math.round((qr.y + (QR_QUIET_ZONE + r + 0.5) * module) * px);
        const dark = image.pixel(x, y) < 128;
        const expected = r >= 0 && c >= 0 && r < count && c < count && qr.matrix[r]![c]!;
        expect(dark, `module ${r},${c}`).toBe(expected);
      }
    }
    // Module size: at least 1 mm, so a worn thermal head and a cheap scanner still cope.
    expect(module / MM).toBeGreaterThanOrEqual(1);
  });

  it.skipIf(!hasZbar).each(RECEIPT_LAYOUTS)(
    'in %s decodes to the reference with zbarimg',
    async (layout) => {
      for (const language of LANGUAGE_CODES) {
        const { file } = await writeReceipt('sperrmuell', language, layout);
        const png = pdfToPng(file, join(dir, `zbar-${layout}-${language}`), 150);
        expect(decodeBarcodes(png)).toEqual([SAMPLE_REFERENCE]);
      }
      // Eight receipts rendered, rasterised and scanned: on a busy 2-core runner that is more than the default 20 s.
    },
    90_000,
  );
});
