import type { TFunction } from 'i18next';
import type { CatalogField } from '../api/protocol';

const KNOWN = new Set([
  'required',
  'too_long',
  'too_short',
  'too_small',
  'too_large',
  'invalid_characters',
  'invalid_option',
  'invalid_format',
  'invalid_email',
  'date_incomplete',
  'date_invalid',
  'date_in_future',
  'date_in_past',
  'date_too_early',
  'date_too_late',
  'date_year_digits',
  'not_latin',
  'invalid',
]);

/**
 * A core's field error code (contract FIELD_ERROR_CODES) in plain words: the service's own message for the
 * field when it has one (as the kiosk shows it), else the console's general one; an unknown code reads as
 * "does not fit".
 */
export function fieldErrorText(t: TFunction, code: string, field: CatalogField | null = null): string {
  return field?.errors?.[code] ?? t(`field.errors.${KNOWN.has(code) ? code : 'invalid'}`);
}

/** Field name → plain message, for the controls to show under themselves. */
export function fieldErrorMap(
  t: TFunction,
  fieldErrors: readonly { field: string; code: string }[] | undefined,
  fieldOf: (name: string) => CatalogField | null = () => null,
): Record<string, string> {
  return Object.fromEntries(
    (fieldErrors ?? []).map((entry) => [entry.field, fieldErrorText(t, entry.code, fieldOf(entry.field))]),
  );
}
