import { cleanText } from '../clean';
import type { FieldTypeDefinition } from '../types';
import { plainText } from '../words';

/** An e-mail address: the e-mail keyboard, written left to right in every language. */
export const email: FieldTypeDefinition = {
  name: 'email',
  input: 'text',
  component: 'line',
  schemaTypes: ['string'],
  clean: (input, field, property) => cleanText(input, field, property, {}),
  text: plainText,
  typed: true,
  ltr: true,
  html: { type: 'email', inputMode: 'email', spellCheck: false, dir: 'ltr' },
  example: 'anna.meyer@beispiel.de',
};
