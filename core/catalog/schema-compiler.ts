import { createServiceAjv, type Ajv2020, type SchemaValidator } from '../validation/ajv';
import { kioskDateCheck, type KioskDateCheck } from '../validation/kiosk-date-keyword';
import { toJsonPointer } from './json-pointer';
import type { JsonSchemaObject } from './loaded-service';
import { fileDigest, PRECOMPILED_ALL, precompiledProperty, type PrecompiledSchema } from './precompiled';

/**
 * Compiles the service schemas: code generated at build time when a schema file is unchanged,
 * else one shared Ajv, created only when first needed (creating it and compiling its meta-schema
 * costs more than all shipped schemas together). Every schema the Ajv knows stays resolvable
 * from the others by $id, as when all were compiled at start-up.
 */
export class SchemaCompiler {
  private ajv: Ajv2020 | undefined;
  private readonly ids = new Set<string>();
  /** Schemas taken from precompiled code, for $refs of schemas compiled later. */
  private readonly precompiledSchemas: JsonSchemaObject[] = [];
  private readonly check: KioskDateCheck;
  private readonly byDigest: ReadonlyMap<string, PrecompiledSchema>;

  constructor(
    private readonly today: () => string,
    precompiled: readonly PrecompiledSchema[],
  ) {
    this.check = kioskDateCheck(today);
    this.byDigest = new Map(precompiled.map((entry) => [entry.sha256, entry]));
  }

  get precompiledCount(): number {
    return this.precompiledSchemas.length;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Throws (leaving nothing behind) when the schema does not compile. */
  compile(schema: JsonSchemaObject, text: string): ServiceValidators {
    const id = schema.$id!;
    const precompiled = this.byDigest.get(fileDigest(text));
    if (precompiled) {
      const exports = precompiled.create(this.check);
      const validateAll = exports[PRECOMPILED_ALL];
      if (validateAll) {
        this.ids.add(id);
        this.precompiledSchemas.push(schema);
        this.ajv?.addSchema(schema);
        return { validateAll, property: (name) => exports[precompiledProperty(name)] };
      }
    }
    const ajv = this.compiler();
    let validateAll: SchemaValidator;
    try {
      validateAll = ajv.compile(schema);
    } catch (error) {
      // A broken schema must leave nothing behind in the shared instance.
      ajv.removeSchema(id);
      throw error;
    }
    this.ids.add(id);
    // Property validators are compiled on first use from the already compiled root (so $refs resolve):
    // the root compile above has checked the schema, and start-up time is what a resident waits for.
    return { validateAll, property: (name) => ajv.getSchema(`${id}#${toJsonPointer(['properties', name])}`) };
  }

  private compiler(): Ajv2020 {
    if (!this.ajv) {
      this.ajv = createServiceAjv(this.today);
      for (const schema of this.precompiledSchemas) this.ajv.addSchema(schema);
    }
    return this.ajv;
  }
}

export interface ServiceValidators {
  validateAll: SchemaValidator;
  /** The validator of one top-level property; undefined if there is none. */
  property(name: string): SchemaValidator | undefined;
}
