import { fieldType } from './fields/registry';
import { isNameOrAddress, scriptOf } from './fields/script';
import type { Field } from './service';

/**
 * Which letters a field takes, and whether it starts with a capital: names and addresses are written in
 * Latin letters, as in the identity card; which types take names is the type's `latinNames`
 * (contract/fields/). Zod-free, so the renderer may import it (contract/service.ts re-exports it for the core).
 */

/** The letters a field takes: the service's `script`, else Latin for name and address fields, else any. */
export function fieldScript(field: Pick<Field, 'type' | 'script' | 'autocomplete'>): 'latin' | 'any' {
  return scriptOf(field, fieldType(field.type).latinNames);
}

/** Fields whose first letter is a capital (names, streets, towns): the on-screen keyboard starts with Shift. */
export function startsWithCapital(field: Pick<Field, 'type' | 'script' | 'autocomplete'>): boolean {
  return isNameOrAddress(field, fieldType(field.type).latinNames);
}
