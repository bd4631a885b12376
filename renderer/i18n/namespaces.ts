/**
 * Same rule as contract/service.ts `serviceNamespace`, repeated here because
 * importing that module pulls zod into the renderer, and zod probes `new Function`
 * at load, which the strict CSP reports. tests/unit/renderer-i18n.test.ts keeps the two equal.
 */
export function serviceNamespace(serviceId: string): string {
  return `svc-${serviceId}`;
}
