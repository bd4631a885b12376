import { cleanText } from '../clean';
import type { FieldTypeDefinition } from '../types';
import { plainText } from '../words';

/** One of the field's options; the schema's `enum` lists the same values. */
export const radio: FieldTypeDefinition = {
  name: 'radio',
  input: 'text',
  component: 'radio',
  schemaTypes: ['string'],
  options: 'enum',
  clean: (input, field, property) => cleanText(input, field, property, {}),
  text: (value, words) => (typeof value === 'string' ? words.option(value) : plainText(value, words)),
  typed: false,
};
