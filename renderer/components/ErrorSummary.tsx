import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryError {
  field: string;
  text: string;
}

/** Focuses the first input of a field (its wrapper carries data-field-name). */
export function focusField(field: string): void {
  const wrapper = document.querySelector(`[data-field-name="${CSS.escape(field)}"]`);
  // A date's part in error (only the year, say) before the first of its parts.
  const target =
    wrapper?.querySelector<HTMLElement>('input[aria-invalid=true]') ??
    wrapper?.querySelector<HTMLElement>('input:not([type=hidden]), textarea');
  target?.focus();
  wrapper?.scrollIntoView({ block: 'center' });
}

/** GOV.UK error summary: at the top, takes focus, links to each field with a problem. */
export function ErrorSummary({ errors, serial }: { errors: SummaryError[]; serial: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView({ block: 'start' });
  }, [serial]);
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 className="error-summary__title" id="error-summary-title">
        {t('errors.summaryTitle')}
      </h2>
      <ul className="error-summary__list">
        {errors.map((error) => (
          <li key={error.field}>
            <a
              href={`#field-${error.field}`}
              onClick={(event) => {
                event.preventDefault();
                focusField(error.field);
              }}
            >
              {error.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
