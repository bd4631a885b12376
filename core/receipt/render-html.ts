import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { referenceQr, QR_QUIET_ZONE, type QrMatrix } from './qr';
import type { ReceiptBlock, ReceiptDocument, ReceiptSection } from './receipt-model';
import type { SlipModel } from './slip-model';
import { ZERO_FONT_BASE64 } from './zero-font-data';

/**
 * The receipt and the handover slip as one HTML page for the 80 mm roll, drawn from the same
 * models as the PDF (receipt-model.ts, slip-model.ts): the Electron shell prints it silently
 * through Chromium (electron/main/receipt-printer.ts), which cannot print a PDF without a dialog.
 * Self-contained: the fonts and the QR code are inline, and the page's CSP allows nothing else,
 * so the hidden print window never fetches anything. Same rule as the PDF: an Arabic session's
 * receipt is in English (contract/languages.ts), so a printed receipt always matches what the
 * confirmation page says.
 */

/** The printable width of an 80 mm roll printer (72 mm), centred on the roll: the page's width. */
export const RECEIPT_HTML_WIDTH_MM = 72;

export interface ReceiptHtmlOptions {
  /** Embed the kiosk's font (default); false: Chromium's own sans-serif (for tests that look at text only). */
  embedFonts?: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/**
 * Atkinson Hyperlegible Next, the kiosk's font, in its two subsets as families of their own:
 * Chromium then falls back per character from latin to latin-ext to the system's sans-serif
 * (Cyrillic), as the PDF does with DejaVu.
 */
const FONT_FILES = [
  { family: 'Kiosk Latin', file: 'latin-400-normal', weight: 400 },
  { family: 'Kiosk Latin', file: 'latin-700-normal', weight: 700 },
  { family: 'Kiosk Latin Ext', file: 'latin-ext-400-normal', weight: 400 },
  { family: 'Kiosk Latin Ext', file: 'latin-ext-700-normal', weight: 700 },
];
let fontCss: string | undefined;
function embeddedFontCss(): string {
  if (fontCss !== undefined) return fontCss;
  const require = createRequire(import.meta.url);
  const faces = FONT_FILES.map(({ family, file, weight }) => {
    const path = require.resolve(
      `@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-${file}.woff`,
    );
    const data = readFileSync(path).toString('base64');
    return `@font-face{font-family:'${family}';font-weight:${weight};src:url(data:font/woff;base64,${data}) format('woff')}`;
  });
  // The zero without the slash, before the kiosk font (as in the PDF and on screen; see fonts.ts).
  const zeros = ([400, 700] as const).map(
    (weight) =>
      `@font-face{font-family:'Kiosk Zero';font-weight:${weight};unicode-range:U+0030;src:url(data:font/ttf;base64,${ZERO_FONT_BASE64[weight]}) format('truetype')}`,
  );
  fontCss = [...zeros, ...faces].join('\n');
  return fontCss;
}

/** The QR code as SVG squares: sharp on a thermal head at any resolution. */
function qrSvg(matrix: QrMatrix, label: string): string {
  const size = matrix.length + 2 * QR_QUIET_ZONE;
  const squares: string[] = [];
  matrix.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) squares.push(`M${x + QR_QUIET_ZONE} ${y + QR_QUIET_ZONE}h1v1h-1z`);
    }),
  );
  return (
    `<svg class="qr" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${size} ${size}" ` +
    `shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg"><rect width="${size}" height="${size}" fill="#fff"/>` +
    `<path fill="#000" d="${squares.join('')}"/></svg>`
  );
}

function block(item: ReceiptBlock): string {
  switch (item.kind) {
    case 'paragraph':
      return `<p${item.strong ? ' class="strong"' : ''}>${escapeHtml(item.text)}</p>`;
    case 'list':
      return `<ul>${item.items.map((entry) => `<li>${escapeHtml(entry)}</li>`).join('')}</ul>`;
    case 'amounts':
      return `<table class="amounts">${item.rows
        .map((row) => `<tr><td>${escapeHtml(row.label)}</td><td class="amount">${escapeHtml(row.amount)}</td></tr>`)
        .join('')}</table>`;
    case 'fields':
      return `<dl>${item.rows
        .map((row) => `<dt>${escapeHtml(row.label)}</dt><dd>${escapeHtml(row.value).replaceAll('\n', '<br>')}</dd>`)
        .join('')}</dl>`;
  }
}

