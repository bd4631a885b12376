import type { ComponentType } from 'react';
import type { FieldType } from '../../contract';
import { CheckboxesField } from './CheckboxesField';
import { ConfirmField } from './ConfirmField';
import { DateField } from './DateField';
import { RadioField } from './RadioField';
import { TextAreaField } from './TextAreaField';
import { TextInputField } from './TextInputField';
import type { FieldViewProps } from './types';

const COMPONENTS: Record<FieldType, ComponentType<FieldViewProps>> = {
  text: TextInputField,
  email: TextInputField,
  tel: TextInputField,
  postcode: TextInputField,
  number: TextInputField,
  textarea: TextAreaField,
  radio: RadioField,
  checkboxes: CheckboxesField,
  confirm: ConfirmField,
  date: DateField,
};

/** Picks the input for a field type. */
export function FieldView(props: FieldViewProps) {
  const Component = COMPONENTS[props.field.type];
  return <Component {...props} />;
}
