import { STAFF_LANGUAGES, type CatalogService, type ConsoleCatalog } from '../contract/hub';
import { serviceNamespace } from '../contract/namespaces';
import { lookupTextKey } from '../core/catalog/json-pointer';
import { loadCatalog, type LoadedCatalog } from '../core/catalog/load-catalog';
import type { Logger } from '../core/types';

/**
 * The console's catalog: per service its title and per step its title and fields, in German and English,
 * built from resources/services with the kiosk's own loader (so it shows exactly the services the kiosk
 * accepts). Only texts of the service files: no answer, no resident's data.
 */
export function buildConsoleCatalog(
  resourcesDir: string | undefined,
  logger: Logger,
  servicesDir?: string,
): ConsoleCatalog {
  if (!resourcesDir) return { de: [], en: [] };
  // "today" only matters for date checks of answers, which the catalog never runs.
  const today = () => new Date().toISOString().slice(0, 10);
  const loaded = loadCatalog(resourcesDir, today, logger, undefined, servicesDir);
  const [de, en] = STAFF_LANGUAGES.map((language) => servicesIn(loaded, language));
  return { de: de!, en: en! };
}

function servicesIn(loaded: LoadedCatalog, language: string): CatalogService[] {
  return loaded.services.map(({ definition }) => {
    const namespace = serviceNamespace(definition.id);
    // The kiosk's i18next falls back to German; so does this, and to the key as a last resort.
    const find = (key: string): unknown => {
      for (const code of [language, 'de']) {
        const found = lookupTextKey(loaded.translations[code]?.[namespace], key);
        if (found !== undefined) return found;
      }
      return undefined;
    };
    const text = (key: string): string => {
      const found = find(key);
      return typeof found === 'string' ? found : key;
    };
    // The messages the kiosk shows under a field ("Geben Sie eine Postleitzahl aus Stade ein …").
    const errors = (name: string): Record<string, string> | undefined => {
      const found = find(`fields.${name}.errors`);
      if (typeof found !== 'object' || found === null) return undefined;
      const entries = Object.entries(found).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
      return entries.length > 0 ? Object.fromEntries(entries) : undefined;
    };
    return {
      serviceId: definition.id,
      title: text(definition.titleKey),
      inPerson: definition.completion === 'visit',
      steps: definition.journey.steps.map((step) => ({
        stepId: step.id,
        title: text(step.titleKey),
        fields: step.fields.map((field) => ({
          name: field.name,
          // A step with one field uses its title as the label (contract/service.ts).
          label: text(field.labelKey ?? step.titleKey),
          type: field.type,
          required: !field.optional,
          ...(field.options
            ? { options: field.options.map((option) => ({ value: option.value, label: text(option.labelKey) })) }
            : {}),
          ...(errors(field.name) ? { errors: errors(field.name) } : {}),
        })),
      })),
    };
  });
}
