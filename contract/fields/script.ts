import type { Field } from '../service';

/** Autocomplete tokens of names and addresses: these fields take Latin letters unless the service says otherwise. */
const LATIN_AUTOCOMPLETE = new Set([
  'name',
  'given-name',
  'additional-name',
  'family-name',
  'street-address',
  'address-line1',
  'address-line2',
  'address-line3',
  'address-level1',
  'address-level2',
  'address-level3',
]);

/** A name or address field of a type that takes names (`latinNames`), known by its autocomplete token. */
export function isNameOrAddress(field: Pick<Field, 'autocomplete'>, latinNames: boolean | undefined): boolean {
  return latinNames === true && LATIN_AUTOCOMPLETE.has(field.autocomplete ?? '');
}

/** The letters a field takes: the service's `script`, else Latin for name and address fields, else any. */
export function scriptOf(
  field: Pick<Field, 'script' | 'autocomplete'>,
  latinNames: boolean | undefined,
): 'latin' | 'any' {
  if (field.script) return field.script;
  return isNameOrAddress(field, latinNames) ? 'latin' : 'any';
}
