import { cleanString, invalid } from '../clean';
import type { FieldTypeDefinition } from '../types';

/** Several of the field's options → a list of values; the schema's `items.enum` lists them. */
export const checkboxes: FieldTypeDefinition = {
  name: 'checkboxes',
  input: 'choices',
  component: 'checkboxes',
  schemaTypes: ['array'],
  options: 'items',
  clean: (input) => {
    if (!Array.isArray(input)) return invalid();
    const values: string[] = [];
    for (const item of input) {
      const cleaned = cleanString(item, false);
      if (cleaned === null) return { kind: 'error', code: 'invalid_characters' };
      values.push(cleaned);
    }
    return values.length === 0 ? { kind: 'empty' } : { kind: 'value', value: values };
  },
  text: (value, words) => (Array.isArray(value) ? value.map(words.option).join(words.listSeparator) : String(value)),
  typed: false,
};
