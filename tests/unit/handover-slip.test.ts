// @vitest-environment node
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DESK_OFFICE_ID,
  LANGUAGES,
  OFFICES_NS,
  RECEIPT_LANGUAGE_CODES,
  weeklyHoursLines,
  type LanguageCode,
} from '../../contract';
import { createReceiptTranslator, loadReceiptTexts, slipModel } from '../../core/receipt';
import { electronReceiptPrinter, type PrintOptions, type PrintWindowLike } from '../../electron/main/receipt-printer';
import { PROJECT_RESOURCES, removeDir, tempDir, type TestCore } from '../fixtures/core-harness';
import { decodeBarcodes, hasZbar, pdfInfo, pdfToPng, pdfToText, shippedCatalog } from '../fixtures/receipt-harness';
import { openHubCore, startRealHub, untilOnline, type RealHub } from './hub-client-helpers';

/**
 * The handover slip ("Code drucken") against the real core (real SQLite, the
 * shipped services and receipt texts) and the real hub in-process on 127.0.0.1: a PDF
 * only for the code this kiosk issued, with the code, its QR and the office,
 * never the answers; and on the Electron path through the real silent printer
 * with a fake in place of Electron's hidden print window (no Electron here).
 */

const CANARY = `Kanarien${Date.now().toString(36)}vogel`;
const OTHER_CODE = '2345-6789';

let kiosk: TestCore | undefined;
let hub: RealHub | undefined;
const dirs: string[] = [];
afterEach(async () => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
  await hub?.close();
  hub = undefined;
  for (const dir of dirs.splice(0)) removeDir(dir);
});

/**
 * A resident who typed the canary and then chose "continue at the desk". Sperrmüll: its own office is the
 * Landkreis in the Kreishaus (Am Sande), another building than the Bürgerservice desk the slip sends them to.
 */
async function handedOver(
  extra: Parameters<typeof openHubCore>[1] = {},
  language: LanguageCode = 'de',
): Promise<{ k: TestCore; code: string }> {
  hub = await startRealHub();
  kiosk = openHubCore(hub, { resourcesDir: PROJECT_RESOURCES, ...extra });
  await untilOnline(kiosk);
  let view = await kiosk.value('session.start', { serviceId: 'sperrmuell', language });
  view = await kiosk.value('session.answer', {
    sessionId: view.sessionId,
    stepId: 'address',
    values: { street: `Hökerstraße ${CANARY}`, houseNumber: '12', postcode: '21682', town: 'Stade' },
  });
  const ticket = await kiosk.value('handover.start', { sessionId: view.sessionId });
  if (!ticket.stored) throw new Error('handover not stored');
  // Until when the desk takes the code (the hub's expiry, a day) and when the desk is open next (issue 14).
  expect(Date.parse(ticket.validUntil!)).toBeGreaterThan(Date.now());
  expect(ticket.desk).toMatchObject({ timeZone: 'Europe/Berlin' });
  return { k: kiosk, code: ticket.code };
}

