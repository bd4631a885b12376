import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceDefinitionSchema } from '../../contract';
import { ConsoleCatalogSchema, type ConsoleCatalog } from '../../contract/hub';
import { lookupTextKey } from '../../core/catalog/json-pointer';
import { login, startTestHub, STAFF, http, type TestHub } from '../fixtures/hub-harness';

// The shipped services: the console must show what the kiosk shows.
const RESOURCES = join(process.cwd(), 'resources');
const SERVICE = 'meldebescheinigung';
// Parsed as the core does, so defaults (a step's kind, an outcome's empty fields) are filled in.
const definition = ServiceDefinitionSchema.parse(
  JSON.parse(readFileSync(join(RESOURCES, 'services', SERVICE, 'service.json'), 'utf8')),
);
const locale = (language: string) =>
  JSON.parse(readFileSync(join(RESOURCES, 'services', SERVICE, 'locales', `${language}.json`), 'utf8')) as unknown;

let t: TestHub;
let catalog: ConsoleCatalog;

beforeAll(async () => {
  t = await startTestHub({ desk: { resourcesDir: RESOURCES } });
  const staff = await login(t.hub, STAFF);
  const reply = await staff.get('/catalog');
  expect(reply.status).toBe(200);
  catalog = ConsoleCatalogSchema.parse(reply.body);
});
afterAll(() => t.close());

describe('GET /catalog', () => {
  it('is refused without a staff session', async () => {
    const reply = await http(`${t.hub.url}/api/console/catalog`, {});
    expect(reply.status).toBe(401);
  });

  it.each(['de', 'en'] as const)('gives titles, labels, types and choice labels in %s', (language) => {
    const texts = locale(language);
    const text = (key: string) => lookupTextKey(texts, key);
    const service = catalog[language].find((entry) => entry.serviceId === SERVICE)!;
    expect(service.title).toBe(text(definition.titleKey));
    expect(service.steps.map((step) => step.stepId)).toEqual(definition.journey.steps.map((step) => step.id));
    for (const step of definition.journey.steps) {
      const shown = service.steps.find((entry) => entry.stepId === step.id)!;
      expect(shown.title).toBe(text(step.titleKey));
      expect(shown.fields.map((field) => field.name)).toEqual(step.fields.map((field) => field.name));
      for (const field of step.fields) {
        const entry = shown.fields.find((candidate) => candidate.name === field.name)!;
        expect(entry.label).toBe(text(field.labelKey ?? step.titleKey));
        expect(entry.type).toBe(field.type);
        expect(entry.required).toBe(field.optional !== true);
        const messages = text(`fields.${field.name}.errors`);
        expect(entry.errors).toEqual(messages ?? undefined);
        expect(entry.options).toEqual(
          field.options?.map((option) => ({ value: option.value, label: text(option.labelKey) })),
        );
      }
    }
  });

  it('has every shipped service, with German and English differing where the files do', () => {
    // Every shipped service folder: the desk can continue any of them, a prepared visit too.
    const shipped = readdirSync(join(RESOURCES, 'services'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(catalog.de.map((entry) => entry.serviceId).sort()).toEqual(shipped);
    const address = (language: 'de' | 'en') =>
      catalog[language].find((entry) => entry.serviceId === SERVICE)!.steps.find((step) => step.stepId === 'address')!;
    expect(address('de').fields.find((field) => field.name === 'postcode')!.label).not.toBe('fields.postcode.label');
    expect(address('de').title).not.toBe(address('en').title);
  });
});
