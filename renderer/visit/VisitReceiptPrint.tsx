import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../api/bridge';
import { useKiosk } from '../app/context';
import { PrintPanel } from '../receipt/PrintPanel';
import { usePdfPrint, type PrintJob } from '../receipt/usePdfPrint';

/**
 * "Checkliste drucken" on the prepared-visit page: the documents, the fee, the office and the desk's code on
 * paper (visit.printReceipt in Electron, visit.receipt in browser mode), like the receipt and the slip.
 */
export function VisitReceiptPrint() {
  const { t } = useTranslation();
  const { state } = useKiosk();
  const printerLocation = state.info?.printerLocation ?? 'below';
  const job = useMemo<PrintJob>(
    () => ({
      printOnTerminal: () => getBridge().call('visit.printReceipt', {}),
      fetchPdf: (layout) => getBridge().call('visit.receipt', { layout }),
    }),
    [],
  );
  const { status, print } = usePdfPrint(job, t('visit.frameTitle'));
  return (
    <PrintPanel
      status={status}
      onPrint={print}
      texts={{
        print: t('visit.print'),
        busy: t('visit.busy'),
        printed: `${t('visit.printed')} ${t(`printerWhere.${printerLocation}`)}`,
        offered: `${t('visit.offered')} ${t(`printerWhere.${printerLocation}`)}`,
        failed: t('visit.failed'),
        printedIn: (language) => t('receipt.language', { language }),
      }}
    />
  );
}
