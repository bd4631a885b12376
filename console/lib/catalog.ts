/**
 * Service titles and step fields for the console. The contract has no catalog route for the console yet,
 * so the integrator feeds this (e.g. from a hub `GET /catalog`); until then the console shows the ids.
 */
export interface ServiceInfo {
  title: string;
  steps?: Record<string, { title: string; fields: string[] }>;
}

let services: Record<string, ServiceInfo> = {};

export function setServiceCatalog(catalog: Record<string, ServiceInfo>): void {
  services = catalog;
}

export function serviceTitle(serviceId: string | null): string | null {
  if (serviceId === null) return null;
  return services[serviceId]?.title ?? serviceId;
}

export function stepTitle(serviceId: string | null, stepId: string | null): string | null {
  if (serviceId === null || stepId === null) return stepId;
  return services[serviceId]?.steps?.[stepId]?.title ?? stepId;
}

/** The fields of a step when the catalog knows them; null means the console offers generic name/value rows. */
export function stepFields(serviceId: string, stepId: string): string[] | null {
  return services[serviceId]?.steps?.[stepId]?.fields ?? null;
}
