import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../api/bridge';
import { useKiosk } from '../../app/context';
import { PrintPanel } from '../../receipt/PrintPanel';
import { usePdfPrint, type PrintJob } from '../../receipt/usePdfPrint';

/** "Wartenummer drucken": walkIn.print in Electron, walkIn.receipt in browser mode, in the resident's language. */
export function WalkInPrint() {
  const { t } = useTranslation();
  const { state } = useKiosk();
  const language = state.startLanguage;
  const printerLocation = state.info?.printerLocation ?? 'below';
  const job = useMemo<PrintJob>(
    () => ({
      printOnTerminal: () => getBridge().call('walkIn.print', { language }),
      fetchPdf: (layout) => getBridge().call('walkIn.receipt', { layout, language }),
    }),
    [language],
  );
  const { status, print } = usePdfPrint(job, t('walkIn.numberTitle'));
  return (
    <PrintPanel
      status={status}
      onPrint={print}
      texts={{
        print: t('walkIn.print'),
        busy: t('walkIn.printBusy'),
        printed: `${t('walkIn.printed')} ${t(`printerWhere.${printerLocation}`)}`,
        offered: `${t('walkIn.offered')} ${t(`printerWhere.${printerLocation}`)}`,
        failed: t('walkIn.printFailed'),
        printedIn: (printed) => t('receipt.language', { language: printed }),
      }}
    />
  );
}
