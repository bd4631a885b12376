import { CheckboxButton, CheckboxField, CheckboxGroup, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { CheckMark } from './CheckMark';
import { FieldLabel } from './FieldLabel';
import { FieldMessages } from './FieldMessages';
import type { FieldViewProps } from './types';

/** Several of several options → string[]. */
export function CheckboxesField(props: FieldViewProps) {
  const { t } = useTranslation();
  const { field, namespace, error, hint } = props;
  return (
    <CheckboxGroup
      className={`form-group${error ? ' form-group--error' : ''}`}
      data-field-name={field.name}
      id={`field-${field.name}`}
      value={Array.isArray(props.value) ? props.value : []}
      onChange={props.onChange}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
      name={field.name}
    >
      <FieldLabel field={field} namespace={namespace} heading={props.heading} headingRef={props.headingRef} />
      <FieldMessages hint={hint} error={error} />
      <div className="choices">
        {(field.options ?? []).map((option) => (
          <CheckboxField key={option.value} value={option.value} className="choice choice--checkbox">
            <CheckboxButton className="choice__button">
              <CheckMark />
              <span className="choice__label">{t(option.labelKey, { ns: namespace })}</span>
            </CheckboxButton>
            {option.hintKey && (
              <Text slot="description" className="choice__hint">
                {t(option.hintKey, { ns: namespace })}
              </Text>
            )}
          </CheckboxField>
        ))}
      </div>
    </CheckboxGroup>
  );
}
