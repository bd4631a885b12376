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
} as const;
export type ServiceTerm = keyof typeof SERVICE_TERMS;

export function termKeys(serviceId: string, term: ServiceTerm): string[] {
  return [`${serviceNamespace(serviceId)}:terms.${term}`, `common:${SERVICE_TERMS[term]}`];
}

export function serviceTerm(t: TFunction, serviceId: string, term: ServiceTerm): string {
  return t(termKeys(serviceId, term));
}

/** The spoken form: each candidate's `_spoken` variant before its written one. */
export function spokenServiceTerm(t: TFunction, serviceId: string, term: ServiceTerm): string {
  return t(termKeys(serviceId, term).flatMap((key) => [`${key}_spoken`, key]));
}
