import { TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { FieldLabel } from './FieldLabel';
import { FieldMessages } from './FieldMessages';
import type { FieldViewProps } from './types';

function isGerman(language: string): boolean {
  return language === 'de' || language.startsWith('de-');
}

/** Several lines, with a character count when the service gives a limit (GOV.UK character count). */
export function TextAreaField(props: FieldViewProps) {
  const { t, i18n } = useTranslation();
  // Any language and script is fine here; a resident writing in another language learns who reads it.
  const note = isGerman(i18n.language) ? undefined : t('entry.freeTextHint');
  const { field, error, hint } = props;
  const value = typeof props.value === 'string' ? props.value : '';
  const max = field.maxLength;
  const left = max === undefined ? 0 : max - value.length;
  return (
    <TextField
      className={`form-group${error ? ' form-group--error' : ''}`}
      data-field-name={field.name}
      value={value}
      onChange={props.onChange}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
      name={field.name}
    >
      <FieldLabel field={field} namespace={props.namespace} heading={props.heading} headingRef={props.headingRef} />
      <FieldMessages hint={hint} note={note} error={error} />
      <TextArea id={`field-${field.name}`} className="textarea" rows={5} spellCheck />
      {max !== undefined && (
        // Plain text, not a live region: screen readers are not interrupted on every keystroke.
        <p className={`char-count${left < 0 ? ' char-count--over' : ''}`}>
          {left >= 0 ? t('field.charsLeft', { count: left }) : t('field.charsOver', { count: -left })}
        </p>
      )}
    </TextField>
  );
}
