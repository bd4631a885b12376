import type { i18n as I18n } from 'i18next';
import type { ApiErrorCode, ApiOutput, KioskBridge, LanguageCode, ServiceDefinition } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';

// No i18next code here: app/boot.ts fetches with this before the rest of the renderer is evaluated.

/** What `catalog.service` answers: a service's definition and all its texts in one language. */
export type OpenedService = ApiOutput<'catalog.service'>;

export class ServiceLoadError extends Error {
  constructor(readonly code: ApiErrorCode) {
    super(`catalog.service refused: ${code}`);
  }
}

/**
 * The services whose definition and whole texts an i18n instance holds, by `<id>|<language>`. The start
 * screen has only each service's summary and its texts (catalog.get); the rest comes when one is opened.
 */
const held = new WeakMap<I18n, Map<string, ServiceDefinition>>();

const heldKey = (serviceId: string, language: string) => `${serviceId}|${language}`;

/** Adds a `catalog.service` answer: its texts to the service's namespace (beside the summary's). */
export function addOpenedService(instance: I18n, opened: OpenedService): void {
  // Deep, so the summary's texts (catalog.get, catalog.translations) and these share the namespace.
  instance.addResourceBundle(opened.language, serviceNamespace(opened.definition.id), opened.texts, true, true);
  let services = held.get(instance);
  if (!services) held.set(instance, (services = new Map()));
  services.set(heldKey(opened.definition.id, opened.language), opened.definition);
}

/** The service's definition when its texts in `language` are there too; undefined until then. */
export function heldService(instance: I18n, serviceId: string, language: string): ServiceDefinition | undefined {
  return held.get(instance)?.get(heldKey(serviceId, language));
}

/** Asks the core for one service in one language; rejects with ServiceLoadError when it refuses. */
export async function fetchService(
  bridge: KioskBridge,
  serviceId: string,
  language: LanguageCode,
): Promise<OpenedService> {
  const result = await bridge.call('catalog.service', { serviceId, language });
  if (!result.ok) throw new ServiceLoadError(result.error.code);
  return result.value;
}

/**
 * Makes a service ready to show in a language: its definition and texts, fetched once per page (the
 * catalogue does not change while the kiosk runs) and answered at once after that. Rejects with the
 * bridge's NetworkError while the core is away, or ServiceLoadError; a failed load is tried again next time.
 */
export function createServiceLoader(
  instance: I18n,
  bridge: KioskBridge,
): (serviceId: string, language: LanguageCode) => Promise<ServiceDefinition> {
  const loading = new Map<string, Promise<ServiceDefinition>>();
  return (serviceId, language) => {
    const ready = heldService(instance, serviceId, language);
    if (ready) return Promise.resolve(ready);
    const key = heldKey(serviceId, language);
    let pending = loading.get(key);
    if (!pending) {
      pending = fetchService(bridge, serviceId, language).then((opened) => {
        addOpenedService(instance, opened);
        return opened.definition;
      });
      loading.set(key, pending);
      // Settled either way: once held, heldService answers; a failure is tried again.
      const forget = () => void loading.delete(key);
      pending.then(forget, forget);
    }
    return pending;
  };
}
