import { cleanText, numberFromText } from '../clean';
import type { FieldTypeDefinition } from '../types';
import { plainText } from '../words';

/** A number typed on the numeric pad (type=text, GOV.UK advice); stored as a number; fees count by it. */
export const number: FieldTypeDefinition = {
  name: 'number',
  input: 'text',
  component: 'line',
  schemaTypes: ['integer', 'number'],
  compare: 'number',
  clean: (input, field, property) => cleanText(input, field, property, { convert: numberFromText }),
  text: plainText,
  typed: true,
  html: { type: 'text', inputMode: 'numeric', spellCheck: false },
};
