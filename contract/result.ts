import { z } from 'zod';

/**
 * Every API call answers with a Result: never a thrown error or a stack trace
 * across the boundary. Error codes are stable identifiers; the renderer turns
 * them into translated text (`common:errors.api.<code>`).
 */
export const API_ERROR_CODES = [
  'invalid_input', // payload failed the contract's runtime schema
  'unknown_method',
  'payload_too_large',
  'forbidden', // wrong origin / sender
  'unknown_service',
  'no_session', // no active session (e.g. wiped after idle timeout)
  'session_mismatch', // sessionId is not the active session
  'not_reachable', // step not reachable with the current answers
  'validation', // answer failed the service's JSON Schema: see fieldErrors
  'incomplete', // submit with answers missing: see fieldErrors and stepId
  'already_submitted',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Field-level problems, mapped to `<service ns>:fields.<field>.errors.<code>` or `common:errors.field.<code>`. */
export const FIELD_ERROR_CODES = [
  'required',
  'too_long',
  'too_short',
  'too_small',
  'too_large',
  'invalid_characters', // control or bidi-override characters
  'invalid_option',
  'invalid_format', // pattern mismatch (postcode, phone, …)
  'invalid_email',
  'date_incomplete',
  'date_invalid',
  'date_in_future',
  'date_in_past',
  'date_too_early',
  'date_too_late',
  'date_year_digits', // a year of fewer than 4 digits ("58"): only the year is wrong
  'not_latin', // letters of another script in a name or address field (contract/service.ts fieldScript)
  'invalid',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export const FieldErrorSchema = z.object({
  field: z.string(),
  /** In a repeatable group: which item (0-based; "Person 2" is 1); `field` is then the item's field. */
  item: z.number().int().min(0).optional(),
  code: z.enum(FIELD_ERROR_CODES),
  /** Values for ICU placeholders, e.g. {max: 2000}. Never personal data. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

export const ApiErrorSchema = z.object({
  code: z.enum(API_ERROR_CODES),
  fieldErrors: z.array(FieldErrorSchema).optional(),
  /** With `incomplete`: the first step that needs an answer. */
  stepId: z.string().optional(),
  /** Developer detail for logs; never personal data, never a stack trace. */
  detail: z.string().max(500).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export { ok, fail } from './result-builders';

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ApiErrorSchema }),
  ]);
}
