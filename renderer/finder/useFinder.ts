import { useEffect, useMemo, useState } from 'react';
import type { ServiceSummary } from '../../contract';
import { useServiceSearch } from './useServiceSearch';

/** Results are spoken once typing pauses this long: every key stops speech, so each would cut the last. */
const SPEAK_AFTER_MS = 700;

export interface Finder {
  query: string;
  setQuery(query: string): void;
  /** What the query finds, best first; null while there is no search (empty or one letter, code loading). */
  found: ServiceSummary[] | null;
  /** The results once typing has paused: what is spoken, and a key that changes when it does. */
  spoken: ServiceSummary[] | null;
  spokenKey: string;
}

/**
 * The start screen's search: the words typed and what they find. Held by the search itself
 * (ServiceChoice), not the start screen, so a key renders the field and the results only; the screen
 * hears of it when typing pauses (what is spoken). A life situation chosen is the start screen's.
 */
export function useFinder(
  services: readonly ServiceSummary[],
  language: string,
  enabled: boolean,
  /** The words to start with: a search the resident comes back to (see search-return.ts). */
  initialQuery = '',
): Finder {
  const [query, setQuery] = useState(initialQuery);
  const search = useServiceSearch(services, language, enabled);
  const byId = useMemo(() => new Map(services.map((service) => [service.id, service])), [services]);
  const found = useMemo(() => {
    if (!search) return null;
    const ids = search.find(query);
    if (ids.length === 0 && [...query.trim()].length < 2) return null;
    return ids.flatMap((id) => byId.get(id) ?? []);
  }, [search, query, byId]);
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
    found,
    spoken: settled.key !== '' && settled.key === foundKey ? found : null,
    spokenKey: settled.count === 0 ? '' : `${settled.count}`,
  };
}
