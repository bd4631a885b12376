import { serviceNamespace } from '../../contract/namespaces';
import { lookupTextKey } from '../../core/catalog/json-pointer';
import { loadCatalog } from '../../core/catalog/load-catalog';
import type { Logger } from '../../core/types';

export interface Title {
  de: string;
  en: string;
}

export interface DirectoryService {
  serviceId: string;
  leikaKey: string | null;
  title: Title;
  /** The journey's steps in order: the only step ids a usage report may name. */
  steps: { stepId: string; title: Title }[];
}

/** The services the hub knows (the kiosk's own loader over resources/services), as the open data name them. */
export interface ServiceDirectory {
  services: readonly DirectoryService[];
  byId: ReadonlyMap<string, DirectoryService>;
}

export function buildServiceDirectory(
  resourcesDir: string | undefined,
  logger: Logger,
  servicesDir?: string,
): ServiceDirectory {
  if (!resourcesDir) return { services: [], byId: new Map() };
  // "today" only matters for date checks of answers, which this never runs.
  const today = () => new Date().toISOString().slice(0, 10);
  const loaded = loadCatalog(resourcesDir, today, logger, undefined, servicesDir);
  const services = loaded.services.map(({ definition }): DirectoryService => {
    const namespace = serviceNamespace(definition.id);
    const text = (language: 'de' | 'en', key: string): string => {
      for (const code of [language, 'de']) {
        const found = lookupTextKey(loaded.translations[code]?.[namespace], key);
        if (typeof found === 'string') return found;
      }
      return key;
    };
    const title = (key: string): Title => ({ de: text('de', key), en: text('en', key) });
    return {
      serviceId: definition.id,
      leikaKey: definition.leikaKey ?? null,
      title: title(definition.titleKey),
      steps: definition.journey.steps.map((step) => ({ stepId: step.id, title: title(step.titleKey) })),
    };
  });
  return { services, byId: new Map(services.map((service) => [service.serviceId, service])) };
}
