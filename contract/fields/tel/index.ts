import { cleanText } from '../clean';
import type { FieldTypeDefinition } from '../types';
import { plainText } from '../words';

/** A phone number: the phone pad, left to right in every language, spoken digit by digit. */
export const tel: FieldTypeDefinition = {
  name: 'tel',
  input: 'text',
  component: 'line',
  schemaTypes: ['string'],
  clean: (input, field, property) => cleanText(input, field, property, {}),
  text: (value, words) => (typeof value === 'string' ? words.digits(value) : plainText(value, words)),
  typed: true,
  ltr: true,
  html: { type: 'tel', inputMode: 'tel', spellCheck: false, dir: 'ltr' },
  example: '04141 123456',
};
