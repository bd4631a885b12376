import { ServiceDefinitionSchema } from '../../contract';
import { ajvStandaloneCode, createServiceAjv } from '../validation/ajv';
import { KIOSK_DATE_CHECK_NAME } from '../validation/kiosk-date-keyword';
import { toJsonPointer } from './json-pointer';
import type { JsonSchemaObject } from './loaded-service';
import { fileDigest, PRECOMPILED_ALL, precompiledProperty } from './precompiled';

/**
 * Build time only: checks and compiles the service files into the module that replaces
 * ./precompiled-catalog.ts in the bundles (see ./precompiled.ts). The checks are the ones the
 * catalog runs at start-up; a file that fails them is left out, and the start-up check then
 * refuses it with its file and path.
 */

/** The contract's check of a service file; throws unless it passes. */
export function checkedDefinitionJson(serviceText: string): string {
  return JSON.stringify(ServiceDefinitionSchema.parse(JSON.parse(serviceText)));
}

/**
 * The body of PrecompiledSchema.create for one schema file's text: Ajv's standalone CommonJS code,
 * compiled by the same Ajv set-up as at start-up (strict mode, meta-schema check). It expects
 * `exports`, `require` (Ajv's runtime helpers, ajv-formats) and the date check
 * (KIOSK_DATE_CHECK_NAME) in scope. Throws when the schema does not compile.
 */
export function standaloneBody(schemaText: string): string {
  const schema = JSON.parse(schemaText) as JsonSchemaObject;
  if (typeof schema !== 'object' || schema === null || typeof schema.$id !== 'string' || schema.$id === '') {
    throw new Error('the schema needs an $id');
  }
  const ajv = createServiceAjv(() => '1970-01-01', { standalone: true });
  ajv.compile(schema);
  // The same references the catalog compiles at start-up: the root, and each property from it.
  const refs: Record<string, string> = { [PRECOMPILED_ALL]: schema.$id };
  for (const name of Object.keys(schema.properties ?? {})) {
    refs[precompiledProperty(name)] = `${schema.$id}#${toJsonPointer(['properties', name])}`;
  }
  return ajvStandaloneCode()(ajv, refs);
}

/** The ES module that replaces ./precompiled-catalog.ts; texts that fail their check must be left out before. */
export function precompiledCatalogSource(files: { services: readonly string[]; schemas: readonly string[] }): string {
  const definitions = files.services.map(
    (text) => `{ sha256: ${JSON.stringify(fileDigest(text))}, json: ${JSON.stringify(checkedDefinitionJson(text))} }`,
  );
  const schemas = files.schemas.map(
    (text) =>
      `{ sha256: ${JSON.stringify(fileDigest(text))}, create(${KIOSK_DATE_CHECK_NAME}) {\n` +
      `const exports = {};\n${standaloneBody(text)}\nreturn exports;\n} }`,
  );
  return (
    '// Generated at build time from resources/services/ (core/catalog/precompile.ts). Do not edit.\n' +
    `export const PRECOMPILED_CATALOG = {\ndefinitions: [\n${definitions.join(',\n')}\n],\n` +
    `schemas: [\n${schemas.join(',\n')}\n],\n};\n`
  );
}
