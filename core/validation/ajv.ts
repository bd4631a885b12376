import { createRequire } from 'node:module';
import type Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject } from 'ajv/dist/2020';
import { kioskDateCheck, kioskDateKeyword } from './kiosk-date-keyword';

export type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
export type { Ajv2020 };

/**
 * What the core needs of a compiled schema, whether Ajv compiled it at start-up
 * or it was generated at build time (../catalog/precompiled.ts): a call, then `errors`.
 */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

let nodeRequire: NodeJS.Require | undefined;

/**
 * Ajv is required when the first instance is made, not imported: with the shipped schemas compiled
 * at build time a start-up needs none of it, and loading it is time a resident waits for.
 * (A CommonJS bundle without the build's import.meta shim has __filename instead.)
 */
function requireAtRuntime(id: string): unknown {
  nodeRequire ??= createRequire(import.meta.url ?? __filename);
  return nodeRequire(id);
}

/** Ajv (draft 2020-12) and ajv-formats, required now (see above): for every Ajv the core makes. */
export function loadAjv(): {
  ajvModule: typeof import('ajv/dist/2020');
  addFormats: typeof import('ajv-formats').default;
} {
  return {
    ajvModule: requireAtRuntime('ajv/dist/2020') as typeof import('ajv/dist/2020'),
    addFormats: (requireAtRuntime('ajv-formats') as typeof import('ajv-formats')).default,
  };
}

/**
 * The Ajv (draft 2020-12) that compiles the service schemas. Strict mode catches typos in keywords;
 * `strictRequired` is off because it rejects the common if/then pattern
 * (`then: {required: [...]}`) — the catalog cross-check instead verifies that
 * every required name is a top-level property.
 *
 * `standalone` keeps the generated source, so the build can emit it (ajv/dist/standalone).
 */
export function createServiceAjv(today: () => string, options: { standalone?: boolean } = {}): Ajv2020 {
  const { ajvModule, addFormats } = loadAjv();
  const ajv = new ajvModule.default({
    strict: true,
    strictRequired: false,
    allErrors: true,
    ...(options.standalone ? { code: { source: true, lines: false } } : {}),
  });
  addFormats(ajv);
  ajv.addKeyword(kioskDateKeyword(kioskDateCheck(today), ajvModule));
  return ajv;
}

/** Ajv's standalone code generation (build time), from the same copy of Ajv as createServiceAjv. */
export function ajvStandaloneCode(): typeof import('ajv/dist/standalone').default {
  // One copy matters: Ajv tells generated code apart from plain strings with instanceof.
  return (requireAtRuntime('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
}
