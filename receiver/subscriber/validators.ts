import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import metadataSchema from '../../resources/fit-connect/metadata.schema.v1.0.0.json';
import type { ServiceSchemaIndex } from './service-schemas';

/**
 * Ajv (draft 2020-12) validators for the official FIT-Connect metadata schema 1.0.0 and the services'
 * submission schemas. The kiosk's `x-kiosk-date` keyword is accepted as an annotation only: its rules are
 * relative to the kiosk's clock and were enforced there; the authority checks the structure.
 */
export const METADATA_SCHEMA_ID = metadataSchema.$id;

export interface Validators {
  metadata: ValidateFunction;
  /** The validator for a submission schema URI, or undefined if no service has that `$id`. */
  service(schemaUri: string): ValidateFunction | undefined;
}

export function createValidators(schemas: ServiceSchemaIndex): Validators {
  const metadataAjv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(metadataAjv);
  const metadata = metadataAjv.compile(metadataSchema);

  // Service schemas were checked strictly by the kiosk's catalog; here a stray keyword must not stop receiving.
  const serviceAjv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(serviceAjv);
  serviceAjv.addKeyword({ keyword: 'x-kiosk-date', schemaType: 'object' });
  const compiled = new Map<string, ValidateFunction>();
  return {
    metadata,
    service(schemaUri) {
      const entry = schemas.byUri.get(schemaUri);
      if (!entry) return undefined;
      let validate = compiled.get(schemaUri);
      if (!validate) {
        validate = serviceAjv.getSchema(schemaUri) ?? serviceAjv.compile(entry.schema);
        compiled.set(schemaUri, validate);
      }
      return validate;
    },
  };
}

/** Where and which rule failed — never the offending value, which may be personal data. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 10)
    .map((error) => `${error.instancePath || '/'} ${error.keyword}${error.message ? ` (${error.message})` : ''}`)
    .join('; ');
}
