import { cleanText } from '../clean';
import type { FieldTypeDefinition } from '../types';
import { plainText } from '../words';

/** One line of text; names and addresses (by autocomplete token) in Latin letters. */
export const text: FieldTypeDefinition = {
  name: 'text',
  input: 'text',
  component: 'line',
  schemaTypes: ['string'],
  clean: (input, field, property) => cleanText(input, field, property, { latinNames: true }),
  text: plainText,
  typed: true,
  html: { type: 'text' },
  latinNames: true,
  example: 'Beim Pferdemarkt',
};
