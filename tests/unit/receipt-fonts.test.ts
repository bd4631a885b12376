import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiptMaker, MissingGlyphError, renderReceipt, type ReceiptModel } from '../../core/receipt';
import { splitRuns } from '../../core/receipt/font-runs';
import { defaultFallbackFiles, loadReceiptFonts } from '../../core/receipt/fonts';
import { woffToSfnt } from '../../core/receipt/woff';
import {
  pdfFonts,
  pdfInfo,
  pdfToFlatText,
  pdfToPng,
  pdfWords,
  PROJECT_RESOURCES,
  removeDir,
  SAMPLE_REFERENCE,
  SAMPLE_SUBMITTED_AT,
  shippedCatalog,
  tempDir,
} from '../fixtures/receipt-harness';

/**
 * Fonts and text that the shipped services do not exercise yet: languages
 * to come (Turkish, Polish, Russian, Ukrainian), overlong words on the 80 mm
 * strip, and an A4 receipt long enough to need a second page.
 */

let dir: string;
beforeAll(() => {
  dir = tempDir('receipt-fonts-');
});
afterAll(() => removeDir(dir));

const germanModel = (): ReceiptModel =>
  createReceiptMaker({ resourcesDir: PROJECT_RESOURCES, catalog: shippedCatalog() }).model({
    serviceId: 'meldebescheinigung',
    reference: SAMPLE_REFERENCE,
    submittedAt: SAMPLE_SUBMITTED_AT,
    language: 'de',
  });

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'receipts');

/** Writes the PDF, and a PNG of each page to tests/artifacts/receipts/ for a human to look at. */
async function write(model: ReceiptModel, layout: 'a4' | 'receipt80', name: string, fallback?: null) {
  const fonts = fallback === null ? loadReceiptFonts({ fallback: null }) : undefined;
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await renderReceipt(model, layout, { fonts }));
  mkdirSync(ARTIFACTS, { recursive: true });
  const pages = Number(pdfInfo(file).Pages);
  for (let page = 1; page <= pages; page += 1) {
    pdfToPng(file, join(ARTIFACTS, `sample-${name}-${layout}${page === 1 ? '' : `-page${page}`}`), 100, page);
  }
  return file;
}

const SAMPLES = {
  tr: 'Başvurunuz alındı. İstanbul, Ğğ Şş Iı İi Çç Öö Üü',
  pl: 'Zażółć gęślą jaźń. Łódź, Kraków, Gdańsk',
  ru: 'Съешь же ещё этих мягких французских булок',
  uk: 'Ґанок, їжак, єнот, Україна',
};

describe('the receipt font', () => {
  it('unpacks the kiosk font from WOFF to TrueType with every glyph intact', () => {
    const require = createRequire(import.meta.url);
    const file =
      require.resolve('@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-ext-700-normal.woff');
    const woff = readFileSync(file);
    const sfnt = woffToSfnt(woff);
    expect(sfnt.readUInt32BE(0)).toBe(0x00010000);
    const [original, unpacked] = [fontkit.create(woff), fontkit.create(sfnt)];
    for (const char of 'ğşİłąńźżĞŞŁ') {
      expect(unpacked.hasGlyphForCodePoint(char.codePointAt(0)!), char).toBe(true);
    }
    expect(unpacked.postscriptName).toBe(original.postscriptName);
    expect(woffToSfnt(sfnt)).toBe(sfnt);
  });

  it('prints Turkish and Polish in the kiosk font, without any system font', async () => {
    const model = germanModel();
    model.serviceTitle = SAMPLES.tr;
    model.sections[0]!.blocks = [{ kind: 'list', items: [SAMPLES.tr, SAMPLES.pl] }];
    const file = await write(model, 'receipt80', 'latin-ext', null);
    const text = pdfToFlatText(file);
    expect(text).toContain(SAMPLES.tr);
    expect(text).toContain(SAMPLES.pl);
    expect(pdfFonts(file)).not.toContain('DejaVu');
  });

  it.skipIf(!defaultFallbackFiles())(
    'prints Russian and Ukrainian with DejaVu Sans where the kiosk font has no glyph',
    async () => {
      const model = germanModel();
      model.serviceTitle = SAMPLES.ru;
      model.sections[0]!.blocks = [{ kind: 'list', items: [SAMPLES.ru, `${SAMPLES.uk} – Straße 2–4`] }];
      const file = await write(model, 'a4', 'cyrillic');
      const text = pdfToFlatText(file);
      expect(text).toContain(SAMPLES.ru);
      expect(text).toContain(`${SAMPLES.uk} – Straße 2–4`);
      const fonts = pdfFonts(file);
      expect(fonts).toContain('DejaVuSans-Bold');
      expect(fonts).toContain('DejaVuSans ');
      expect(fonts).toContain('AtkinsonHyperlegibleNext');
    },
  );

  it('refuses to print characters no font has, rather than printing boxes', async () => {
    const model = germanModel();
    model.serviceTitle = SAMPLES.ru;
    await expect(renderReceipt(model, 'a4', { fonts: loadReceiptFonts({ fallback: null }) })).rejects.toThrow(
      MissingGlyphError,
    );
  });
});

