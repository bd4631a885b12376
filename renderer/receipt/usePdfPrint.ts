import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, Result } from '../../contract';
import { useKiosk } from '../app/context';
import { base64ToBytes, printPdfInFrame } from './print-frame';

/** What the resident is told: nothing yet, "one moment", printing, ready on the page, or a problem. */
export type PrintStatus = 'idle' | 'busy' | 'printed' | 'offered' | 'failed';

/** The page prints on whatever paper its printer holds: A4 is the safe choice. */
const PAGE_LAYOUT = 'a4';

/** One document the core makes (the receipt, the handover slip), and the two ways it reaches paper. */
export interface PrintJob {
  /** Electron: the core prints on the terminal's own printer, so no print dialog can open over the kiosk. */
  printOnTerminal(): Promise<Result<unknown>>;
  /** Browser mode: the PDF, offered to the page's own print. */
  fetchPdf(layout: typeof PAGE_LAYOUT): Promise<Result<{ pdfBase64: string }>>;
  /** The core refused it (after that the status is "failed"). */
  onRefused?(error: ApiError): void;
}

class PrintRefused extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.code);
  }
}

/**
 * Prints `job` when the resident asks: kiosk.info's mode decides how. `job` undefined (nothing to
 * print yet) makes a press do nothing; a press while one is running is ignored.
 */
export function usePdfPrint(job: PrintJob | undefined, frameTitle: string): { status: PrintStatus; print(): void } {
  const { state } = useKiosk();
  const [status, setStatus] = useState<PrintStatus>('idle');
  const inFlight = useRef(false);
  const mounted = useRef(false);
  const dropFrame = useRef<(() => void) | undefined>(undefined);
  const mode = state.info?.mode;

  // The last frame stays while the print system may still read it; it goes with the page.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      dropFrame.current?.();
      dropFrame.current = undefined;
    };
  }, []);

  const run = useCallback(
    async (printing: PrintJob): Promise<PrintStatus> => {
      if (mode === 'electron') {
        const result = await printing.printOnTerminal();
        if (!result.ok) throw new PrintRefused(result.error);
        return 'printed';
      }
      const result = await printing.fetchPdf(PAGE_LAYOUT);
      if (!result.ok) throw new PrintRefused(result.error);
      dropFrame.current?.();
      dropFrame.current = undefined;
      const drop = await printPdfInFrame(base64ToBytes(result.value.pdfBase64), frameTitle);
      if (mounted.current) dropFrame.current = drop;
      else drop();
      return 'offered';
    },
    [mode, frameTitle],
  );

  const print = useCallback(() => {
    if (!job || inFlight.current) return;
    inFlight.current = true;
    setStatus('busy');
    run(job)
      .catch((error: unknown) => {
        if (error instanceof PrintRefused) job.onRefused?.(error.apiError);
        return 'failed' as const;
      })
      .then((next) => {
        inFlight.current = false;
        if (mounted.current) setStatus(next);
      });
  }, [job, run]);

  return { status, print };
}
