import { cleanText } from '../clean';
import type { FieldTypeDefinition } from '../types';
import { plainText } from '../words';

/** Several lines of free text; outside German the resident hears that German staff read it. */
export const textarea: FieldTypeDefinition = {
  name: 'textarea',
  input: 'text',
  component: 'area',
  schemaTypes: ['string'],
  clean: (input, field, property) => cleanText(input, field, property, { multiline: true }),
  text: plainText,
  typed: true,
  spokenHintKeys: (language) => (language && !language.startsWith('de') ? ['entry.freeTextHint'] : []),
  example: 'Die Straßenlaterne vor dem Haus ist seit drei Tagen dunkel.',
};
