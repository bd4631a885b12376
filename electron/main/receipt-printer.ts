import type { PrinterState } from '../../contract/hub/health';
import type { ReceiptPrinter } from '../../core/types';

/** A printer that takes one HTML page. */
export type HtmlReceiptPrinter = Extract<ReceiptPrinter, { printHtml: unknown }>;

/**
 * Receipts through Electron's own silent printing, on Linux and Windows alike (no `lp`): the core
 * makes the receipt as one HTML page for the 80 mm roll (core/receipt/render-html.ts), a hidden
 * window loads it and prints it with webContents.print({ silent: true, deviceName, pageSize }).
 * Chromium cannot print a PDF silently, which is why it is HTML. Before each job the printer is
 * looked up; a missing one, or one the print system reports as offline, stopped or out of paper,
 * fails the job, and the resident gets the confirmation page's "write down your number" text.
 * Plain Node: the window comes from print-window.ts, so tests drive this with fakes.
 */

/** What Electron's getPrintersAsync() tells of a printer (Electron's PrinterInfo). */
export interface PrinterInfo {
  name: string;
  displayName: string;
  description: string;
  /** Platform specific; on Linux CUPS's attributes (printer-state, printer-state-reasons, …). */
  options: Record<string, string>;
}

export interface PrintOptions {
  silent: true;
  deviceName?: string;
  printBackground: true;
  color: false;
  margins: { marginType: 'none' };
  /** Microns: the roll's width, and the page as long as the receipt. */
  pageSize: { width: number; height: number };
}

/** The hidden window a job is printed from (a BrowserWindow in print-window.ts; a fake in tests). */
export interface PrintWindowLike {
  getPrinters(): Promise<PrinterInfo[]>;
  /** Loads the page; resolves once it is laid out. */
  load(html: string): Promise<void>;
  /** The laid-out page's height in CSS pixels. */
  contentHeight(): Promise<number>;
  print(options: PrintOptions, callback: (success: boolean, failureReason: string) => void): void;
  close(): void;
}

export interface ElectronPrinterOptions {
  /** The printer's system name (--printer); none: the system's default printer. */
  printer?: string;
  openWindow(): PrintWindowLike;
  /** A print system that does not answer must not keep the resident waiting for ever. Default 30 s. */
  timeoutMs?: number;
}

export class PrintError extends Error {
  override name = 'PrintError';
  /** What the health report says of the printer after this failure (issue 20). */
  constructor(
    message: string,
    readonly printerState: PrinterState = 'error',
  ) {
    super(message);
  }
}

/** CUPS reasons that mean the roll is empty (the health report's `out_of_paper`). */
const PAPER_REASONS = ['media-empty', 'media-needed'];

/** The terminal's receipt printer holds an 80 mm roll. */
export const KIOSK_PRINTER_LAYOUT = 'receipt80';
export const ROLL_WIDTH_MICRONS = 80_000;
/** Paper fed after the last line, so the cutter does not cut through it. */
const TRAILING_FEED_MICRONS = 8_000;
const MICRONS_PER_CSS_PX = 25_400 / 96;

/**
 * CUPS's printer-state-reasons that mean a job would not come out now (RFC 8011 §5.4.12);
 * a "-warning" suffix (e.g. media-low-warning) still prints.
 */
const BLOCKING_REASONS = [
  'media-empty',
  'media-needed',
  'media-jam',
  'offline',
  'paused',
  'shutdown',
  'stopped',
  'door-open',
  'cover-open',
  'output-area-full',
  'marker-supply-empty',
  'connecting-to-device',
];

/** Why the printer cannot take a job now, or undefined when it can. Pure. */
export function printerProblem(printers: readonly PrinterInfo[], name: string | undefined): string | undefined {
  if (printers.length === 0) return 'no printer is installed';
  const printer = name === undefined ? undefined : printers.find((candidate) => candidate.name === name);
  if (name !== undefined && !printer) return `printer ${name} is not installed`;
  if (!printer) return undefined; // The system's default printer: Chromium picks it, and reports a failure itself.
  const options = printer.options ?? {};
  if (options['printer-is-accepting-jobs'] === 'false') return `printer ${name} does not accept jobs`;
  // IPP printer-state: 3 idle, 4 processing, 5 stopped.
  if (options['printer-state'] === '5') return `printer ${name} is stopped`;
  const reasons = (options['printer-state-reasons'] ?? '')
    .split(',')
    .map((reason) => reason.trim())
    .filter((reason) => reason && reason !== 'none' && !reason.endsWith('-warning'));
  const blocking = reasons.find((reason) => BLOCKING_REASONS.includes(reason.replace(/-(error|report)$/, '')));
  if (blocking) return `printer ${name} reports ${blocking}`;
  return undefined;
}

/** The health report's printer state for a problem printerProblem named. Pure. */
export function problemState(problem: string): PrinterState {
  return PAPER_REASONS.some((reason) => problem.endsWith(`reports ${reason}`) || problem.includes(`reports ${reason}-`))
    ? 'out_of_paper'
    : 'error';
}

/** The page for a receipt `cssHeight` CSS pixels long, on the 80 mm roll. */
export function rollPageSize(cssHeight: number): { width: number; height: number } {
  const height = Math.ceil(Math.max(cssHeight, 1) * MICRONS_PER_CSS_PX) + TRAILING_FEED_MICRONS;
  return { width: ROLL_WIDTH_MICRONS, height };
}

export function printOptions(deviceName: string | undefined, cssHeight: number): PrintOptions {
  return {
    silent: true,
    ...(deviceName !== undefined ? { deviceName } : {}),
    printBackground: true,
    color: false,
    margins: { marginType: 'none' },
    pageSize: rollPageSize(cssHeight),
  };
}

function printIn(window: PrintWindowLike, options: PrintOptions, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new PrintError(`the print system did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    window.print(options, (success, failureReason) => {
      clearTimeout(timer);
      if (success) resolve();
      else reject(new PrintError(`printing failed: ${failureReason || 'no reason given'}`));
    });
  });
}

export function electronReceiptPrinter(options: ElectronPrinterOptions): HtmlReceiptPrinter {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    layout: KIOSK_PRINTER_LAYOUT,
    async printHtml(html) {
      const window = options.openWindow();
      try {
        const problem = printerProblem(await window.getPrinters(), options.printer);
        if (problem) throw new PrintError(problem, problemState(problem));
        await window.load(html);
        await printIn(window, printOptions(options.printer, await window.contentHeight()), timeoutMs);
      } finally {
        // The page held the receipt: it goes with the job, whatever happened.
        window.close();
      }
    },
  };
}
