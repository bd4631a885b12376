import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../contract';
import { getBridge } from '../api/bridge';
import { useKiosk } from '../app/context';
import { base64ToBytes, printPdfInFrame } from './print-frame';

/** What the resident is told: nothing yet, "one moment", printing, ready on the page, or a problem. */
export type ReceiptPrintStatus = 'idle' | 'busy' | 'printed' | 'offered' | 'failed';

/** The page prints on whatever paper its printer holds: A4 is the safe choice. */
const PAGE_LAYOUT = 'a4';

class ReceiptError extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.code);
  }
}

/**
 * "Beleg drucken". In Electron the core prints on the terminal's own printer
 * (session.printReceipt), so no print dialog can open over the kiosk; in
 * browser mode the page fetches the PDF (session.receipt) and offers it to
 * its own print. kiosk.info's mode decides which.
 */
export function useReceiptPrint(frameTitle: string): { status: ReceiptPrintStatus; print(): void } {
  const { state, actions } = useKiosk();
  const [status, setStatus] = useState<ReceiptPrintStatus>('idle');
  const inFlight = useRef(false);
  const mounted = useRef(false);
  const dropFrame = useRef<(() => void) | undefined>(undefined);
  const sessionId = state.view?.sessionId;
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
    async (id: string): Promise<ReceiptPrintStatus> => {
      const bridge = getBridge();
      if (mode === 'electron') {
        const result = await bridge.call('session.printReceipt', { sessionId: id });
        if (!result.ok) throw new ReceiptError(result.error);
        return 'printed';
      }
      const result = await bridge.call('session.receipt', { sessionId: id, layout: PAGE_LAYOUT });
      if (!result.ok) throw new ReceiptError(result.error);
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
    if (!sessionId || inFlight.current) return;
    inFlight.current = true;
    setStatus('busy');
    run(sessionId)
      .catch((error: unknown) => {
        // A session that is gone takes the resident back to the start, as everywhere else.
        if (error instanceof ReceiptError && error.apiError.code === 'no_session') actions.reset('sessionEnded');
        return 'failed' as const;
      })
      .then((next) => {
        inFlight.current = false;
        if (mounted.current) setStatus(next);
      });
  }, [sessionId, run, actions]);

  return { status, print };
}
