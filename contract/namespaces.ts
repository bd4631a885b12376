/**
 * The i18next namespace that holds a service's texts. Kept free of zod so the
 * renderer can import it: zod probes `new Function` at load, which the strict CSP reports.
 */
export function serviceNamespace(serviceId: string): string {
  return `svc-${serviceId}`;
}
