/**
 * The life situations the start screen groups services by (issue 15); each has its own tile and icon.
 * Zod-free, so the renderer may import it (service.ts re-exports it with the service format).
 */
export const SERVICE_CATEGORIES = [
  'umzug', // moving in, within or out of town
  'ausweis', // identity card and passports
  'wahlen', // elections
  'tiere', // dogs and other animals
  'auto', // car and parking
  'abfall', // waste and the street
  'bibliothek', // the town library
  'sonstiges', // everything else
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];
