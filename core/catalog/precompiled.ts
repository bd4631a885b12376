import { createHash } from 'node:crypto';
import type { SchemaValidator } from '../validation/ajv';
import type { KioskDateCheck } from '../validation/kiosk-date-keyword';

/**
 * What the build already checked and compiled of resources/services/ (see ./precompile.ts;
 * build/build.mjs puts it into the bundles in place of ./precompiled-catalog.ts), so that a
 * start-up does not repeat it: checking the service files and compiling Ajv's meta-schema and the
 * service schemas was most of the time a resident waited for the kiosk after a restart.
 *
 * Every entry is keyed by the SHA-256 of a file's text, and the catalog uses it only while the
 * file on disk has exactly that text. A file changed after the build, or a service a town added,
 * is checked and compiled at start-up as before (and refused with its file and path if broken).
 */
export interface PrecompiledCatalog {
  /** service.json files that passed the contract's check. */
  definitions: readonly PrecompiledDefinition[];
  /** schema.json files compiled to Ajv standalone code. */
  schemas: readonly PrecompiledSchema[];
}

export interface PrecompiledDefinition {
  /** SHA-256 (hex) of the service file's text. */
  sha256: string;
  /** What the contract's check (ServiceDefinitionSchema) returned for it, as JSON. */
  json: string;
}

export interface PrecompiledSchema {
  /** SHA-256 (hex) of the schema file's text. */
  sha256: string;
  /**
   * Runs the generated code with this core's date rules ("today" differs between cores).
   * Returns the validators by export name: PRECOMPILED_ALL and precompiledProperty(name).
   */
  create(kioskDate: KioskDateCheck): Record<string, SchemaValidator | undefined>;
}

export const NOTHING_PRECOMPILED: PrecompiledCatalog = { definitions: [], schemas: [] };

/** The export that validates a whole answers object. */
export const PRECOMPILED_ALL = 'all';

/** The export that validates one top-level property's value. */
export function precompiledProperty(name: string): string {
  return `property:${name}`;
}

export function fileDigest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
