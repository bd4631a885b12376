import { BUILT_IN_FIELD_TYPES } from './built-in';
import type { FieldTypeDefinition } from './types';

/**
 * The one table of field types. Everything that treats a field by its type (the start-up check, the
 * cleaning, the check page, the speech, the PDF, the drafts) looks the type up here instead of
 * naming it. Zod-free: the renderer imports it too.
 */
const registered = new Map<string, FieldTypeDefinition>(BUILT_IN_FIELD_TYPES.map((type) => [type.name, type]));

const TYPE_NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** Adds a field type (a fixture in tests, or a type a build adds); a name is taken once. */
export function registerFieldType(definition: FieldTypeDefinition): void {
  if (!TYPE_NAME.test(definition.name)) throw new Error(`field type name "${definition.name}" is not a-z0-9-`);
  if (registered.has(definition.name)) throw new Error(`field type "${definition.name}" is already registered`);
  registered.set(definition.name, definition);
}

export function isFieldType(name: unknown): name is string {
  return typeof name === 'string' && registered.has(name);
}

/** The type of a field that passed the start-up check (an unknown name there is a programming error). */
export function fieldType(name: string): FieldTypeDefinition {
  const definition = registered.get(name);
  if (!definition) throw new Error(`unknown field type "${name}"`);
  return definition;
}

/** The type, or undefined for a name this build does not know (a page that got it over the network). */
export function findFieldType(name: string): FieldTypeDefinition | undefined {
  return registered.get(name);
}

export function fieldTypes(): FieldTypeDefinition[] {
  return [...registered.values()];
}

export function fieldTypeNames(): string[] {
  return [...registered.keys()];
}
