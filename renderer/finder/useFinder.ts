import { useEffect, useMemo, useState } from 'react';
import type { ServiceCategory, ServiceSummary } from '../../contract';
import { useServiceSearch } from './useServiceSearch';

/** Results are spoken once typing pauses this long: every key stops speech, so each would cut the last. */
const SPEAK_AFTER_MS = 700;

export interface Finder {
  query: string;
  setQuery(query: string): void;
  /** The chosen life situation, or null for the start screen's tiles. */
  category: ServiceCategory | null;
  chooseCategory(category: ServiceCategory | null): void;
  /** What the query finds, best first; null while there is no search (empty or one letter, code loading). */
  found: ServiceSummary[] | null;
  /** The results once typing has paused: what is spoken, and a key that changes when it does. */
  spoken: ServiceSummary[] | null;
  spokenKey: string;
}

/** The start screen's finder state: a life situation chosen, or a search typed. Both end with the start screen. */
export function useFinder(
  services: readonly ServiceSummary[],
  language: string,
  enabled: boolean,
  /** The words to start with: a search the resident comes back to (see search-return.ts). */
  initialQuery = '',
): Finder {
  const [query, setQuery] = useState(initialQuery);
  const [category, setCategory] = useState<ServiceCategory | null>(null);
  const search = useServiceSearch(services, language, enabled);
  const found = useMemo(() => {
    if (!search) return null;
    const ids = search.find(query);
    if (ids.length === 0 && [...query.trim()].length < 2) return null;
    const byId = new Map(services.map((service) => [service.id, service]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }, [search, query, services]);
  const foundKey = found === null ? '' : `${language}:${found.map((service) => service.id).join(',') || '-'}`;
  // Counted, so the same results typed again are said again; clearing the field says nothing.
  const [settled, setSettled] = useState({ key: '', count: 0 });
  useEffect(() => {
    if (foundKey === '') return undefined;
    const timer = setTimeout(() => setSettled((last) => ({ key: foundKey, count: last.count + 1 })), SPEAK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [foundKey]);
  return {
    query,
    setQuery,
    category,
    chooseCategory(next) {
      setQuery('');
      setCategory(next);
    },
    found,
    spoken: settled.key !== '' && settled.key === foundKey ? found : null,
    spokenKey: settled.count === 0 ? '' : `${settled.count}`,
  };
}
