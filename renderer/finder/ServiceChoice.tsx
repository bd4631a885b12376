import { useTranslation } from 'react-i18next';
import type { ServiceCategory, ServiceDefinition } from '../../contract';
import { ServiceTile } from '../components/ServiceTile';
import type { StartLayout } from './categories';
import { CategoryTile } from './CategoryTile';
import { SearchBox } from './SearchBox';

interface ServiceChoiceProps {
  layout: StartLayout;
  query: string;
  onQuery: (query: string) => void;
  /** The services found for `query`, or null while no search is made (too short, or code loading). */
  found: readonly ServiceDefinition[] | null;
  onService: (serviceId: string) => void;
  onCategory: (category: ServiceCategory) => void;
}

/**
 * The start screen's way to a service: the search field, then what it found or the tiles. No result is
 * answered with the tiles and the way to a person (Hilfe, the desk).
 */
export function ServiceChoice({ layout, query, onQuery, found, onService, onCategory }: ServiceChoiceProps) {
  const { t } = useTranslation();
  const searching = found !== null;
  return (
    <>
      <SearchBox value={query} onChange={onQuery} />
      {/* Always in the page, so that screen readers announce what changes in it. */}
      <p className="finder-status" id="finder-status" role="status">
        {found === null
          ? ''
          : found.length > 0
            ? t('finder.resultCount', { count: found.length })
            : t('finder.noResult')}
      </p>
      {searching && found.length > 0 ? (
        <ul className="tiles" aria-label={t('finder.resultsLabel')}>
          {found.map((service) => (
            <li key={service.id}>
              <ServiceTile service={service} onChoose={() => onService(service.id)} />
            </li>
          ))}
        </ul>
      ) : (
        <>
          {searching && <p className="finder-advice">{t('finder.noResultAdvice')}</p>}
          <Tiles layout={layout} onService={onService} onCategory={onCategory} />
        </>
      )}
    </>
  );
}

function Tiles({ layout, onService, onCategory }: Pick<ServiceChoiceProps, 'layout' | 'onService' | 'onCategory'>) {
  if (layout.kind === 'services') {
    return (
      <ul className="tiles">
        {layout.services.map((service) => (
          <li key={service.id}>
            <ServiceTile service={service} onChoose={() => onService(service.id)} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ul className="tiles tiles--categories">
      {layout.groups.map((group) => (
        <li key={group.category}>
          <CategoryTile
            group={group}
            onChoose={() =>
              group.services.length === 1 ? onService(group.services[0]!.id) : onCategory(group.category)
            }
          />
        </li>
      ))}
    </ul>
  );
}
