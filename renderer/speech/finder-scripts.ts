import type { TFunction } from 'i18next';
import type { ServiceCategory, ServiceSummary } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';
import type { Utterance } from './scripts';
import { spokenText } from './spoken-text';

const say = (text: string): Utterance => ({ text });
const title = (t: TFunction, service: ServiceSummary) =>
  say(spokenText(t, service.titleKey, { ns: serviceNamespace(service.id) }));

/** A life situation's page: its name, what to do, and its services. */
export function categoryScript(
  t: TFunction,
  category: ServiceCategory,
  services: readonly ServiceSummary[],
): Utterance[] {
  return [
    say(spokenText(t, `finder.category.${category}`)),
    say(spokenText(t, 'finder.categoryLead')),
    ...services.map((service) => title(t, service)),
  ];
}

/**
 * Search results as they settle: how many and their names, or that nothing was found and where to turn.
 * The words typed are not said: what a resident enters is spoken only when they ask for it.
 */
export function searchScript(t: TFunction, found: readonly ServiceSummary[]): Utterance[] {
  if (found.length === 0) return [say(spokenText(t, 'finder.noResult')), say(spokenText(t, 'finder.noResultAdvice'))];
  return [
    say(spokenText(t, 'finder.resultCount', { count: found.length })),
    ...found.map((service) => title(t, service)),
  ];
}