function pdfFile(bytes: Buffer, name: string): string {
  const dir = tempDir('handover-slip-');
  dirs.push(dir);
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

async function slipPdf(k: TestCore, code: string, layout: 'a4' | 'receipt80'): Promise<string> {
  const file = await k.value('handover.slip', { code, layout });
  expect(file.fileName).toBe(`handover-slip-${layout}.pdf`);
  return pdfFile(Buffer.from(file.pdfBase64, 'base64'), `slip-${layout}`);
}

describe('handover slip', () => {
  it('holds the code, its QR, what to do and where the desk is in both layouts, and nothing the resident typed', async () => {
    const { k, code } = await handedOver();
    for (const layout of ['a4', 'receipt80'] as const) {
      const file = await slipPdf(k, code, layout);
      expect(pdfInfo(file).Pages).toBe('1');
      const text = pdfToText(file).replace(/\s+/g, ' ');
      expect(text).toContain(code);
      expect(text).toContain('Weiter am Schalter');
      expect(text).toContain('Schalter des Bürgerservice');
      // Where that desk is: the info office in the town hall (resources/offices/), its hours and step-free entrance.
      expect(text).toContain('Infotheke des Bürgerservice');
      expect(text).toContain('Seminarstraße 2–4');
      expect(text).toContain('Hinterm Hagedorn');
      expect(text).toContain('Öffnungszeiten');
      expect(text).toContain('Donnerstag: 08:30–18:00 Uhr');
      expect(text).toContain('Barrierefreier');
      expect(text).toContain('Ohne Stufen');
      expect(text).toMatch(/Ausgestellt am \w+, \d{1,2}\. \w+ \d{4}, \d{2}:\d{2} Uhr/);
      expect(text).toMatch(/Der Code gilt bis \w+, \d{1,2}\. \w+ \d{4}, \d{2}:\d{2} Uhr\./);
      expect(text).toMatch(
        /Der Schalter ist (jetzt geöffnet, heute bis \d{2}:\d{2} Uhr|wieder geöffnet am \w+, \d{1,2}\. \w+ \d{4} ab \d{2}:\d{2} Uhr)\./,
      );
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain('Hökerstraße');
      // Not the service's own office, where no one could open the code.
      expect(text).not.toContain('Landkreis');
      expect(text).not.toContain('Am Sande');
      if (hasZbar) expect(decodeBarcodes(pdfToPng(file, `${file}-qr`, 150))).toEqual([code]);
    }
    // The code is shown and printed, never logged.
    expect(JSON.stringify(k.logger.lines)).not.toContain(code);
    expect(k.logger.lines.some((line) => JSON.stringify(line).includes('handover.slip_made'))).toBe(true);
  });

  it('an Arabic session gets an English slip, like the receipt', async () => {
    const { k, code } = await handedOver({}, 'ar');
    const text = pdfToText(await slipPdf(k, code, 'receipt80')).replace(/\s+/g, ' ');
    expect(text).toContain('Continue at the desk');
    expect(text).toContain(code);
    expect(text).toContain('Stade town hall');
    expect(text).toContain('step-free');
  });

  it('refuses any code but the one issued here, and that one after "Fertig" or the next session', async () => {
    const { k, code } = await handedOver();
    const refused = { ok: false, error: { code: 'not_reachable' } };
    expect(await k.call('handover.slip', { code: OTHER_CODE, layout: 'a4' })).toMatchObject(refused);
    expect(await k.call('handover.slip', { code: 'Hallo Welt', layout: 'a4' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await k.call('handover.slip', { code, layout: 'a4', text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await k.value('handover.done', {})).toEqual({ forgotten: true });
    expect(await k.call('handover.slip', { code, layout: 'a4' })).toMatchObject(refused);
    expect(await k.value('handover.done', {})).toEqual({ forgotten: false });

    // A second handover, then the next resident starts: the old code is no longer printable.
    let view = await k.value('session.start', { serviceId: 'maengel-melden', language: 'de' });
    const ticket = await k.value('handover.start', { sessionId: view.sessionId });
    if (!ticket.stored) throw new Error('handover not stored');
    expect((await k.call('handover.slip', { code: ticket.code, layout: 'a4' })).ok).toBe(true);
    view = await k.value('session.start', { serviceId: 'maengel-melden', language: 'de' });
    expect(await k.call('handover.slip', { code: ticket.code, layout: 'a4' })).toMatchObject(refused);
    expect(view.position.kind).toBe('step');
  });
});

describe('handover slip: the desk', () => {
  it('is the info office of the offices file, with its hours written from the data, in every receipt language', () => {
    const catalog = shippedCatalog();
    const texts = loadReceiptTexts(PROJECT_RESOURCES);
    const sperrmuell = catalog.byId.get('sperrmuell')!.definition;
    for (const language of RECEIPT_LANGUAGE_CODES) {
      const t = createReceiptTranslator(texts, catalog.translations, 'sperrmuell', language);
      const request = { code: OTHER_CODE, serviceId: 'sperrmuell', language, issuedAt: Date.UTC(2025, 2, 14, 9) };
      // The desk as the offices file describes it: one place, so the slip and the screens cannot drift apart.
      const desk = catalog.offices.byId.get(DESK_OFFICE_ID)!;
      const office = catalog.translations[language]?.[OFFICES_NS]?.[DESK_OFFICE_ID] as Record<string, string>;
      expect(slipModel(sperrmuell, desk, request, t).office.blocks, language).toEqual([
        { kind: 'paragraph', text: office.name, strong: true },
        { kind: 'paragraph', text: office.address },
        {
          kind: 'fields',
          rows: [
            {
              label: t('receipt:office.openingHours'),
              value: weeklyHoursLines(desk, t('receipt:format.locale')).join('\n'),
            },
            { label: t('receipt:office.access'), value: office.access },
            { label: t('receipt:office.phone'), value: desk.phone },
          ],
        },
      ]);
    }
  });

  it('the kiosk\'s "Hilfe" gives the same step-free entrance of the desk, in every kiosk language', () => {
    const catalog = shippedCatalog();
    for (const language of LANGUAGES.map((entry) => entry.code)) {
      const kiosk = JSON.parse(
        readFileSync(join(PROJECT_RESOURCES, '..', 'renderer', 'locales', `${language}.json`), 'utf8'),
      ) as { assist: Record<string, string> };
      // "Hilfe" reads the info office's own text (renderer/components/HelpButton.tsx): no copy of it left.
      expect(kiosk.assist.deskAccess, language).toBeUndefined();
      const office = catalog.translations[language]?.[OFFICES_NS]?.[DESK_OFFICE_ID] as Record<string, string>;
      expect(office.access, language).toMatch(/Hagedorn/);
    }
  });
});

/** Stands in for Electron's hidden print window (no Electron here): keeps the HTML it was given to print. */
function fakePrintWindow() {
  const jobs: string[] = [];
  const printed: PrintOptions[] = [];
  const window: PrintWindowLike = {
    getPrinters: async () => [{ name: 'Bon_Drucker-1', displayName: 'Bon', description: '', options: {} }],
    load: async (html) => void jobs.push(html),
    contentHeight: async () => 900,
    print: (options, callback) => {
      printed.push(options);
      setImmediate(() => callback(true, ''));
    },
    close: () => undefined,
  };
  return { window, jobs, printed };
}

describe('handover slip on the terminal printer (Electron)', () => {
  it("prints the issued code on the 80 mm roll through Electron's silent printing, and nothing for another code", async () => {
    const fake = fakePrintWindow();
    const printer = electronReceiptPrinter({ printer: 'Bon_Drucker-1', openWindow: () => fake.window });
    const { k, code } = await handedOver({ receiptPrinter: printer });
    expect(await k.call('handover.printSlip', { code: OTHER_CODE })).toMatchObject({
      ok: false,
      error: { code: 'not_reachable' },
    });
    expect(fake.jobs).toHaveLength(0);
    expect(await k.value('handover.printSlip', { code })).toEqual({ printed: true });
    expect(fake.jobs).toHaveLength(1);
    expect(fake.jobs[0]).toContain(code);
    expect(fake.jobs[0]).not.toContain(CANARY);
    // The roll: 80 mm wide, silent, on the named printer.
    expect(fake.printed).toEqual([expect.objectContaining({ silent: true, deviceName: 'Bon_Drucker-1' })]);
    expect(fake.printed[0]!.pageSize.width).toBe(80_000);
    expect(JSON.stringify(k.logger.lines)).not.toContain(code);
  });
});
