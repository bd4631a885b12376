import type { TFunction } from 'i18next';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { isLanguageCode, languageEntry, receiptLanguage } from '../../contract/languages';
import { useReceiptPrint, type ReceiptPrintStatus } from './useReceiptPrint';

export function PrinterIcon() {
  return (
    <svg
      className="receipt-print__icon"
      viewBox="0 0 48 48"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="3.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M14 18V6h20v12" />
      <path d="M14 36H8a2 2 0 0 1-2-2V20a2 2 0 0 1 2-2h32a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-6" />
      <path d="M14 28h20v14H14z" />
    </svg>
  );
}

function message(t: TFunction, status: ReceiptPrintStatus): string | null {
  switch (status) {
    case 'busy':
      return t('receipt.busy');
    case 'printed':
      return t('receipt.printed');
    case 'offered':
      return t('receipt.offered');
    default:
      return null;
  }
}

/**
 * "Beleg drucken" on the confirmation page: a record to take away (DESIGN §4).
 * The status region is always there, so screen readers announce each change.
 */
export function ReceiptPrint() {
  const { t, i18n } = useTranslation();
  const { status, print } = useReceiptPrint(t('receipt.frameTitle'));
  const text = message(t, status);
  // Arabic receipts are printed in English (contract/languages.ts says why); say so before printing.
  const language = i18n.language;
  const printedIn = isLanguageCode(language) ? receiptLanguage(language) : language;
  return (
    <div className="receipt-print">
      {printedIn !== language && isLanguageCode(printedIn) && (
        <p className="receipt-print__language">
          {t('receipt.language', { language: languageEntry(printedIn).nativeName })}
        </p>
      )}
      <Button className="button button--secondary receipt-print__button" onPress={print} isPending={status === 'busy'}>
        {status === 'busy' ? <span className="spinner receipt-print__spinner" aria-hidden="true" /> : <PrinterIcon />}
        {t('receipt.print')}
      </Button>
      <div className="receipt-print__status" role="status">
        {status === 'failed' ? (
          <div className="notice notice--problem">
            <span className="notice__icon" aria-hidden="true">
              !
            </span>
            <p className="notice__text">
              <span className="visually-hidden">{t('errors.prefix')} </span>
              {t('receipt.failed')}
            </p>
          </div>
        ) : (
          text && <p className="receipt-print__message">{text}</p>
        )}
      </div>
    </div>
  );
}
