import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

interface SummaryRowProps {
  label: string;
  value: string;
  /** The value is written left to right whatever the language (phone numbers, e-mail addresses). */
  ltr?: boolean;
  onChange: () => void;
}

/** One row of the check page; the change button's name says what it changes ("Ändern: Familienname"). */
export function SummaryRow({ label, value, ltr = false, onChange }: SummaryRowProps) {
  const { t } = useTranslation();
  return (
    <div className="summary-list__row">
      <dt className="summary-list__key">{label}</dt>
      <dd className="summary-list__value">{ltr ? <bdi dir="ltr">{value}</bdi> : value}</dd>
      <dd className="summary-list__actions">
        {/* aria-label, not a visually hidden span: Chromium would put a space before the colon. */}
        <Button
          className="link-button"
          onPress={onChange}
          data-guide="change"
          aria-label={t('check.changeField', { field: label })}
        >
          {t('check.change')}
        </Button>
      </dd>
    </div>
  );
}
