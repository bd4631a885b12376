// @vitest-environment node
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGE_CODES, LANGUAGES, receiptLanguage } from '../../contract';
import { createReceiptMaker, type ReceiptMaker, type ReceiptRequest } from '../../core/receipt';
import { escapeHtml, RECEIPT_HTML_WIDTH_MM } from '../../core/receipt/render-html';
import { CHROMIUM_PATH } from '../e2e/support/chromium-launch';
import { PROJECT_RESOURCES } from '../fixtures/core-harness';
import { decodeBarcodes, shippedCatalog } from '../fixtures/receipt-harness';

/**
 * The receipt and handover slip as HTML for Electron's silent printing (core/receipt/render-html.ts):
 * the texts of the same model as the PDF in every language, the Arabic rule, nothing outside the
 * page, and the page itself rendered in Debian's Chromium (the engine Electron prints with):
 * 72 mm wide without overflow, in the kiosk's font, with a QR code that scans.
 */

const REFERENCE = 'K7MR-4QXP-9';
const request = (language: (typeof LANGUAGE_CODES)[number], serviceId = 'meldebescheinigung'): ReceiptRequest => ({
  serviceId,
  reference: REFERENCE,
  submittedAt: '2026-12-07T09:41:00.000Z',
  language,
});

let maker: ReceiptMaker;
let browser: Browser;
let shots: string;
beforeAll(async () => {
  maker = createReceiptMaker({ resourcesDir: PROJECT_RESOURCES, catalog: shippedCatalog() });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
  // Kept for a look, like the screens' screenshots (tests/artifacts/ is not committed).
  shots = path.join(import.meta.dirname, '../artifacts/receipts');
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** The page's visible text, tags dropped and entities read back, for comparing with the model. */
function textOf(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('receipt as HTML', () => {
  it('holds every text of the receipt model, in each of the 8 languages', () => {
    for (const language of LANGUAGE_CODES) {
      for (const serviceId of ['meldebescheinigung', 'sperrmuell', 'maengel-melden']) {
        const model = maker.model(request(language, serviceId));
        const text = textOf(maker.html(request(language, serviceId)));
        const expected = [
          model.kind,
          model.serviceTitle,
          model.sentAt.label,
          model.sentAt.value,
          model.reference.label,
          model.reference.value,
          model.reference.hint,
          model.reference.qrCaption,
          model.issuer,
          ...model.footer,
          ...model.sections.flatMap((section) => [
            section.heading,
            ...section.blocks.flatMap((block) =>
              block.kind === 'paragraph'
                ? [block.text]
                : block.kind === 'list'
                  ? block.items
                  : block.kind === 'amounts'
                    ? block.rows.flatMap((row) => [row.label, row.amount])
                    : block.rows.flatMap((row) => [row.label, row.value]),
            ),
          ]),
        ];
        for (const part of expected) expect(text, `${language} ${serviceId}`).toContain(part.replace(/\s+/g, ' '));
      }
    }
  });

  it('is in the receipt language: Arabic sessions get an English receipt, as the PDF and the README say', () => {
    for (const { code } of LANGUAGES) {
      const html = maker.html(request(code));
      const printed = receiptLanguage(code);
      const dir = LANGUAGES.find((entry) => entry.code === printed)!.dir;
      expect(html.startsWith(`<!doctype html><html lang="${printed}" dir="${dir}">`), code).toBe(true);
    }
    expect(maker.html(request('ar'))).toBe(maker.html(request('en')));
    expect(maker.html(request('ar'))).not.toMatch(/[\u0600-\u06ff]/);
  });

  it('is self-contained: a CSP that allows no script and no request, nothing loaded from outside', () => {
    const html = maker.html(request('de'));
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:"`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=/i);
    // The kiosk font as WOFF, the unslashed zero as TrueType (core/receipt/fonts.ts): both inline.
    expect(html.match(/url\(([^)]*)\)/g)!.every((url) => /^url\(data:font\/(woff|ttf);base64,/.test(url))).toBe(true);
    expect(html.match(/https?:\/\/[^"' )]+/g) ?? []).toEqual(['http://www.w3.org/2000/svg']);
  });

  it('escapes what it prints', () => {
    expect(escapeHtml(`<b>"Tom" & 'Jerry'</b>`)).toBe('&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;');
  });
});

describe('handover slip as HTML', () => {
  it('holds the code, its QR, what to do and the desk, in the slip language', () => {
    const slip = { code: '2345-6789', serviceId: 'sperrmuell', issuedAt: Date.UTC(2026, 11, 7, 9, 41) };
    for (const language of LANGUAGE_CODES) {
      const html = maker.slipHtml({ ...slip, language });
      expect(html, language).toContain('2345-6789');
      expect(html, language).toContain('<svg class="qr"');
      expect(html, language).toContain(`lang="${receiptLanguage(language)}"`);
    }
  });
});

describe('receipt HTML in Chromium', () => {
  for (const language of ['de', 'ru', 'tr'] as const)
    it(`lays out on the 80 mm roll in the kiosk's font, and its QR code scans (${language})`, async () => {
      const page = await browser.newPage({ viewport: { width: 302, height: 900 } });
      try {
        const blocked: string[] = [];
        page.on('request', (sent) => {
          if (!sent.url().startsWith('data:')) blocked.push(sent.url());
        });
        await page.setContent(maker.html(request(language)));
        await page.evaluate(() => document.fonts.ready);
        const layout = await page.evaluate(() => ({
          bodyWidth: document.body.getBoundingClientRect().width,
          bodyRight: document.body.getBoundingClientRect().right,
          rightmost: Math.max(...[...document.body.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)),
          overflows: document.body.scrollWidth > document.body.clientWidth,
          height: document.documentElement.getBoundingClientRect().height,
          fonts: [...document.fonts].filter((face) => face.status === 'loaded').map((face) => face.family),
        }));
        const mm = 96 / 25.4;
        expect(layout.bodyWidth).toBeCloseTo(RECEIPT_HTML_WIDTH_MM * mm, 0);
        // Nothing wider than the paper: no word or table runs off the roll.
        expect(layout.rightmost).toBeLessThanOrEqual(layout.bodyRight + 0.5);
        expect(layout.overflows).toBe(false);
        expect(layout.fonts).toContain('Kiosk Latin');
        expect(layout.height).toBeGreaterThan(150 * mm);
        expect(blocked).toEqual([]);
        const file = path.join(shots, `receipt-${language}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(decodeBarcodes(file)).toContain(REFERENCE);
      } finally {
        await page.close();
      }
    });
});
