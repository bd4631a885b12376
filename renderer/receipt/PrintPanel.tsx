import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { isLanguageCode, languageEntry, receiptLanguage } from '../../contract/languages';
import type { PrintStatus } from './usePdfPrint';
import { pendingProps } from '../components/pending';

/** The words of one print button, already translated (each caller names its own keys). */
export interface PrintTexts {
  print: string;
  busy: string;
  printed: string;
  offered: string;
  failed: string;
  /** "Printed in {language}", for a language whose documents are printed in another. */
  printedIn(language: string): string;
}

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

function message(texts: PrintTexts, status: PrintStatus): string | null {
  switch (status) {
    case 'busy':
      return texts.busy;
    case 'printed':
      return texts.printed;
    case 'offered':
      return texts.offered;
    default:
      return null;
  }
}

/**
 * A print button with its status region: the region is always there, so screen readers announce
 * each change. `isPending` marks the button as busy as well (components/pending.ts says why not react-aria's).
 */
export function PrintPanel({
  texts,
  status,
  onPrint,
  isPending,
}: {
  texts: PrintTexts;
  status: PrintStatus;
  onPrint: () => void;
  isPending?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const text = message(texts, status);
  // Arabic receipts and slips are printed in English (contract/languages.ts says why); say so before printing.
  const language = i18n.language;
  const printedIn = isLanguageCode(language) ? receiptLanguage(language) : language;
  return (
    <div className="receipt-print">
      {printedIn !== language && isLanguageCode(printedIn) && (
        <p className="receipt-print__language">{texts.printedIn(languageEntry(printedIn).nativeName)}</p>
      )}
      <Button
        className="button button--secondary receipt-print__button"
        onPress={isPending ? undefined : onPrint}
        {...pendingProps(isPending)}
      >
        {status === 'busy' ? <span className="spinner receipt-print__spinner" aria-hidden="true" /> : <PrinterIcon />}
        {texts.print}
      </Button>
      <div className="receipt-print__status" role="status">
        {status === 'failed' ? (
          <div className="notice notice--problem">
            <span className="notice__icon" aria-hidden="true">
              !
            </span>
            <p className="notice__text">
              <span className="visually-hidden">{t('errors.prefix')} </span>
              {texts.failed}
            </p>
          </div>
        ) : (
          text && <p className="receipt-print__message">{text}</p>
        )}
      </div>
    </div>
  );
}
