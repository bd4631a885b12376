import { memo, useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceSummary } from '../../contract';
import { ServiceTile } from '../components/ServiceTile';

/**
 * Painted with the keystroke: more than fit above the on-screen keyboard at normal text size. The others
 * follow in a render React may interrupt for the next key, so a long list never delays the letter.
 */
export const FIRST_RESULTS = 6;

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

/** What the search found, best first. `onService` must keep its identity (see ServiceChoice). */
export function ResultTiles({
  found,
  onService,
}: {
  found: readonly ServiceSummary[];
  onService: (serviceId: string) => void;
}) {
  const { t } = useTranslation();
  const settled = useDeferredValue(found);
  const shown = settled === found ? found : found.slice(0, FIRST_RESULTS);
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
