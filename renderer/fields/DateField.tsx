import { useId } from 'react';
import { Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DateParts } from '../../contract';
import { EMPTY_DATE, isDateParts } from './draft';
import type { FieldViewProps } from './types';

const PARTS = [
  { key: 'day', labelKey: 'field.day', width: '2', maxLength: 2, autoComplete: 'bday-day' },
  { key: 'month', labelKey: 'field.month', width: '2', maxLength: 2, autoComplete: 'bday-month' },
  { key: 'year', labelKey: 'field.year', width: '4', maxLength: 4, autoComplete: 'bday-year' },
] as const;

/** GOV.UK date input: a fieldset (the group is named by the question) with Tag, Monat, Jahr. */
export function DateField(props: FieldViewProps) {
  const { t } = useTranslation();
  const { field, namespace, error, heading, headingRef } = props;
  const hintId = useId();
  const errorId = useId();
  const value: DateParts = isDateParts(props.value) ? props.value : EMPTY_DATE;
  const legendText = heading ?? (field.labelKey ? t(field.labelKey, { ns: namespace }) : '');
  const hint = props.hint ?? t('field.dateHint');
  const isBirthday = field.autocomplete === 'bday';
  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(' ');
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
          {PARTS.map((part, index) => (
            <TextField
              key={part.key}
              className="date-input__item"
              value={value[part.key]}
              onChange={(next) => props.onChange({ ...value, [part.key]: next })}
              isInvalid={Boolean(error)}
              validationBehavior="aria"
              inputMode="numeric"
              autoComplete={isBirthday ? part.autoComplete : 'off'}
              name={`${field.name}-${part.key}`}
            >
              <Label className="label date-input__label">{t(part.labelKey)}</Label>
              <Input
                id={index === 0 ? `field-${field.name}` : undefined}
                className={`input input--width-${part.width}`}
                maxLength={part.maxLength + 2}
                spellCheck={false}
              />
            </TextField>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
