import { RadioButton, RadioField as AriaRadioField, RadioGroup, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { FieldLabel } from './FieldLabel';
import { FieldMessages } from './FieldMessages';
import type { FieldViewProps } from './types';

/** One of several options, as large touch targets with an optional hint per option. */
export function RadioField(props: FieldViewProps) {
  const { t } = useTranslation();
  const { field, namespace, error, hint } = props;
  return (
    <RadioGroup
      className={`form-group${error ? ' form-group--error' : ''}`}
      data-field-name={field.name}
      id={`field-${field.name}`}
      value={typeof props.value === 'string' && props.value !== '' ? props.value : null}
      onChange={props.onChange}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
      name={field.name}
    >
      <FieldLabel field={field} namespace={namespace} heading={props.heading} headingRef={props.headingRef} />
      <FieldMessages hint={hint} error={error} />
      <div className="choices">
        {(field.options ?? []).map((option) => (
          <AriaRadioField key={option.value} value={option.value} className="choice choice--radio">
            <RadioButton className="choice__button">
              <span className="choice__control" aria-hidden="true" />
              <span className="choice__label">{t(option.labelKey, { ns: namespace })}</span>
            </RadioButton>
            {option.hintKey && (
              <Text slot="description" className="choice__hint">
                {t(option.hintKey, { ns: namespace })}
              </Text>
            )}
          </AriaRadioField>
        ))}
      </div>
    </RadioGroup>
  );
}
