import type { ServiceDefinition } from '../../contract';
import type { SchemaValidator } from '../validation/ajv';

/** A JSON Schema object as read from schema.json (only what the core looks at is typed). */
export interface JsonSchemaObject {
  $id?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchemaObject;
  properties?: Record<string, JsonSchemaObject>;
  required?: string[];
  [keyword: string]: unknown;
}

/** A service that passed every check at start-up. */
export interface LoadedService {
  definition: ServiceDefinition;
  /** The schema's $id: the submissionSchema URI sent to the portal. */
  schemaUri: string;
  schema: JsonSchemaObject;
  /** Validates a whole answers object. */
  validateAll: SchemaValidator;
  /** Validates one property value (compiled lazily from the root schema, so $refs resolve). */
  validateProperty(name: string): SchemaValidator;
}
