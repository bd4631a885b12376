import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../api/bridge';
import { useKiosk } from '../../app/context';
import { PrintPanel } from '../../receipt/PrintPanel';
import { usePdfPrint, type PrintJob } from '../../receipt/usePdfPrint';

/**
 * "Neuen Termin drucken" after a move: the time, the office, the entrance and the new code with its QR code
 * (appointment.managePrint in Electron, appointment.manageReceipt in browser mode), in the resident's language.
 */
export function ManageReceiptPrint() {
  const { t } = useTranslation();
  const { state } = useKiosk();
  const language = state.startLanguage;
  const printerLocation = state.info?.printerLocation ?? 'below';
  const job = useMemo<PrintJob>(
    () => ({
      printOnTerminal: () => getBridge().call('appointment.managePrint', { language }),
      fetchPdf: (layout) => getBridge().call('appointment.manageReceipt', { layout, language }),
    }),
    [language],
  );
  const { status, print } = usePdfPrint(job, t('manageBooking.movedTitle'));
  return (
    <PrintPanel
      status={status}
      onPrint={print}
      texts={{
        print: t('manageBooking.print'),
        busy: t('manageBooking.printBusy'),
        printed: `${t('manageBooking.printed')} ${t(`printerWhere.${printerLocation}`)}`,
        offered: `${t('manageBooking.offered')} ${t(`printerWhere.${printerLocation}`)}`,
        failed: t('manageBooking.printFailed'),
        printedIn: (printed) => t('receipt.language', { language: printed }),
      }}
    />
  );
}
