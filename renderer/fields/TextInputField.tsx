import { Input, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { fieldScript, startsWithCapital } from '../../contract/field-script';
import { fieldType } from '../../contract/fields/registry';
import type { HtmlInputSettings } from '../../contract/fields/types';
import { FieldLabel } from './FieldLabel';
import { FieldMessages } from './FieldMessages';
import type { FieldViewProps } from './types';

/**
 * Native input settings come from the field's type (contract/fields/<type>/ `html`): numbers use a numeric pad
 * but type=text (GOV.UK advice); e-mail addresses and phone numbers are written left to right in every
 * language: in an Arabic session an input with the page's direction would show "04141 123456" as "123456 04141".
 * One-line inputs (component `line`): text, email, tel, postcode, number.
 */
export function TextInputField(props: FieldViewProps) {
  const { t } = useTranslation();
  const { field, value, onChange, error, hint } = props;
  // Names and addresses as in the identity card: Latin letters (the core checks it too), a capital first.
  const latin = fieldScript(field) === 'latin';
  const settings: HtmlInputSettings = fieldType(field.type).html ?? { type: 'text' };
  const autoComplete = field.autocomplete ?? settings.autocomplete ?? 'off';
  return (
    <TextField
      className={`form-group${error ? ' form-group--error' : ''}`}
      data-field-name={field.name}
      value={typeof value === 'string' ? value : ''}
      onChange={onChange}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
      type={settings.type}
      inputMode={settings.inputMode}
      autoComplete={autoComplete}
      name={field.name}
    >
      <FieldLabel field={field} namespace={props.namespace} heading={props.heading} headingRef={props.headingRef} />
      <FieldMessages hint={hint} note={latin ? t('entry.latinHint') : undefined} error={error} />
      <Input
        id={`field-${field.name}`}
        className={`input input--width-${field.width ?? 'full'}`}
        spellCheck={settings.spellCheck}
        dir={settings.dir}
        autoCapitalize={startsWithCapital(field) ? 'words' : 'off'}
        autoCorrect="off"
        data-script={latin ? 'latin' : undefined}
      />
    </TextField>
  );
}
