import { cleanText } from '../clean';
import type { FieldTypeDefinition } from '../types';
import { plainText } from '../words';

/** A German postcode: the numeric pad; its pattern is the service schema's. */
export const postcode: FieldTypeDefinition = {
  name: 'postcode',
  input: 'text',
  component: 'line',
  schemaTypes: ['string'],
  clean: (input, field, property) => cleanText(input, field, property, {}),
  text: plainText,
  typed: true,
  html: { type: 'text', inputMode: 'numeric', spellCheck: false, autocomplete: 'postal-code' },
  example: '21682',
};
