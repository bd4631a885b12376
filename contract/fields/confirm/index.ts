import { invalid } from '../clean';
import type { FieldTypeDefinition } from '../types';

/** A single box to tick (consent) → true or false; unticked reads "Nein". */
export const confirm: FieldTypeDefinition = {
  name: 'confirm',
  input: 'flag',
  component: 'confirm',
  schemaTypes: ['boolean'],
  clean: (input) => (typeof input === 'boolean' ? { kind: 'value', value: input } : invalid()),
  text: (value, words) => (value === true ? words.yes : words.no),
  unansweredIsNo: true,
  typed: false,
};
