import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiptMaker, renderReceipt } from '../../core/receipt';
import { splitRuns } from '../../core/receipt/font-runs';
import { loadReceiptFonts } from '../../core/receipt/fonts';
import { renderReceiptHtml } from '../../core/receipt/render-html';
import { woffToSfnt } from '../../core/receipt/woff';
import { ZERO_FONT_BASE64 } from '../../core/receipt/zero-font-data';
import {
  pdfFonts,
  pdfToFlatText,
  PROJECT_RESOURCES,
  removeDir,
  SAMPLE_REFERENCE,
  SAMPLE_SUBMITTED_AT,
  shippedCatalog,
  tempDir,
} from '../fixtures/receipt-harness';

/**
 * Issue 14, item 17: the kiosk font's zero is slashed, which some residents read as Ø in an amount or a phone
 * number. A zero-only face from DejaVu Sans (build/make-zero-font.mjs) draws every zero: on screen
 * (renderer/styles/reach.css; tests/e2e/start-town.spec.ts asks Chromium which font drew it), on the PDF
 * receipt and on the HTML receipt.
 */

const WEIGHTS = [400, 700] as const;
const fontFile = (weight: number) => join(PROJECT_RESOURCES, 'fonts', `kiosk-zero-${weight}.ttf`);
/** Contours of a glyph: an unslashed zero has two (outside and counter), a slashed one more. */
const contours = (glyph: fontkit.Glyph) => glyph.path.commands.filter((command) => command.command === 'moveTo').length;

let dir: string;
beforeAll(() => {
  dir = tempDir('zero-font-');
});
afterAll(() => removeDir(dir));

describe('the zero face', () => {
  it.each(WEIGHTS)(
    'weight %i: the digit zero alone, unslashed, renamed, and the core embeds the same bytes',
    (weight) => {
      const file = readFileSync(fontFile(weight));
      expect(Buffer.from(ZERO_FONT_BASE64[weight], 'base64').equals(file)).toBe(true);
      const font = fontkit.create(file);
      expect(font.familyName).toBe('Kiosk Zeros');
      expect(font.characterSet.filter((codePoint) => codePoint < 0xffff)).toEqual([0x30]);
      expect(contours(font.glyphForCodePoint(0x30))).toBe(2);
    },
  );

  it("is needed: the kiosk font's own zero has a slash", () => {
    const require = createRequire(import.meta.url);
    const woff = readFileSync(
      require.resolve('@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-400-normal.woff'),
    );
    const atkinson = fontkit.create(woffToSfnt(woff));
    expect(contours(atkinson.glyphForCodePoint(0x30))).toBeGreaterThan(2);
  });
});

describe('receipts', () => {
  it('a run of figures switches to the zero face for each zero only', () => {
    const fonts = loadReceiptFonts({ fallback: null });
    const runs = splitRuns('Gebühr 10,00 €, Tel. 04141 401-0', fonts.regular);
    expect(runs.filter((run) => run.face.id === 'zero-regular').map((run) => run.text)).toEqual([
      '0',
      '00',
      '0',
      '0',
      '0',
    ]);
    expect(runs.map((run) => run.text).join('')).toBe('Gebühr 10,00 €, Tel. 04141 401-0');
    expect(runs.filter((run) => run.face.id !== 'zero-regular').every((run) => !run.text.includes('0'))).toBe(true);
  });

  it('the PDF receipt embeds the zero face and its text still reads as written', async () => {
    const model = createReceiptMaker({ resourcesDir: PROJECT_RESOURCES, catalog: shippedCatalog() }).model({
      serviceId: 'meldebescheinigung',
      reference: SAMPLE_REFERENCE,
      submittedAt: SAMPLE_SUBMITTED_AT,
      language: 'de',
    });
    model.sections[0]!.blocks = [{ kind: 'list', items: ['Gebühr 10,00 €', 'Telefon 04141 401-0'] }];
    const file = join(dir, 'zeros.pdf');
    writeFileSync(file, await renderReceipt(model, 'a4', { fonts: loadReceiptFonts({ fallback: null }) }));
    expect(pdfFonts(file)).toContain('KioskZeros');
    const text = pdfToFlatText(file);
    expect(text).toContain('Gebühr 10,00 €');
    expect(text).toContain('Telefon 04141 401-0');
  });

  it('the HTML receipt puts the zero face first, for U+0030 only', () => {
    const model = createReceiptMaker({ resourcesDir: PROJECT_RESOURCES, catalog: shippedCatalog() }).model({
      serviceId: 'meldebescheinigung',
      reference: SAMPLE_REFERENCE,
      submittedAt: SAMPLE_SUBMITTED_AT,
      language: 'de',
    });
    const html = renderReceiptHtml(model);
    expect(html).toMatch(/font:12pt\/1\.3 'Kiosk Zero','Kiosk Latin'/);
    expect(html).toContain(`unicode-range:U+0030;src:url(data:font/ttf;base64,${ZERO_FONT_BASE64[400]})`);
  });
});
