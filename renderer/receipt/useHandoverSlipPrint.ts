import { useCallback, useEffect, useRef, useState } from 'react';
import { getBridge } from '../api/bridge';
import { useKiosk } from '../app/context';
import { base64ToBytes, printPdfInFrame } from './print-frame';
import type { ReceiptPrintStatus } from './useReceiptPrint';

/** The page prints on whatever paper its printer holds: A4 is the safe choice. */
const PAGE_LAYOUT = 'a4';

/**
 * "Code drucken" on the handover screen, printed exactly like the receipt:
 * in Electron the core prints on the terminal's printer (handover.printSlip),
 * in browser mode the page gets the PDF (handover.slip) and offers it to its
 * own print through the hidden frame.
 */
export function useHandoverSlipPrint(code: string, frameTitle: string): { status: ReceiptPrintStatus; print(): void } {
  const { state } = useKiosk();
  const [status, setStatus] = useState<ReceiptPrintStatus>('idle');
  const inFlight = useRef(false);
  const mounted = useRef(false);
  const dropFrame = useRef<(() => void) | undefined>(undefined);
  const mode = state.info?.mode;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      dropFrame.current?.();
      dropFrame.current = undefined;
    };
  }, []);

  const run = useCallback(async (): Promise<ReceiptPrintStatus> => {
    const bridge = getBridge();
    if (mode === 'electron') {
      const result = await bridge.call('handover.printSlip', { code });
      return result.ok ? 'printed' : 'failed';
    }
    const result = await bridge.call('handover.slip', { code, layout: PAGE_LAYOUT });
    if (!result.ok) return 'failed';
    dropFrame.current?.();
    dropFrame.current = undefined;
    const drop = await printPdfInFrame(base64ToBytes(result.value.pdfBase64), frameTitle);
    if (mounted.current) dropFrame.current = drop;
    else drop();
    return 'offered';
  }, [mode, code, frameTitle]);

  const print = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    setStatus('busy');
    run()
      .catch(() => 'failed' as const)
      .then((next) => {
        inFlight.current = false;
        if (mounted.current) setStatus(next);
      });
  }, [run]);

  return { status, print };
}
