import { CheckboxButton, CheckboxField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { CheckMark } from './CheckMark';
import { FieldMessages } from './FieldMessages';
import type { FieldViewProps } from './types';

/** A single checkbox → boolean (consent, "I confirm …"). The question stays the page heading. */
export function ConfirmField(props: FieldViewProps) {
  const { t } = useTranslation();
  const { field, namespace, error, hint, heading, headingRef } = props;
  const label = field.labelKey ? t(field.labelKey, { ns: namespace }) : (heading ?? field.name);
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`} data-field-name={field.name}>
      {heading !== undefined && (
        <h1 className="page-heading" ref={headingRef} tabIndex={-1}>
          {heading}
        </h1>
      )}
      <CheckboxField
        className="choice choice--checkbox"
        id={`field-${field.name}`}
        isSelected={props.value === true}
        onChange={props.onChange}
        isInvalid={Boolean(error)}
        validationBehavior="aria"
        name={field.name}
      >
        <FieldMessages hint={hint} error={error} />
        <CheckboxButton className="choice__button">
          <CheckMark />
          <span className="choice__label">
            {label}
            {field.optional && <span className="label__optional"> {t('field.optional')}</span>}
          </span>
        </CheckboxButton>
      </CheckboxField>
    </div>
  );
}
