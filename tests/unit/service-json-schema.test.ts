import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { ServiceDefinitionSchema } from '../../contract/service';
import { serviceJsonSchema } from '../../contract/service-json-schema';

const servicesDir = join(import.meta.dirname, '../../resources/services');
const checkedIn = JSON.parse(readFileSync(join(servicesDir, 'service.schema.json'), 'utf8')) as Record<string, unknown>;
const serviceIds = readdirSync(servicesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const readService = (id: string) =>
  JSON.parse(readFileSync(join(servicesDir, id, 'service.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(checkedIn);

describe('resources/services/service.schema.json (the JSON Schema of service.json)', () => {
  it('is what contract/service.ts generates today (else: npm run schema:services)', () => {
    expect(checkedIn, 'out of date: run `npm run schema:services` and commit the file').toEqual(serviceJsonSchema());
  });

  it.each(serviceIds)('%s/service.json names it as its $schema and passes it', (id) => {
    const text = readFileSync(join(servicesDir, id, 'service.json'), 'utf8');
    expect(text.startsWith('{\n  "$schema": "../service.schema.json",')).toBe(true);
    const ok = validate(readService(id));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('refuses what the contract refuses, with the JSON path', () => {
    const broken = { ...readService(serviceIds[0]!), category: 'zoo' };
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toContain('/category');
    expect(ServiceDefinitionSchema.safeParse(broken).success).toBe(false);
    const unknownKey = { ...readService(serviceIds[0]!), colour: 'red' };
    expect(validate(unknownKey)).toBe(false);
    expect(ServiceDefinitionSchema.safeParse(unknownKey).success).toBe(false);
  });

  it('a condition is checked recursively through its named definition', () => {
    const service = readService(serviceIds[0]!);
    const fees = [{ labelKey: 'x', amountCents: 1, currency: 'EUR', when: { not: { all: [{ field: 'a' }] } } }];
    expect(validate({ ...service, fees })).toBe(false);
    fees[0]!.when = { not: { all: [{ field: 'a', equals: 'b' }] } } as never;
    expect(validate({ ...service, fees })).toBe(true);
  });

  it('the contract accepts "$schema" and gives it no meaning', () => {
    const service = readService(serviceIds[0]!);
    const { $schema: _ignored, ...without } = service;
    const withKey = ServiceDefinitionSchema.parse(service);
    const withoutKey = ServiceDefinitionSchema.parse(without);
    expect(withKey.$schema).toBe('../service.schema.json');
    expect({ ...withKey, $schema: undefined }).toEqual({ ...withoutKey, $schema: undefined });
  });
});
