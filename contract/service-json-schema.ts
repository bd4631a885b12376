import { z } from 'zod';
import { fieldTypeNames } from './fields';
import { ConditionSchema, FieldTypeSchema, ServiceDefinitionSchema } from './service';

/**
 * The JSON Schema of service.json itself, generated from the contract's zod schema, so an editor
 * checks a service while it is written (`"$schema": "../service.schema.json"`). Checked in as
 * resources/services/service.schema.json; `npm run schema:services` writes it again, and
 * tests/unit/service-json-schema.test.ts fails while the file is out of date.
 * `io: 'input'`: what an author writes, so fields with a default are optional. Draft 7, which
 * every common editor understands. The start-up check (zod, with its cross-checks) stays the authority.
 */
export function serviceJsonSchema(): Record<string, unknown> {
  // Names the recursive condition in `definitions` (zod would call it __schema0).
  const names = z.registry<{ id: string }>();
  names.add(ConditionSchema, { id: 'Condition' });
  const generated = z.toJSONSchema(ServiceDefinitionSchema, {
    io: 'input',
    target: 'draft-7',
    metadata: names,
    // A field's type is checked against the registry (contract/fields/); an editor gets the names as an enum.
    override: (ctx) => {
      if (ctx.zodSchema === FieldTypeSchema) ctx.jsonSchema.enum = fieldTypeNames();
    },
  });
  return {
    ...generated,
    $id: 'https://buergerkiosk.stade.de/schemas/service.schema.json',
    title: 'Bürgerkiosk service file (service.json)',
    description: 'Generated from contract/service.ts by `npm run schema:services`. Do not edit.',
  };
}