function section(part: ReceiptSection): string {
  return `<section><h2>${escapeHtml(part.heading)}</h2>${part.blocks.map(block).join('')}</section>`;
}

const STYLE = `
@page{margin:0}
*{box-sizing:border-box}
html{background:#fff;color:#000}
body{margin:0 auto;padding:3mm 2mm 8mm;width:${RECEIPT_HTML_WIDTH_MM}mm;font:12pt/1.3 'Kiosk Zero','Kiosk Latin','Kiosk Latin Ext',sans-serif;
  -webkit-print-color-adjust:exact;print-color-adjust:exact}
.kind{font-weight:700;font-size:13pt;margin:0}
h1{font-size:17pt;line-height:1.2;margin:1mm 0 2mm}
h2{font-size:13pt;margin:0 0 1mm}
p{margin:0 0 1mm}
.strong{font-weight:700}
.reference{border:0.6mm solid #000;padding:2mm;margin:3mm 0;text-align:center}
.reference .label{font-weight:700}
.reference .value{font-size:20pt;font-weight:700;letter-spacing:0.5mm;margin:1mm 0;unicode-bidi:isolate;direction:ltr}
.qr{display:block;width:30mm;height:30mm;margin:2mm auto 1mm}
section{margin:3mm 0 0;break-inside:avoid}
ul{margin:0;padding-inline-start:5mm}
li{margin:0 0 0.8mm}
table{width:100%;border-collapse:collapse}
td{vertical-align:top;padding:0 0 0.8mm}
td.amount{text-align:end;white-space:nowrap;padding-inline-start:2mm}
dl{margin:1mm 0 0}
dt{font-weight:700}
dd{margin:0 0 1mm}
footer{border-top:0.4mm solid #000;margin-top:4mm;padding-top:2mm;font-size:12pt}
`;

function page(
  model: { language: string; direction: 'ltr' | 'rtl'; documentTitle: string },
  body: string,
  options: ReceiptHtmlOptions,
): string {
  const fonts = options.embedFonts === false ? '' : embeddedFontCss();
  return (
    `<!doctype html><html lang="${escapeHtml(model.language)}" dir="${model.direction}"><head><meta charset="utf-8">` +
    // Nothing but inline styles, inline fonts and the inline QR: no script, no request leaves the page.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">` +
    `<title>${escapeHtml(model.documentTitle)}</title><style>${fonts}${STYLE}</style></head><body>${body}</body></html>`
  );
}

/** The receipt of a sent application (or a prepared visit's checklist) as an HTML page for the 80 mm roll. */
export function renderReceiptHtml(model: ReceiptDocument, options: ReceiptHtmlOptions = {}): string {
  const box = (reference: ReceiptDocument['reference']) =>
    reference
      ? `<div class="reference"><p class="label">${escapeHtml(reference.label)}</p>` +
        `<p class="value">${escapeHtml(reference.value)}</p><p>${escapeHtml(reference.hint)}</p>` +
        `${qrSvg(referenceQr(reference.value), reference.qrAlt)}<p>${escapeHtml(reference.qrCaption)}</p></div>`
      : '';
  const body =
    `<header><p class="kind">${escapeHtml(model.kind)}</p><h1>${escapeHtml(model.serviceTitle)}</h1>` +
    `<p>${escapeHtml(model.sentAt.label)} ${escapeHtml(model.sentAt.value)}</p></header>` +
    box(model.reference) +
    // A time booked at the kiosk (issue 16): its code with its own QR code.
    box(model.booking) +
    model.sections.map(section).join('') +
    `<footer>${model.footer.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}<p>${escapeHtml(model.issuer)}</p></footer>`;
  return page(model, body, options);
}

/** The handover slip (the code for the desk) as an HTML page for the 80 mm roll. */
export function renderSlipHtml(model: SlipModel, options: ReceiptHtmlOptions = {}): string {
  const body =
    `<header><h1>${escapeHtml(model.title)}</h1><p>${escapeHtml(model.serviceLine)}</p></header>` +
    `<div class="reference"><p class="label">${escapeHtml(model.code.label)}</p>` +
    `<p class="value">${escapeHtml(model.code.value)}</p>${qrSvg(referenceQr(model.code.value), model.code.qrAlt)}</div>` +
    `<p class="strong">${escapeHtml(model.instruction)}</p><p>${escapeHtml(model.issuedAt)}</p>` +
    section(model.office) +
    `<footer>${model.footer.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}<p>${escapeHtml(model.issuer)}</p></footer>`;
  return page(model, body, options);
}
