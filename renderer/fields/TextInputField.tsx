import { useTranslation } from 'react-i18next';
import { fieldScript, startsWithCapital } from '../../contract/field-script';
import { fieldType } from '../../contract/fields/registry';
import type { HtmlInputSettings } from '../../contract/fields/types';
import { FieldLabel } from './FieldLabel';
import { FieldMessages } from './FieldMessages';
import { describedBy, useNativeFieldIds } from './native-field';
import type { FieldViewProps } from './types';

/**
 * Native input settings come from the field's type (contract/fields/<type>/ `html`): numbers use a numeric pad
 * but type=text (GOV.UK advice); e-mail addresses and phone numbers are written left to right in every
 * language: in an Arabic session an input with the page's direction would show "04141 123456" as "123456 04141".
 * One-line inputs (component `line`): text, email, tel, postcode, number.
 *
 * A plain labelled input, not react-aria's TextField: that one renders every field twice on each new page
 * (native-field.ts); label, hint and error are wired here the same way (for, aria-describedby, aria-invalid).
 */
export function TextInputField(props: FieldViewProps) {
  const { t } = useTranslation();
  const { field, value, onChange, error, hint } = props;
  const ids = useNativeFieldIds();
  // Names and addresses as in the identity card: Latin letters (the core checks it too), a capital first.
  const latin = fieldScript(field) === 'latin';
  const note = latin ? t('entry.latinHint') : undefined;
  const settings: HtmlInputSettings = fieldType(field.type).html ?? { type: 'text' };
  const autoComplete = field.autocomplete ?? settings.autocomplete ?? 'off';
  const inputId = `field-${field.name}`;
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`} data-field-name={field.name}>
      <FieldLabel
        field={field}
        namespace={props.namespace}
        heading={props.heading}
        headingRef={props.headingRef}
        native={{ id: ids.label, htmlFor: inputId }}
      />
      <FieldMessages hint={hint} note={note} error={error} ids={ids} />
      <input
        id={inputId}
        className={`input input--width-${field.width ?? 'full'}`}
        type={settings.type}
        inputMode={settings.inputMode}
        autoComplete={autoComplete}
        name={field.name}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy((hint || note) && ids.hint, error && ids.error)}
        aria-invalid={error ? true : undefined}
        spellCheck={settings.spellCheck}
        dir={settings.dir}
        autoCapitalize={startsWithCapital(field) ? 'words' : 'off'}
        autoCorrect="off"
        data-script={latin ? 'latin' : undefined}
      />
    </div>
  );
}
