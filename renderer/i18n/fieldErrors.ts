import type { TFunction } from 'i18next';
import type { FieldError } from '../../contract';

/** The service's own wording for a field's problem, else the general one from common. */
export function fieldErrorText(t: TFunction, namespace: string, error: FieldError): string {
  return t([`${namespace}:fields.${error.field}.errors.${error.code}`, `common:errors.field.${error.code}`], {
    ...error.params,
  });
}
