import type { TFunction } from 'i18next';
import { serviceNamespace } from '../../contract/namespaces';

/**
 * Texts that name what the resident is doing ("Antrag absenden"). A registration or a report is
 * not an "Antrag": a service may say it in its own words under `terms.<term>` in its locale
 * files; without them, the general UI text is used.
 */
export const SERVICE_TERMS = {
  submit: 'check.submit',
  sendHeading: 'check.sendHeading',
  sent: 'confirmation.title',
  leave: 'leave.text',
  /** The header's button that ends a session before sending ("Antrag abbrechen", "Meldung abbrechen"). */
  cancel: 'sessionCancel.label',
} as const;
export type ServiceTerm = keyof typeof SERVICE_TERMS;

export function termKeys(serviceId: string, term: ServiceTerm): string[] {
  return namespaceTermKeys(serviceNamespace(serviceId), term);
}

/** The same, for a component that holds the service's text namespace rather than its id. */
export function namespaceTermKeys(namespace: string | undefined, term: ServiceTerm): string[] {
  const general = `common:${SERVICE_TERMS[term]}`;
  return namespace ? [`${namespace}:terms.${term}`, general] : [general];
}

export function serviceTerm(t: TFunction, serviceId: string, term: ServiceTerm): string {
  return t(termKeys(serviceId, term));
}

/** The spoken form: each candidate's `_spoken` variant before its written one. */
export function spokenServiceTerm(t: TFunction, serviceId: string, term: ServiceTerm): string {
  return t(termKeys(serviceId, term).flatMap((key) => [`${key}_spoken`, key]));
}
