import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceSummary } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';
import type { ServiceSearch } from './service-search';

type SearchModules = [typeof import('./service-search'), typeof import('./search-documents')];
let modules: Promise<SearchModules> | undefined;

/** The search code (MiniSearch) is a chunk of its own, fetched after the start screen is painted. */
export function prefetchSearchCode(): Promise<SearchModules> {
  modules ??= Promise.all([import('./service-search'), import('./search-documents')]);
  modules.catch(() => (modules = undefined));
  return modules;
}

/**
 * The finder's index for the start screen's language, or null while its code loads. Built here in the
 * renderer: it holds the resident's language already, and a keystroke then costs no call to the core.
 * It is rebuilt when the language or the catalogue changes (a few milliseconds for 200 services).
 */
export function useServiceSearch(
  services: readonly ServiceSummary[],
  language: string,
  /** False until the start screen is painted: its first paint does not wait for this code. */
  enabled: boolean,
): ServiceSearch | null {
  const { i18n } = useTranslation();
  const [loaded, setLoaded] = useState<SearchModules | null>(null);
  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    prefetchSearchCode().then(
      (result) => live && setLoaded(result),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return useMemo(() => {
    if (!loaded) return null;
    const [{ buildServiceSearch }, { searchDocuments }] = loaded;
    const text = (id: string, key: string, lang: string) => {
      const value: unknown = i18n.getResource(lang, serviceNamespace(id), key);
      return typeof value === 'string' ? value : undefined;
    };
    return buildServiceSearch(searchDocuments(services, language, text));
  }, [loaded, services, language, i18n]);
}
