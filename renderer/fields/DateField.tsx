import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DateParts } from '../../contract';
import { datePartsInError, enterDatePart, type DatePart } from './date-entry';
import { EMPTY_DATE, isDateParts } from './draft';
import type { FieldViewProps } from './types';

/** Day takes a whole date typed or pasted in one go (27031958, 27.03.1958), so it is not cut at 2. */
const PARTS = [
  { key: 'day', labelKey: 'field.day', width: '2', maxLength: 10, autoComplete: 'bday-day' },
  { key: 'month', labelKey: 'field.month', width: '2', maxLength: 4, autoComplete: 'bday-month' },
  { key: 'year', labelKey: 'field.year', width: '4', maxLength: 6, autoComplete: 'bday-year' },
] as const;

/**
 * GOV.UK date input: a fieldset (the group is named by the question) with Tag, Monat, Jahr. Plain labelled
 * inputs, not react-aria's TextField, which renders each part twice on a new page (native-field.ts).
 */
export function DateField(props: FieldViewProps) {
  const { t } = useTranslation();
  const { field, namespace, error, heading, headingRef } = props;
  const hintId = useId();
  const errorId = useId();
  const inputs = useRef<Partial<Record<DatePart, HTMLInputElement | null>>>({});
  // Typed on a physical keyboard: its user moves on with Tab, so two digits do not move the cursor for them.
  const physicalKey = useRef(false);
  const value: DateParts = isDateParts(props.value) ? props.value : EMPTY_DATE;
  const legendText = heading ?? (field.labelKey ? t(field.labelKey, { ns: namespace }) : '');
  const hint = props.hint ?? t('field.dateHint');
  const isBirthday = field.autocomplete === 'bday';
  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(' ');
  // Only the part that is wrong turns red (a two-digit year: only Jahr).
  const wrong = new Set(error ? datePartsInError(props.errorCode, value) : []);
  const firstWrong = PARTS.find((part) => wrong.has(part.key))?.key ?? 'day';
  // The error summary's link goes to the first part in error; the others have ids of their own.
  const partId = (part: DatePart) => (part === firstWrong ? `field-${field.name}` : `${hintId}-${part}`);

  function onPartChange(part: DatePart, typed: string): void {
    const entry = enterDatePart(value, part, typed);
    props.onChange(entry.value);
    const physical = physicalKey.current;
    physicalKey.current = false;
    if (!entry.focus || (physical && /^\d{1,2}$/.test(typed))) return;
    const next = inputs.current[entry.focus];
    if (!next) return;
    // Tag → Monat after two digits: the cursor goes on as on paper, the on-screen keyboard follows the focus.
    next.focus({ preventScroll: true });
    requestAnimationFrame(() => {
      const end = next.value.length;
      next.setSelectionRange(end, end);
    });
  }

  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`} data-field-name={field.name}>
      <fieldset className="fieldset" aria-describedby={describedBy}>
        <legend className={heading !== undefined ? 'legend legend--heading' : 'legend'}>
          {heading !== undefined ? (
            <h1 className="page-heading page-heading--legend" ref={headingRef} tabIndex={-1}>
              {legendText}
            </h1>
          ) : (
            legendText
          )}
          {field.optional && <span className="label__optional"> {t('field.optional')}</span>}
        </legend>
        <p className="hint" id={hintId}>
          {hint}
        </p>
        {error && (
          <p className="error-message" id={errorId}>
            <span className="visually-hidden">{t('errors.prefix')} </span>
            {error}
          </p>
        )}
        <div className="date-input">
          {PARTS.map((part) => (
            <div key={part.key} className="date-input__item">
              <label className="label date-input__label" htmlFor={partId(part.key)}>
                {t(part.labelKey)}
              </label>
              <input
                ref={(element) => {
                  inputs.current[part.key] = element;
                }}
                id={partId(part.key)}
                className={`input input--width-${part.width}`}
                type="text"
                value={value[part.key]}
                onChange={(event) => onPartChange(part.key, event.target.value)}
                aria-invalid={wrong.has(part.key) || undefined}
                inputMode="numeric"
                autoComplete={isBirthday ? part.autoComplete : 'off'}
                name={`${field.name}-${part.key}`}
                onKeyDown={(event) => {
                  physicalKey.current = event.key.length === 1;
                }}
                maxLength={part.maxLength}
                spellCheck={false}
              />
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
