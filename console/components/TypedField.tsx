import { useId } from 'react';
import {
  Checkbox,
  CheckboxGroup,
  FieldError,
  Input,
  Label,
  Radio,
  RadioGroup,
  TextArea,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { findFieldType } from '../../contract/fields/registry';
import type { CatalogField } from '../api/protocol';
import type { DateParts, FieldValue } from '../lib/field-values';

/** Above this many choices a select list is quicker to scan than radio buttons. */
const MAX_RADIOS = 6;

interface TypedFieldProps {
  field: CatalogField;
  value: FieldValue;
  onChange: (value: FieldValue) => void;
  /** The kiosk's or desk's complaint about this field, in plain words. */
  error?: string | undefined;
}

/** The control that fits a field of the service: text, choice, yes/no or a date in three parts. */
export function TypedField({ field, value, onChange, error }: TypedFieldProps) {
  const { t } = useTranslation();
  const label = field.required ? field.label : t('field.optionalLabel', { label: field.label });
  const invalid = error !== undefined;
  const options = field.options ?? [];
  // The kiosk's input for the type (contract/fields/<type>/ `component`), and a one-line input's settings.
  const type = findFieldType(field.type);
  const component = type?.component ?? 'line';
  const html = type?.html;

  if (component === 'confirm')
    return (
      <div className="field" data-invalid={invalid || undefined}>
        <Checkbox className="checkbox" isSelected={value === true} isInvalid={invalid} onChange={onChange}>
          <span className="checkbox-box" aria-hidden="true" />
          {label}
        </Checkbox>
        {invalid && <p className="field-error">{error}</p>}
      </div>
    );

  if (component === 'checkboxes')
    return (
      <CheckboxGroup
        className="field"
        value={Array.isArray(value) ? value : []}
        onChange={onChange}
        isInvalid={invalid}
      >
        <Label className="field-label">{label}</Label>
        {options.map((option) => (
          <Checkbox key={option.value} className="checkbox" value={option.value}>
            <span className="checkbox-box" aria-hidden="true" />
            {option.label}
          </Checkbox>
        ))}
        <FieldError className="field-error">{error}</FieldError>
      </CheckboxGroup>
    );

  if (component === 'radio' && options.length <= MAX_RADIOS)
    return (
      <RadioGroup
        className="field"
        value={typeof value === 'string' && value !== '' ? value : null}
        onChange={onChange}
        isInvalid={invalid}
      >
        <Label className="field-label">{label}</Label>
        {options.map((option) => (
          <Radio key={option.value} className="radio" value={option.value}>
            {option.label}
          </Radio>
        ))}
        <FieldError className="field-error">{error}</FieldError>
      </RadioGroup>
    );

  if (component === 'radio') return <SelectField {...{ field, value, onChange, error, label }} />;
  if (component === 'date') return <DateField {...{ value, onChange, error, label }} />;

  return (
    <TextField
      className="field"
      value={typeof value === 'string' ? value : ''}
      onChange={onChange}
      isInvalid={invalid}
      {...(html && html.type !== 'text' ? { type: html.type } : {})}
    >
      <Label className="field-label">{label}</Label>
      {component === 'area' ? (
        <TextArea className="input" rows={4} />
      ) : (
        <Input className="input" inputMode={html?.inputMode === 'text' ? undefined : html?.inputMode} />
      )}
      <FieldError className="field-error">{error}</FieldError>
    </TextField>
  );
}

function SelectField(props: TypedFieldProps & { label: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field" data-invalid={props.error !== undefined || undefined}>
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <select
        id={id}
        className="input select"
        value={typeof props.value === 'string' ? props.value : ''}
        aria-invalid={props.error !== undefined || undefined}
        aria-describedby={props.error !== undefined ? `${id}-error` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="">{t('field.choose')}</option>
        {(props.field.options ?? []).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {props.error !== undefined && (
        <p id={`${id}-error`} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** Day, month and year as the kiosk asks them; sent as the contract's DateParts. */
function DateField(props: {
  value: FieldValue;
  onChange: (value: FieldValue) => void;
  error?: string | undefined;
  label: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const parts: DateParts =
    typeof props.value === 'object' && !Array.isArray(props.value) ? props.value : { day: '', month: '', year: '' };
  const invalid = props.error !== undefined;
  const part = (name: keyof DateParts) => (
    <TextField
      className="field field--date-part"
      value={parts[name]}
      onChange={(text) => props.onChange({ ...parts, [name]: text })}
      isInvalid={invalid}
      maxLength={name === 'year' ? 4 : 2}
    >
      <Label className="field-label">{t(`field.date.${name}`)}</Label>
      <Input className={`input input--${name}`} inputMode="numeric" />
    </TextField>
  );
  return (
    <fieldset className="field-row" aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}>
      <legend>{props.label}</legend>
      <p id={`${id}-hint`} className="hint">
        {t('field.date.hint')}
      </p>
      {part('day')}
      {part('month')}
      {part('year')}
      {invalid && (
        <p id={`${id}-error`} className="field-error">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
