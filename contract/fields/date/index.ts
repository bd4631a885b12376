import { dateFromParts, invalid } from '../clean';
import type { FieldTypeDefinition } from '../types';
import { plainText } from '../words';

/** Three number fields (day, month, year) → an ISO date "YYYY-MM-DD"; a date of birth gives an age. */
export const date: FieldTypeDefinition = {
  name: 'date',
  input: 'date',
  component: 'date',
  schemaTypes: ['string'],
  compare: 'age',
  clean: (input) => (typeof input === 'object' && !Array.isArray(input) ? dateFromParts(input) : invalid()),
  text: (value, words) => (typeof value === 'string' ? words.date(value) : plainText(value, words)),
  typed: false,
  spokenHintKeys: () => ['speech.dateHint'],
};
