import { PRINTER_STATES, type PrinterState } from '../../contract/hub/health';
import type { ReceiptPrinter } from '../types';

/** A print failure that knows why (the Electron printer's PrintError, the core process's print answer). */
export function printerStateOfError(error: unknown): PrinterState {
  const state = (error as { printerState?: unknown } | null)?.printerState;
  return typeof state === 'string' && (PRINTER_STATES as readonly string[]).includes(state)
    ? (state as PrinterState)
    : 'error';
}

export interface WatchedPrinter {
  /** The same printer; each job's outcome is noted. */
  printer: ReceiptPrinter | undefined;
  state(): PrinterState;
  lastFailureAt(): number | undefined;
}

/**
 * The receipt printer as the health report sees it (issue 20). The core cannot ask the print system itself (the
 * printer belongs to Electron's main process), so it knows what its jobs taught it: `ready` after a job came
 * out, the failure's state (out of paper, error) after one did not, `unknown` before the first job, and
 * `absent` when the terminal has no printer at all (browser mode).
 */
export function watchPrinter(
  printer: ReceiptPrinter | undefined,
  now: () => number,
  onChange: () => void = () => undefined,
): WatchedPrinter {
  if (!printer) return { printer: undefined, state: () => 'absent', lastFailureAt: () => undefined };
  let state: PrinterState = 'unknown';
  let failedAt: number | undefined;
  const noted = async (job: Promise<void>) => {
    const before = state;
    try {
      await job;
      state = 'ready';
    } catch (error) {
      state = printerStateOfError(error);
      failedAt = now();
      throw error;
    } finally {
      if (state !== before) onChange();
    }
  };
  const watched: ReceiptPrinter =
    'printHtml' in printer
      ? { layout: printer.layout, printHtml: (html) => noted(printer.printHtml(html)) }
      : { layout: printer.layout, print: (pdf) => noted(printer.print(pdf)) };
  return { printer: watched, state: () => state, lastFailureAt: () => failedAt };
}
