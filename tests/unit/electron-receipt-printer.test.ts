// @vitest-environment node
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionView } from '../../contract';
import {
  electronReceiptPrinter,
  PrintError,
  printerProblem,
  printOptions,
  rollPageSize,
  type PrinterInfo,
  type PrintOptions,
  type PrintWindowLike,
} from '../../electron/main/receipt-printer';
import { openTestCore, PROJECT_RESOURCES, removeDir, type TestCore } from '../fixtures/core-harness';
import { ToCoreSchema } from '../../core/host/protocol';
import { printerStateOfError } from '../../core/health/printer-watch';

/**
 * The Electron shell's receipt printer: the printer decision (pure) and the print job with a fake
 * in place of the hidden BrowserWindow (Electron cannot run here), driven through the real core's
 * session.printReceipt, so the HTML it prints is the one the core makes.
 */

const BON = 'Bon_Drucker-1';
const printer = (name: string, options: Record<string, string> = {}): PrinterInfo => ({
  name,
  displayName: name.replace(/_/g, ' '),
  description: '80 mm thermal',
  options,
});

describe('printer decision', () => {
  it('takes an idle named printer', () => {
    const idle = printer(BON, {
      'printer-state': '3',
      'printer-state-reasons': 'none',
      'printer-is-accepting-jobs': 'true',
    });
    expect(printerProblem([printer('Office'), idle], BON)).toBeUndefined();
    // Windows gives no CUPS attributes: a printer that is there is taken.
    expect(printerProblem([printer(BON, { 'printer-location': 'Foyer' })], BON)).toBeUndefined();
  });

  it('refuses when no printer is installed, or the named one is missing', () => {
    expect(printerProblem([], BON)).toBe('no printer is installed');
    expect(printerProblem([], undefined)).toBe('no printer is installed');
    expect(printerProblem([printer('Office')], BON)).toBe(`printer ${BON} is not installed`);
    // No name: the system's default, which Chromium picks.
    expect(printerProblem([printer('Office')], undefined)).toBeUndefined();
  });

  it('refuses a printer CUPS reports out of paper, jammed, offline, stopped or not accepting jobs', () => {
    for (const reasons of [
      'media-empty-error',
      'media-needed',
      'media-jam-error',
      'offline-report',
      'paused',
      'door-open-error',
    ])
      expect(printerProblem([printer(BON, { 'printer-state-reasons': `none,${reasons}` })], BON), reasons).toBe(
        `printer ${BON} reports ${reasons}`,
      );
    expect(printerProblem([printer(BON, { 'printer-state': '5' })], BON)).toBe(`printer ${BON} is stopped`);
    expect(printerProblem([printer(BON, { 'printer-is-accepting-jobs': 'false' })], BON)).toBe(
      `printer ${BON} does not accept jobs`,
    );
  });

  it('still prints on warnings (paper low)', () => {
    expect(printerProblem([printer(BON, { 'printer-state-reasons': 'media-low-warning' })], BON)).toBeUndefined();
  });

  it('asks for a silent job on the named printer, 80 mm wide and as long as the receipt', () => {
    expect(rollPageSize(960)).toEqual({ width: 80_000, height: 254_000 + 8_000 });
    expect(printOptions(BON, 960)).toEqual({
      silent: true,
      deviceName: BON,
      printBackground: true,
      color: false,
      margins: { marginType: 'none' },
      pageSize: { width: 80_000, height: 262_000 },
    });
    expect(printOptions(undefined, 10)).not.toHaveProperty('deviceName');
  });
});

/** Stands in for the hidden BrowserWindow: records what it loaded and printed. */
class FakePrintWindow implements PrintWindowLike {
  loaded: string[] = [];
  printed: PrintOptions[] = [];
  closed = false;
  constructor(
    private readonly printers: PrinterInfo[],
    private readonly outcome: { success: boolean; reason?: string; hang?: boolean } = { success: true },
  ) {}
  async getPrinters() {
    return this.printers;
  }
  async load(html: string) {
    this.loaded.push(html);
  }
  async contentHeight() {
    return 1200;
  }
  print(options: PrintOptions, callback: (success: boolean, failureReason: string) => void) {
    this.printed.push(options);
    if (!this.outcome.hang) setImmediate(() => callback(this.outcome.success, this.outcome.reason ?? ''));
  }
  close() {
    this.closed = true;
  }
}

const CANARY = 'Kanarienvogel-7731';
let kiosk: TestCore | undefined;
afterEach(() => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
});

