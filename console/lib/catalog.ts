import type { CatalogField, CatalogService, ConsoleCatalog } from '../api/protocol';

/**
 * Service titles, step titles and fields from the hub's `GET /catalog`, in the console's language. Until it
 * arrives (or for a service the hub does not know) the console shows the ids.
 */
let catalog: ConsoleCatalog | null = null;
let languageOf: () => string = () => 'de';

export function setServiceCatalog(next: ConsoleCatalog | null, language: () => string = languageOf): void {
  catalog = next;
  languageOf = language;
}

function service(serviceId: string): CatalogService | undefined {
  if (!catalog) return undefined;
  const list = languageOf() === 'en' ? catalog.en : catalog.de;
  return list.find((entry) => entry.serviceId === serviceId);
}

export function serviceTitle(serviceId: string | null): string | null {
  if (serviceId === null) return null;
  return service(serviceId)?.title ?? serviceId;
}

export function stepTitle(serviceId: string | null, stepId: string | null): string | null {
  if (serviceId === null || stepId === null) return stepId;
  return service(serviceId)?.steps.find((step) => step.stepId === stepId)?.title ?? stepId;
}

/** The fields of a step when the catalog knows them; null means the console offers generic name/value rows. */
export function stepFields(serviceId: string, stepId: string): CatalogField[] | null {
  return service(serviceId)?.steps.find((step) => step.stepId === stepId)?.fields ?? null;
}

/** Every step of a service in journey order (for the desk form), or null when unknown. */
export function serviceSteps(serviceId: string): CatalogService['steps'] | null {
  return service(serviceId)?.steps ?? null;
}

export function fieldOf(serviceId: string, name: string): CatalogField | null {
  for (const step of service(serviceId)?.steps ?? []) {
    const found = step.fields.find((field) => field.name === name);
    if (found) return found;
  }
  return null;
}

/** A service done in person (a prepared visit): the desk reads its answers, nothing is sent from the console. */
export function isInPerson(serviceId: string): boolean {
  return service(serviceId)?.inPerson ?? false;
}

export function fieldLabel(serviceId: string, name: string): string {
  return fieldOf(serviceId, name)?.label ?? name;
}
