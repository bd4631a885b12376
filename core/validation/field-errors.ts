import type { FieldError, FieldErrorCode } from '../../contract';
import { KIOSK_DATE_KEYWORD } from './kiosk-date-keyword';
import type { ErrorObject } from './ajv';

type Params = Record<string, string | number>;

/** Maps one Ajv error to a field error code (+ ICU params); null for wrapper errors that add nothing. */
export function fieldErrorCode(error: ErrorObject): { code: FieldErrorCode; params?: Params } | null {
  const p = error.params as Record<string, unknown>;
  const limit = typeof p.limit === 'number' || typeof p.limit === 'string' ? p.limit : undefined;
  const withLimit = (code: FieldErrorCode, name: 'min' | 'max') =>
    limit === undefined ? { code } : { code, params: { [name]: limit } };
  switch (error.keyword) {
    case 'required':
      return { code: 'required' };
    case 'maxLength':
      return withLimit('too_long', 'max');
    case 'minLength':
      return withLimit('too_short', 'min');
    case 'minimum':
    case 'exclusiveMinimum':
    case 'minItems':
      return withLimit('too_small', 'min');
    case 'maximum':
    case 'exclusiveMaximum':
    case 'maxItems':
      return withLimit('too_large', 'max');
    case 'enum':
      return { code: 'invalid_option' };
    case 'const':
      // `const: true` is how a schema says "this box must be ticked" (consent).
      return p.allowedValue === true ? { code: 'required' } : { code: 'invalid_option' };
    case 'pattern':
      return { code: 'invalid_format' };
    case 'format':
      if (p.format === 'email') return { code: 'invalid_email' };
      if (p.format === 'date') return { code: 'date_invalid' };
      return { code: 'invalid_format' };
    case 'formatMinimum':
    case 'formatExclusiveMinimum':
      return withLimit('date_too_early', 'min');
    case 'formatMaximum':
    case 'formatExclusiveMaximum':
      return withLimit('date_too_late', 'max');
    case KIOSK_DATE_KEYWORD: {
      const { code, ...params } = p as { code: FieldErrorCode } & Params;
      return Object.keys(params).length > 0 ? { code, params } : { code };
    }
    case 'if':
      return null;
    default:
      return { code: 'invalid' };
  }
}

/** The answers-object property an error is about ("/name/0" → "name"; required → the missing property). */
export function errorField(error: ErrorObject): string | undefined {
  const p = error.params as Record<string, unknown>;
  if (error.instancePath === '') {
    if (error.keyword === 'required' && typeof p.missingProperty === 'string') return p.missingProperty;
    if (error.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') {
      return p.additionalProperty;
    }
    return undefined;
  }
  return error.instancePath.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** First error per field, in the order Ajv reported them. `field` overrides the field for property validators. */
export function toFieldErrors(errors: readonly ErrorObject[] | null | undefined, field?: string): FieldError[] {
  const result: FieldError[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    const name = field ?? errorField(error);
    const mapped = fieldErrorCode(error);
    if (name === undefined || mapped === null || seen.has(name)) continue;
    seen.add(name);
    result.push({ field: name, ...mapped });
  }
  return result;
}
