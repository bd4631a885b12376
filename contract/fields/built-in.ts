import { checkboxes } from './checkboxes';
import { confirm } from './confirm';
import { date } from './date';
import { email } from './email';
import { number } from './number';
import { postcode } from './postcode';
import { radio } from './radio';
import { tel } from './tel';
import { text } from './text';
import { textarea } from './textarea';
import type { FieldTypeDefinition } from './types';

/** The field types the kiosk ships, one folder each: a new type is a new folder and its line here. */
export const BUILT_IN_FIELD_TYPES: readonly FieldTypeDefinition[] = [
  text,
  textarea,
  radio,
  checkboxes,
  confirm,
  date,
  email,
  tel,
  postcode,
  number,
];
