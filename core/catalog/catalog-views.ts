import {
  DEFAULT_LANGUAGE,
  fail,
  ok,
  OFFICES_NS,
  serviceNamespace,
  SUMMARY_TEXT_KEYS,
  type ApiOutput,
  type LanguageCode,
  type Result,
  type ServiceDefinition,
  type ServiceSummary,
} from '../../contract';
import { lookupTextKey } from './json-pointer';
import type { LoadedCatalog } from './load-catalog';

type Namespaces = Record<string, Record<string, unknown>>;

/**
 * What the catalogue calls answer (`catalog.get`, `catalog.translations`, `catalog.service`): the start screen
 * gets summaries and their texts only; a service's definition and its other texts come when it is opened.
 * With 200 services the definitions and all their texts were 2.6 MB on the boot path (issue 15's benchmark).
 */
export interface CatalogViews {
  catalog(): ApiOutput<'catalog.get'>;
  /** Every service's summary texts and the offices' texts in one language. */
  translations(language: LanguageCode): Namespaces;
  service(serviceId: string, language: LanguageCode): Result<ApiOutput<'catalog.service'>>;
}

/** The summary of a service: the fields its tile, the finder and the booking lookup read (contract/service.ts). */
export function serviceSummary(definition: ServiceDefinition): ServiceSummary {
  const { id, category, order, icon, officeId, titleKey, summaryKey, keywordsKey } = definition;
  return { id, category, order, icon, officeId, titleKey, summaryKey, ...(keywordsKey ? { keywordsKey } : {}) };
}

/** Copies the text at a dotted key into a nested locale object, creating the objects on the way. */
function copyText(from: unknown, to: Record<string, unknown>, key: string): void {
  const text = lookupTextKey(from, key);
  if (text === undefined) return;
  const parts = key.split('.');
  let node = to;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = (typeof next === 'object' && next !== null ? next : (node[part] = {})) as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = text;
}

/** Of a service's texts in one language, those its summary names, each with its spoken form where it has one. */
export function summaryTexts(definition: ServiceDefinition, locale: unknown): Record<string, unknown> {
  const texts: Record<string, unknown> = {};
  for (const field of SUMMARY_TEXT_KEYS) {
    const key = definition[field];
    if (!key) continue;
    copyText(locale, texts, key);
    copyText(locale, texts, `${key}_spoken`);
  }
  return texts;
}

const views = new WeakMap<LoadedCatalog, CatalogViews>();

/**
 * The views of a loaded catalogue, each built once (a catalogue's contents change only when a bundle from the hub
 * is activated between sessions, which calls forgetCatalogViews).
 */
export function catalogViews(catalog: LoadedCatalog): CatalogViews {
  let found = views.get(catalog);
  if (!found) {
    found = createCatalogViews(catalog);
    views.set(catalog, found);
  }
  return found;
}

function createCatalogViews(catalog: LoadedCatalog): CatalogViews {
  const summaries = catalog.services.map((service) => serviceSummary(service.definition));
  const byLanguage = new Map<LanguageCode, Namespaces>();
  function translations(language: LanguageCode): Namespaces {
    let texts = byLanguage.get(language);
    if (!texts) {
      const all = catalog.translations[language] ?? {};
      texts = { [OFFICES_NS]: all[OFFICES_NS] ?? {} };
      for (const { definition } of catalog.services) {
        const namespace = serviceNamespace(definition.id);
        texts[namespace] = summaryTexts(definition, all[namespace]);
      }
      byLanguage.set(language, texts);
    }
    return texts;
  }
  let boot: ApiOutput<'catalog.get'> | undefined;
  return {
    catalog() {
      boot ??= {
        services: summaries,
        offices: catalog.offices.file,
        // Only the default language on the boot path; the others follow on demand.
        translations: { [DEFAULT_LANGUAGE]: translations(DEFAULT_LANGUAGE) },
        untranslated: catalog.untranslated,
      };
      return boot;
    },
    translations,
    service(serviceId, language) {
      const service = catalog.byId.get(serviceId);
      if (!service) return fail('unknown_service');
      const texts = catalog.translations[language]?.[serviceNamespace(serviceId)] ?? {};
      return ok({ definition: service.definition, language, texts });
    },
  };
}

/** The catalogue's contents were replaced (issue 20, core/catalog/catalogue-bundles.ts): its views are built anew. */
export function forgetCatalogViews(catalog: LoadedCatalog): void {
  views.delete(catalog);
}
