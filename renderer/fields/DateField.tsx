import { useId, useRef } from 'react';
import { Input, Label, TextField } from 'react-aria-components';
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

/** GOV.UK date input: a fieldset (the group is named by the question) with Tag, Monat, Jahr. */
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
            <TextField
              key={part.key}
              className="date-input__item"
              value={value[part.key]}
              onChange={(next) => onPartChange(part.key, next)}
              isInvalid={wrong.has(part.key)}
              validationBehavior="aria"
              inputMode="numeric"
              autoComplete={isBirthday ? part.autoComplete : 'off'}
              name={`${field.name}-${part.key}`}
            >
              <Label className="label date-input__label">{t(part.labelKey)}</Label>
              <Input
                ref={(element) => {
                  inputs.current[part.key] = element;
                }}
                id={part.key === firstWrong ? `field-${field.name}` : undefined}
                className={`input input--width-${part.width}`}
                onKeyDown={(event) => {
                  physicalKey.current = event.key.length === 1;
                }}
                maxLength={part.maxLength}
                spellCheck={false}
              />
            </TextField>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
