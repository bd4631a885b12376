import type { TFunction } from 'i18next';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { isLanguageCode, languageEntry, receiptLanguage } from '../../contract/languages';
import { PrinterIcon } from './ReceiptPrint';
import { useHandoverSlipPrint } from './useHandoverSlipPrint';
import type { ReceiptPrintStatus } from './useReceiptPrint';

function message(t: TFunction, status: ReceiptPrintStatus): string | null {
  switch (status) {
    case 'busy':
      return t('handoverSlip.busy');
    case 'printed':
      return t('handoverSlip.printed');
    case 'offered':
      return t('handoverSlip.offered');
    default:
      return null;
  }
}

/**
 * "Code drucken" on the handover screen: the code on paper to take to the desk,
 * printed and announced like the receipt (ReceiptPrint.tsx).
 */
export function HandoverSlipPrint({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const { status, print } = useHandoverSlipPrint(code, t('handoverSlip.frameTitle'));
  const text = message(t, status);
  // Like receipts, Arabic slips are printed in English; say so before printing.
  const language = i18n.language;
  const printedIn = isLanguageCode(language) ? receiptLanguage(language) : language;
  return (
    <div className="receipt-print">
      {printedIn !== language && isLanguageCode(printedIn) && (
        <p className="receipt-print__language">
          {t('handoverSlip.language', { language: languageEntry(printedIn).nativeName })}
        </p>
      )}
      {/* Not isPending: its announcement would point at this button after "Fertig". Not disabled either,
          so keyboard focus stays: the status region says "busy" and the hook ignores a second press. */}
      <Button className="button button--secondary receipt-print__button" onPress={print}>
        {status === 'busy' ? <span className="spinner receipt-print__spinner" aria-hidden="true" /> : <PrinterIcon />}
        {t('handoverSlip.print')}
      </Button>
      <div className="receipt-print__status" role="status">
        {status === 'failed' ? (
          <div className="notice notice--problem">
            <span className="notice__icon" aria-hidden="true">
              !
            </span>
            <p className="notice__text">
              <span className="visually-hidden">{t('errors.prefix')} </span>
              {t('handoverSlip.failed')}
            </p>
          </div>
        ) : (
          text && <p className="receipt-print__message">{text}</p>
        )}
      </div>
    </div>
  );
}
