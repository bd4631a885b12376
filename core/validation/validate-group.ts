import type { AnswerInput, FieldError, GroupItem, Step } from '../../contract';
import type { JsonSchemaObject, LoadedService } from '../catalog/loaded-service';
import type { ErrorObject } from './ajv';
import { cleanAnswer } from './clean-input';
import { fieldErrorCode } from './field-errors';

/**
 * A repeatable group (contract/service.ts RepeatSchema): each item is checked on its own page against the
 * item schema, and the whole list against the group's array schema (minItems/maxItems) when the resident
 * goes on. Errors name the item (`item`, 0-based), so the screen can say which person they are about.
 */

export type ItemValidation =
  { ok: true; item: GroupItem } | { ok: false; unknownField: string } | { ok: false; fieldErrors: FieldError[] };

function itemProperties(service: LoadedService, step: Step): Record<string, JsonSchemaObject> {
  const group = service.schema.properties?.[step.repeat!.name];
  return group?.items?.properties ?? {};
}

/** Errors of the group's array validator, each on its item and field (or on the group for the list's size). */
function groupFieldErrors(step: Step, errors: readonly ErrorObject[] | null | undefined): FieldError[] {
  const result: FieldError[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    const [, index, name] = error.instancePath.split('/');
    const mapped = fieldErrorCode(error);
    if (mapped === null) continue;
    const missing = (error.params as { missingProperty?: unknown }).missingProperty;
    let located: Pick<FieldError, 'field' | 'item'>;
    if (index === undefined) located = { field: step.repeat!.name };
    else if (name !== undefined) located = { field: name, item: Number(index) };
    else if (error.keyword === 'required' && typeof missing === 'string')
      located = { field: missing, item: Number(index) };
    else located = { field: step.repeat!.name, item: Number(index) };
    const key = `${String(located.item)}/${located.field}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ ...located, ...mapped });
  }
  return result;
}

/** Every problem of the stored list: too few or too many items, or an item the schema no longer accepts. */
export function groupErrors(service: LoadedService, step: Step, items: readonly GroupItem[]): FieldError[] {
  const validate = service.validateProperty(step.repeat!.name);
  return validate(items) ? [] : groupFieldErrors(step, validate.errors);
}

/**
 * Checks the values of item `index` (an existing one, or the next new one). Empty values are left out of
 * the item, so an optional field stays unanswered; required ones are reported as `required`.
 */
export function validateItem(
  service: LoadedService,
  step: Step,
  values: Record<string, AnswerInput>,
  items: readonly GroupItem[],
  index: number,
): ItemValidation {
  const fieldNames = new Set(step.fields.map((field) => field.name));
  const unknown = Object.keys(values).find((name) => !fieldNames.has(name));
  if (unknown !== undefined) return { ok: false, unknownField: unknown };

  const properties = itemProperties(service, step);
  const item: GroupItem = {};
  const fieldErrors: FieldError[] = [];
  for (const field of step.fields) {
    const cleaned = cleanAnswer(field, properties[field.name] ?? {}, values[field.name]);
    if (cleaned.kind === 'error') {
      fieldErrors.push({
        field: field.name,
        item: index,
        code: cleaned.code,
        ...(cleaned.params ? { params: cleaned.params } : {}),
      });
    } else if (cleaned.kind === 'value') {
      item[field.name] = cleaned.value as GroupItem[string];
    }
  }
  // The schema sees the item in its place in the list; only this item's errors belong to this page.
  const prospective = [...items];
  prospective[index] = item;
  const inError = new Set(fieldErrors.map((error) => error.field));
  for (const error of groupErrors(service, step, prospective)) {
    if (error.item === index && fieldNames.has(error.field) && !inError.has(error.field)) {
      inError.add(error.field);
      fieldErrors.push(error);
    }
  }
  if (fieldErrors.length > 0) {
    const order = step.fields.map((field) => field.name);
    fieldErrors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
    return { ok: false, fieldErrors };
  }
  return { ok: true, item };
}
