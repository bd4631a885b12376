import type { ComponentType } from 'react';
import { CheckboxesField } from './CheckboxesField';
import { ConfirmField } from './ConfirmField';
import { DateField } from './DateField';
import { RadioField } from './RadioField';
import { TextAreaField } from './TextAreaField';
import { TextInputField } from './TextInputField';
import type { FieldViewProps } from './types';

/**
 * The renderer's one table of field inputs, by the `component` a field type names (contract/fields/<type>/).
 * A new type that reuses an input (a one-line `line` with its own `html` settings) adds nothing here.
 */
export const FIELD_COMPONENTS: Record<string, ComponentType<FieldViewProps>> = {
  line: TextInputField,
  area: TextAreaField,
  radio: RadioField,
  checkboxes: CheckboxesField,
  confirm: ConfirmField,
  date: DateField,
};

/** Adds an input (a fixture in tests, or a new kind of input); a name is taken once. */
export function registerFieldComponent(name: string, component: ComponentType<FieldViewProps>): void {
  if (Object.hasOwn(FIELD_COMPONENTS, name)) throw new Error(`field component "${name}" is already registered`);
  FIELD_COMPONENTS[name] = component;
}
