import type { Field } from './service';

/**
 * Which letters a field takes, and whether it starts with a capital: names and addresses are written in
 * Latin letters, as in the identity card. Zod-free, so the renderer may import it (contract/service.ts
 * re-exports it for the core).
 */

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

/** The letters a field takes: the service's `script`, else Latin for name and address fields, else any. */
export function fieldScript(field: Pick<Field, 'type' | 'script' | 'autocomplete'>): 'latin' | 'any' {
  if (field.script) return field.script;
  return field.type === 'text' && LATIN_AUTOCOMPLETE.has(field.autocomplete ?? '') ? 'latin' : 'any';
}

/** Fields whose first letter is a capital (names, streets, towns): the on-screen keyboard starts with Shift. */
export function startsWithCapital(field: Pick<Field, 'type' | 'script' | 'autocomplete'>): boolean {
  return field.type === 'text' && LATIN_AUTOCOMPLETE.has(field.autocomplete ?? '');
}