async function confirmed(window: FakePrintWindow, options: { timeoutMs?: number } = {}): Promise<SessionView> {
  kiosk = openTestCore({
    resourcesDir: PROJECT_RESOURCES,
    receiptPrinter: electronReceiptPrinter({ printer: BON, openWindow: () => window, ...options }),
  });
  let view = await kiosk.value('session.start', { serviceId: 'maengel-melden', language: 'de' });
  for (const [stepId, values] of [
    ['category', { category: 'strassenschaden' }],
    ['place', { location: `Am Sande ${CANARY}` }],
    ['description', { description: `Schlagloch ${CANARY}` }],
    ['feedback', { wantsFeedback: 'nein' }],
  ] as const)
    view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values });
  view = await kiosk.value('session.submit', { sessionId: view.sessionId });
  expect(view.position.kind).toBe('confirmation');
  return view;
}

describe('silent printing through Electron (fake window, real core)', () => {
  it('prints the HTML receipt silently on the named printer and closes the window', async () => {
    const window = new FakePrintWindow([printer(BON, { 'printer-state-reasons': 'none' })]);
    const view = await confirmed(window);
    expect(await kiosk!.value('session.printReceipt', { sessionId: view.sessionId })).toEqual({ printed: true });
    expect(window.loaded).toHaveLength(1);
    const html = window.loaded[0]!;
    if (view.position.kind !== 'confirmation') throw new Error('unreachable');
    expect(html).toContain(view.position.reference);
    expect(html).toMatch(/^<!doctype html><html lang="de" dir="ltr">/);
    expect(html).not.toContain(CANARY);
    expect(window.printed).toEqual([printOptions(BON, 1200)]);
    expect(window.closed).toBe(true);
  });

  it('gives the resident the "write down your number" path when the printer is missing or out of paper', async () => {
    for (const printers of [
      [],
      [printer('Office')],
      [printer(BON, { 'printer-state-reasons': 'media-empty-error' })],
    ]) {
      const window = new FakePrintWindow(printers);
      const view = await confirmed(window);
      expect(await kiosk!.call('session.printReceipt', { sessionId: view.sessionId })).toMatchObject({
        ok: false,
        error: { code: 'internal' },
      });
      expect(window.printed).toEqual([]);
      expect(window.loaded).toEqual([]);
      expect(window.closed).toBe(true);
      expect(kiosk!.logger.lines).toContainEqual(
        expect.objectContaining({ event: 'receipt.print_failed', errorClass: 'PrintError' }),
      );
      kiosk!.close();
      removeDir(kiosk!.dataDir);
      kiosk = undefined;
    }
  });

  it('fails the job when Chromium reports a failure, or never answers', async () => {
    const failing = new FakePrintWindow([printer(BON)], { success: false, reason: 'failed' });
    const view = await confirmed(failing);
    expect(await kiosk!.call('session.printReceipt', { sessionId: view.sessionId })).toMatchObject({ ok: false });
    expect(failing.closed).toBe(true);

    const silent = new FakePrintWindow([printer(BON)], { success: true, hang: true });
    const job = electronReceiptPrinter({ printer: BON, openWindow: () => silent, timeoutMs: 50 });
    if (!('printHtml' in job)) throw new Error('an HTML printer');
    await expect(job.printHtml('<!doctype html><p>x</p>')).rejects.toThrow(PrintError);
    expect(silent.closed).toBe(true);
  });

  it('is plain Node: it never loads electron (print-window.ts does)', () => {
    const source = readFileSync(path.join(import.meta.dirname, '../../electron/main/receipt-printer.ts'), 'utf8');
    expect(source).not.toMatch(/from 'electron'|require\('electron'\)/);
  });
});

describe("the printer's state for the health report (issue 20)", () => {
  it('an empty roll is out_of_paper, anything else that stops a job is error; the core process passes it on', async () => {
    const states: string[] = [];
    for (const printers of [
      [printer(BON, { 'printer-state-reasons': 'media-empty-error' })],
      [printer(BON, { 'printer-state-reasons': 'media-needed' })],
      [printer(BON, { 'printer-state-reasons': 'media-jam-error' })],
      [printer('Office')],
      [],
    ]) {
      const job = electronReceiptPrinter({ printer: BON, openWindow: () => new FakePrintWindow(printers) });
      if (!('printHtml' in job)) throw new Error('an HTML printer');
      const error: unknown = await job.printHtml('<!doctype html><p>x</p>').catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(PrintError);
      states.push(printerStateOfError(error));
    }
    expect(states).toEqual(['out_of_paper', 'out_of_paper', 'error', 'error', 'error']);
    // The core process learns it from the parent's answer frame, checked like every frame.
    expect(ToCoreSchema.safeParse({ kind: 'printed', id: 1, ok: false, printerState: 'out_of_paper' }).success).toBe(
      true,
    );
    expect(ToCoreSchema.safeParse({ kind: 'printed', id: 1, ok: false, printerState: 'on fire' }).success).toBe(false);
  });
});
