import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { kioskDateKeyword } from './kiosk-date-keyword';

export type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
export type { Ajv2020 };

/**
 * The Ajv (draft 2020-12) that compiles the service schemas. Strict mode catches typos in keywords;
 * `strictRequired` is off because it rejects the common if/then pattern
 * (`then: {required: [...]}`) — the catalog cross-check instead verifies that
 * every required name is a top-level property.
 */
export function createServiceAjv(today: () => string): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  addFormats(ajv);
  ajv.addKeyword(kioskDateKeyword(today));
  return ajv;
}
