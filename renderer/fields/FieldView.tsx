import { fieldType } from '../../contract/fields/registry';
import { FIELD_COMPONENTS } from './components';
import type { FieldViewProps } from './types';

/** Picks the input the field's type names (renderer/fields/components.ts); one line of text if none. */
export function FieldView(props: FieldViewProps) {
  const Component = FIELD_COMPONENTS[fieldType(props.field.type).component] ?? FIELD_COMPONENTS.line!;
  return <Component {...props} />;
}
