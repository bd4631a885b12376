import { memo, startTransition, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceSummary } from '../../contract';
import { ServiceTile } from '../components/ServiceTile';

/**
 * Painted with the keystroke: more than fit above the on-screen keyboard at normal text size. The others
 * follow once typing pauses, so a long list is never mounted between two keys.
 */
export const FIRST_RESULTS = 6;

/** How long typing must pause before the rest of a long list is shown: shorter than a reader's first look. */
export const REST_AFTER_MS = 250;

/** One result; memoised, so a tile that stays from one key to the next is not rendered again. */
const ResultTile = memo(function ResultTile({
  service,
  onService,
}: {
  service: ServiceSummary;
  onService: (serviceId: string) => void;
}) {
  return <ServiceTile service={service} onChoose={() => onService(service.id)} />;
});

/** The same services in the same order: what a key that changes nothing in the list gives. */
function sameList(a: readonly ServiceSummary[], b: readonly ServiceSummary[]): boolean {
  return a.length === b.length && a.every((service, at) => service.id === b[at]!.id);
}

/** What the search found, best first. `onService` must keep its identity (see ServiceChoice). */
export function ResultTiles({
  found,
  onService,
}: {
  found: readonly ServiceSummary[];
  onService: (serviceId: string) => void;
}) {
  const { t } = useTranslation();
  // The list shown whole, kept while keys leave it unchanged; a changed list waits for a pause.
  const [whole, setWhole] = useState<readonly ServiceSummary[] | null>(null);
  const complete = found.length <= FIRST_RESULTS || (whole !== null && sameList(whole, found));
  useEffect(() => {
    if (complete) return undefined;
    // A transition: the next key interrupts mounting the rest instead of waiting for it.
    const timer = setTimeout(() => startTransition(() => setWhole(found)), REST_AFTER_MS);
    return () => clearTimeout(timer);
  }, [complete, found]);
  const shown = complete ? found : found.slice(0, FIRST_RESULTS);
  return (
    <ul className="tiles finder-results" aria-label={t('finder.resultsLabel')}>
      {shown.map((service) => (
        <li key={service.id}>
          <ResultTile service={service} onService={onService} />
        </li>
      ))}
    </ul>
  );
}
