import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../api/bridge';
import { PrintPanel } from './PrintPanel';
import { usePdfPrint, type PrintJob } from './usePdfPrint';

/**
 * "Code drucken" on the handover screen: the code on paper to take to the desk, printed and announced
 * like the receipt (ReceiptPrint.tsx): handover.printSlip in Electron, handover.slip in browser mode.
 */
export function HandoverSlipPrint({ code }: { code: string }) {
  const { t } = useTranslation();
  const job = useMemo<PrintJob>(
    () => ({
      printOnTerminal: () => getBridge().call('handover.printSlip', { code }),
      fetchPdf: (layout) => getBridge().call('handover.slip', { code, layout }),
    }),
    [code],
  );
  const { status, print } = usePdfPrint(job, t('handoverSlip.frameTitle'));
  return (
    // Not isPending: its announcement would point at this button after "Fertig". Not disabled either,
    // so keyboard focus stays: the status region says "busy" and the hook ignores a second press.
    <PrintPanel
      status={status}
      onPrint={print}
      texts={{
        print: t('handoverSlip.print'),
        busy: t('handoverSlip.busy'),
        printed: t('handoverSlip.printed'),
        offered: t('handoverSlip.offered'),
        failed: t('handoverSlip.failed'),
        printedIn: (language) => t('handoverSlip.language', { language }),
      }}
    />
  );
}