describe('splitRuns', () => {
  const face = (id: string, covers: (codePoint: number) => boolean) => ({
    id,
    data: Buffer.alloc(0),
    source: id,
    covers,
  });
  const latin = face('latin', (codePoint) => codePoint < 0x250);
  const wide = face('wide', (codePoint) => codePoint < 0x250 || (codePoint >= 0x400 && codePoint < 0x500));

  it('returns to the first face for letters it has; spaces and punctuation stay in the current run', () => {
    const runs = splitRuns('abc где, def', [latin, wide]);
    expect(runs.map((run) => [run.face.id, run.text])).toEqual([
      ['latin', 'abc '],
      ['wide', 'где, '],
      ['latin', 'def'],
    ]);
  });

  it('maps the narrow no-break space of some Intl formats to one the fonts have', () => {
    expect(splitRuns('10:42\u202fAM', [latin]).map((run) => run.text)).toEqual(['10:42\u00a0AM']);
  });

  it('names every character no face has', () => {
    expect(() => splitRuns('a😀b', [latin])).toThrow(/U\+1F600/);
  });
});

describe('long texts', () => {
  it('break an overlong word on the 80 mm strip with a hyphen, inside the printable width', async () => {
    const word = 'Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung';
    const model = germanModel();
    model.sections[0]!.blocks = [{ kind: 'list', items: [`Nach der ${word} prüfen wir.`] }];
    const file = await write(model, 'receipt80', 'long-word');
    const { pages, words } = pdfWords(file);
    for (const w of words) expect(w.xMax).toBeLessThanOrEqual(pages[0]!.width - 4 * (72 / 25.4) + 0.5);
    expect(pdfToFlatText(file).replace(/- /g, '')).toContain(word);
  });

  it('go on to a second A4 page, which says whose receipt it is', async () => {
    const model = germanModel();
    const items = Array.from(
      { length: 14 },
      (_, i) => `Schritt ${i + 1}: ${model.sections[0]!.heading}, ausführlich erklärt.`,
    );
    model.sections[0]!.blocks = [{ kind: 'list', items }];
    const file = await write(model, 'a4', 'two-pages');
    expect(Number(pdfInfo(file).Pages)).toBeGreaterThanOrEqual(2);
    const text = pdfToFlatText(file);
    expect(text).toContain('Weiter auf der nächsten Seite');
    expect(text).toContain(`Fortsetzung – Vorgangsnummer ${SAMPLE_REFERENCE}`);
    for (const item of items) expect(text).toContain(item);
    expect(text).toContain('Dieser Beleg enthält keine persönlichen Daten.');
  });
});
