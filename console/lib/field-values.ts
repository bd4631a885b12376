import { findFieldType } from '../../contract/fields/registry';
import type { AnswerInputValue, CatalogField, LiveSnapshot } from '../api/protocol';

export interface DateParts {
  day: string;
  month: string;
  year: string;
}
/** What a typed control holds while staff edit it. */
export type FieldValue = string | string[] | boolean | DateParts;

type Stored = LiveSnapshot['answers'][string] | undefined;

/** What the field's type takes (contract/fields/<type>/): text, a list of choices, a tick, or a date in parts. */
export function inputKind(field: CatalogField): 'text' | 'choices' | 'flag' | 'date' {
  return findFieldType(field.type)?.input ?? 'text';
}

/** A stored answer (ISO date, number, list) as the control for its field type holds it. */
export function initialValue(field: CatalogField, stored: Stored): FieldValue {
  switch (inputKind(field)) {
    case 'flag':
      return stored === true;
    case 'choices':
      return Array.isArray(stored) ? stored.filter((entry): entry is string => typeof entry === 'string') : [];
    case 'date': {
      const match = typeof stored === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(stored) : null;
      return match ? { day: match[3]!, month: match[2]!, year: match[1]! } : { day: '', month: '', year: '' };
    }
    default:
      return stored === undefined || typeof stored === 'boolean' || Array.isArray(stored) ? '' : String(stored);
  }
}

/** What the resident typed on their last page, unconfirmed (an AnswerInput), as the field's control holds it. */
export function pendingValue(field: CatalogField, typed: AnswerInputValue): FieldValue {
  switch (inputKind(field)) {
    case 'flag':
      return typed === true;
    case 'choices':
      return Array.isArray(typed) ? typed : [];
    case 'date':
      return typeof typed === 'object' && !Array.isArray(typed) ? typed : { day: '', month: '', year: '' };
    default:
      return typeof typed === 'string' ? typed : '';
  }
}

/**
 * What the kiosk's and the desk's core take for a field (contract AnswerInput): text trimmed, choices by
 * value, dates as DateParts. Undefined: nothing entered, so the field is left out and the core decides
 * whether it was needed (it answers "required" per field).
 */
export function inputValue(field: CatalogField, value: FieldValue): AnswerInputValue | undefined {
  if (typeof value === 'boolean') return inputKind(field) === 'flag' ? value : undefined;
  if (Array.isArray(value)) return value;
  if (typeof value === 'object') {
    const parts = { day: value.day.trim(), month: value.month.trim(), year: value.year.trim() };
    return parts.day || parts.month || parts.year ? parts : undefined;
  }
  const text = value.trim();
  return text === '' ? undefined : text;
}

/** Every field's input, leaving out the ones with nothing entered. */
export function inputValues(
  fields: readonly CatalogField[],
  values: Record<string, FieldValue>,
): Record<string, AnswerInputValue> {
  const out: Record<string, AnswerInputValue> = {};
  for (const field of fields) {
    const value = values[field.name];
    const input = value === undefined ? undefined : inputValue(field, value);
    if (input !== undefined) out[field.name] = input;
  }
  return out;
}
