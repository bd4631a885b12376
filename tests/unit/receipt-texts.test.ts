import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES, RECEIPT_LANGUAGE_CODES } from '../../contract';
import { loadReceiptFonts } from '../../core/receipt/fonts';
import { normalizeForFonts } from '../../core/receipt/font-runs';
import { RECEIPT_TEXT_KEYS, receiptLocalesDir } from '../../core/receipt/receipt-texts';
import { createReceiptMaker } from '../../core/receipt';
import { PROJECT_RESOURCES, SAMPLE_REFERENCE, SAMPLE_SUBMITTED_AT, shippedCatalog } from '../fixtures/receipt-harness';

/**
 * The receipt's own labels live in resources/receipt/locales/<lang>.json.
 * Every language a receipt is printed in (all kiosk languages but Arabic,
 * whose receipt is English: see contract/languages.ts) must have every key (a receipt must never show a raw
 * key), no stale ones, the same placeholders, and valid ICU syntax.
 */

const localesDir = receiptLocalesDir(PROJECT_RESOURCES);

function flatten(object: unknown, prefix = ''): Record<string, unknown> {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return { [prefix]: object };
  return Object.assign(
    {},
    ...Object.entries(object).map(([key, value]) => flatten(value, prefix ? `${prefix}.${key}` : key)),
  ) as Record<string, unknown>;
}

const read = (language: string) =>
  flatten(JSON.parse(readFileSync(join(localesDir, `${language}.json`), 'utf8')) as unknown);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((match) => match[1]).sort();

describe('receipt locale files', () => {
  it('exist for every receipt language and for no other', () => {
    const files = readdirSync(localesDir).filter((name) => name.endsWith('.json'));
    expect(files.sort()).toEqual(RECEIPT_LANGUAGE_CODES.map((code) => `${code}.json`).sort());
    expect(RECEIPT_LANGUAGE_CODES).not.toContain('ar');
  });

  it.each(RECEIPT_LANGUAGE_CODES)(
    '%s has exactly the keys the receipt uses, each a non-empty valid ICU message',
    (language) => {
      expect(existsSync(join(localesDir, `${language}.json`))).toBe(true);
      const texts = read(language);
      expect(Object.keys(texts).sort()).toEqual([...RECEIPT_TEXT_KEYS].sort());
      for (const key of RECEIPT_TEXT_KEYS) {
        const text = texts[key];
        expect(typeof text, key).toBe('string');
        expect((text as string).trim(), key).not.toBe('');
        const formatted = new IntlMessageFormat(text as string, language).format({
          reference: SAMPLE_REFERENCE,
          // The handover slip's code (handoverSlip.qrAlt).
          code: 'K7MR-4QXP',
          service: 'S',
          date: 'D',
          time: 'T',
          // A fee counted per piece (visit.feeEach): "26,00 € (2 × 13,00 €)".
          fee: 'F',
          count: 2,
          unit: 'U',
          // A walk-in waiting number (waiting.*) and its estimated minutes.
          number: '101',
          minutes: 12,
        });
        expect(typeof formatted, key).toBe('string');
      }
    },
  );

  it.each(RECEIPT_LANGUAGE_CODES)('%s uses the same placeholders as German', (language) => {
    const german = read('de');
    const texts = read(language);
    for (const key of RECEIPT_TEXT_KEYS) {
      expect(placeholders(texts[key] as string), key).toEqual(placeholders(german[key] as string));
    }
  });

  it('name a real Intl locale for dates and money', () => {
    for (const language of RECEIPT_LANGUAGE_CODES) {
      const locale = read(language)['format.locale'] as string;
      expect(Intl.DateTimeFormat.supportedLocalesOf([locale])).toEqual([locale]);
    }
  });
});

describe('every receipt of every service and language', () => {
  it('builds (no missing service text); Latin-script ones need only the kiosk font, no system font', () => {
    const catalog = shippedCatalog();
    const maker = createReceiptMaker({ resourcesDir: PROJECT_RESOURCES, catalog });
    // Without the DejaVu fallback: receipts in Latin script must not depend on a Debian package.
    // Cyrillic (ru, uk) needs DejaVu Sans (fonts-dejavu-core), as the README says.
    const kioskFontOnly = loadReceiptFonts({ fallback: null });
    const withFallback = loadReceiptFonts();
    for (const service of catalog.services) {
      for (const language of LANGUAGE_CODES) {
        const model = maker.model({
          serviceId: service.definition.id,
          reference: SAMPLE_REFERENCE,
          submittedAt: SAMPLE_SUBMITTED_AT,
          language,
        });
        const text = normalizeForFonts(JSON.stringify(model));
        const fonts = language === 'ru' || language === 'uk' ? withFallback : kioskFontOnly;
        if (language === 'ar') expect(model.language, 'an Arabic session gets an English receipt').toBe('en');
        for (const weight of ['regular', 'bold'] as const) {
          const missing = [...new Set(text)].filter(
            (char) => !fonts[weight].some((face) => face.covers(char.codePointAt(0)!)),
          );
          expect(missing, `${service.definition.id} ${language} ${weight}`).toEqual([]);
        }
      }
    }
  });
});
