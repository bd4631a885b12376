import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../api/bridge';
import { useKiosk } from '../app/context';
import { PrintPanel } from './PrintPanel';
import { usePdfPrint, type PrintJob } from './usePdfPrint';

/**
 * "Beleg drucken" on the confirmation page: a record to take away (DESIGN §4). In Electron the core
 * prints it (session.printReceipt); in browser mode the page gets the PDF (session.receipt).
 */
export function ReceiptPrint() {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  const sessionId = state.view?.sessionId;
  const printerLocation = state.info?.printerLocation ?? 'below';
  const job = useMemo<PrintJob | undefined>(
    () =>
      sessionId
        ? {
            printOnTerminal: () => getBridge().call('session.printReceipt', { sessionId }),
            fetchPdf: (layout) => getBridge().call('session.receipt', { sessionId, layout }),
            // A session that is gone takes the resident back to the start, as everywhere else.
            onRefused: (error) => {
              if (error.code === 'no_session') actions.reset('sessionEnded');
            },
          }
        : undefined,
    [sessionId, actions],
  );
  const { status, print } = usePdfPrint(job, t('receipt.frameTitle'));
  return (
    <PrintPanel
      status={status}
      onPrint={print}
      isPending={status === 'busy'}
      texts={{
        print: t('receipt.print'),
        busy: t('receipt.busy'),
        // Said plainly where the printer is on this terminal (kiosk.info printerLocation, resources/branding/).
        printed: `${t('receipt.printed')} ${t(`printerWhere.${printerLocation}`)}`,
        offered: `${t('receipt.offered')} ${t(`printerWhere.${printerLocation}`)}`,
        failed: t('receipt.failed'),
        printedIn: (language) => t('receipt.language', { language }),
      }}
    />
  );
}
