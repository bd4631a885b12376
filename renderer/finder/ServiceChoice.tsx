import { memo, startTransition, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceCategory, ServiceSummary } from '../../contract';
import { ServiceTile } from '../components/ServiceTile';
import type { StartLayout } from './categories';
import { CategoryTile } from './CategoryTile';
import { ResultTiles } from './ResultTiles';
import { SearchBox } from './SearchBox';
import { useFinder } from './useFinder';

interface ServiceChoiceProps {
  layout: StartLayout;
  /** What the search looks through, in the start screen's language. */
  services: readonly ServiceSummary[];
  language: string;
  /** False until the start screen is painted (the search code comes after it). */
  searchEnabled: boolean;
  /** The words the field starts with (a search the resident comes back to). */
  initialQuery: string;
  /** A service chosen; `query` holds the words when it was a search result, else null. */
  onService: (serviceId: string, query: string | null) => void;
  onCategory: (category: ServiceCategory) => void;
  /** What is spoken of the search, once typing pauses (see useFinder); not called for every key. */
  onSpoken: (spoken: readonly ServiceSummary[] | null, spokenKey: string) => void;
}

/** The room at the bottom of the screen that the on-screen keyboard and the dock cover (their scroll padding). */
function coveredAtBottom(): number {
  return parseFloat(getComputedStyle(document.documentElement).scrollPaddingBottom) || 0;
}

/**
 * The start screen's way to a service: the search field, then what it found or the tiles. No result is
 * answered with the tiles and the way to a person (Hilfe, the desk). The search's state is held here: a
 * key renders this and not the whole start screen.
 */
export function ServiceChoice({
  layout,
  services,
  language,
  searchEnabled,
  initialQuery,
  onService,
  onCategory,
  onSpoken,
}: ServiceChoiceProps) {
  const { t } = useTranslation();
  const { query, setQuery, found, spoken, spokenKey } = useFinder(services, language, searchEnabled, initialQuery);
  const searching = found !== null;
  // The tiles are memoised: a keystroke must not render them again for a new but equal callback.
  const latest = useRef(onService);
  const latestCategory = useRef(onCategory);
  const latestSpoken = useRef(onSpoken);
  const latestQuery = useRef(query);
  useLayoutEffect(() => {
    latest.current = onService;
    latestCategory.current = onCategory;
    latestSpoken.current = onSpoken;
    latestQuery.current = query;
  });
  // The start screen hears of the search when what is spoken changes: when typing starts and pauses.
  // In a transition: the first key after a pause must not render the whole start screen in its own
  // task (React flushes a key's effects with it); the screen catches up once the key is painted.
  useEffect(() => {
    startTransition(() => latestSpoken.current(spoken, spokenKey));
  }, [spoken, spokenKey]);
  const chooseResult = useCallback((id: string) => latest.current(id, latestQuery.current), []);
  const chooseService = useCallback((id: string) => latest.current(id, null), []);
  const chooseCategory = useCallback((category: ServiceCategory) => latestCategory.current(category), []);

  // While the resident types, the first result (or the advice) must show above the on-screen keyboard:
  // when it would be under it, the field's row goes to the top of the screen, the results below it.
  const rowRef = useRef<HTMLDivElement>(null);
  const answerRef = useRef<HTMLDivElement>(null);
  // Checked when the answer's kind changes (results, none, or back to the tiles), not on every key: it
  // measures the page, and once the row is at the top the next letters keep the first result there.
  const answer = found === null ? 'none' : found.length > 0 ? 'results' : 'advice';
  useLayoutEffect(() => {
    const row = rowRef.current;
    const first = answerRef.current?.querySelector('li, p');
    if (answer === 'none' || !row || !first || !row.contains(document.activeElement)) return;
    if (first.getBoundingClientRect().bottom <= window.innerHeight - coveredAtBottom()) return;
    row.scrollIntoView({ block: 'start', behavior: 'instant' });
  }, [answer]);

  return (
    <>
      <SearchBox value={query} onChange={setQuery} rowRef={rowRef} />
      {/* Always in the page, so that screen readers announce what changes in it. */}
      <p className="finder-status" id="finder-status" role="status">
        {found === null
          ? ''
          : found.length > 0
            ? t('finder.resultCount', { count: found.length })
            : t('finder.noResult')}
      </p>
      {/* data-results-for: the words this answer is for (the bench waits for the frame that shows it). */}
      <div ref={answerRef} data-results-for={query}>
        {searching && found.length > 0 ? (
          <ResultTiles found={found} onService={chooseResult} />
        ) : (
          <>
            {searching && <p className="finder-advice">{t('finder.noResultAdvice')}</p>}
            <Tiles layout={layout} onService={chooseService} onCategory={chooseCategory} />
          </>
        )}
      </div>
    </>
  );
}

const Tiles = memo(function Tiles({
  layout,
  onService,
  onCategory,
}: {
  layout: StartLayout;
  onService: (serviceId: string) => void;
  onCategory: (category: ServiceCategory) => void;
}) {
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
});
