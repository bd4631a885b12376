import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import ICU from 'i18next-icu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import de from '../../console/locales/de.json';
import en from '../../console/locales/en.json';
import { answerText } from '../../console/lib/answer-text';
import { fieldLabel, fieldOf, serviceTitle, setServiceCatalog, stepFields, stepTitle } from '../../console/lib/catalog';
import { fieldErrorText } from '../../console/lib/field-errors';
import { initialValue, inputValues, type FieldValue } from '../../console/lib/field-values';
import { lookupTextKey } from '../../core/catalog/json-pointer';
import { createMemoryLogger } from '../../core/logging';
import { buildConsoleCatalog } from '../../hub/console-catalog';
import { Desk, DeskError } from '../../hub/desk';
import { FakeClock, removeDir, tempDir } from '../fixtures/core-harness';

// The real shipped services, built by the hub's own catalog builder: what GET /catalog sends.
const RESOURCES = join(process.cwd(), 'resources');
const SERVICE = 'meldebescheinigung';
const serviceText = (language: string, key: string) =>
  lookupTextKey(
    JSON.parse(readFileSync(join(RESOURCES, 'services', SERVICE, 'locales', `${language}.json`), 'utf8')),
    key,
  );

let language = 'de';
let t: TFunction;
let catalog: ReturnType<typeof buildConsoleCatalog>;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.use(ICU).init({
    resources: { de: { common: de }, en: { common: en } },
    lng: 'de',
    defaultNS: 'common',
    interpolation: { escapeValue: false },
  });
  t = instance.t;
  catalog = buildConsoleCatalog(RESOURCES, createMemoryLogger());
});
afterAll(() => setServiceCatalog(null));

describe('console catalog', () => {
  it('shows the ids until the hub’s catalog arrives', () => {
    setServiceCatalog(null, () => language);
    expect(serviceTitle(SERVICE)).toBe(SERVICE);
    expect(stepTitle(SERVICE, 'address')).toBe('address');
    expect(stepFields(SERVICE, 'address')).toBeNull();
    expect(fieldLabel(SERVICE, 'postcode')).toBe('postcode');
  });

  it('then gives titles and labels in the console’s language, switching without a reload', () => {
    setServiceCatalog(catalog, () => language);
    for (const code of ['de', 'en']) {
      language = code;
      expect(serviceTitle(SERVICE)).toBe(serviceText(code, 'title'));
      expect(stepTitle(SERVICE, 'address')).toBe(serviceText(code, 'steps.address.title'));
      expect(fieldLabel(SERVICE, 'postcode')).toBe(serviceText(code, 'fields.postcode.label'));
      expect(stepFields(SERVICE, 'address')!.map((field) => field.name)).toEqual([
        'street',
        'houseNumber',
        'postcode',
        'town',
      ]);
    }
    language = 'de';
    // A service the hub does not ship keeps its id.
    expect(serviceTitle('unbekannt')).toBe('unbekannt');
  });

  it('reads answers as staff do: choices by label, dates as dd.mm.yyyy, yes/no in words', () => {
    setServiceCatalog(catalog, () => language);
    expect(answerText(t, 'erweitert', fieldOf(SERVICE, 'certificateKind'))).toBe(
      serviceText('de', 'options.certificateKind.erweitert'),
    );
    expect(answerText(t, '1985-03-27', fieldOf(SERVICE, 'dateOfBirth'))).toBe('27.03.1985');
    expect(answerText(t, true)).toBe(de.common.yes);
    expect(answerText(t, '')).toBe(de.common.empty);
  });

  it('explains a core’s field errors in plain words', () => {
    expect(fieldErrorText(t, 'required')).toBe(de.field.errors.required);
    expect(fieldErrorText(t, 'date_in_future')).toBe(de.field.errors.date_in_future);
    expect(fieldErrorText(t, 'something_new')).toBe(de.field.errors.invalid);
    // The service's own message for the field comes first, as the kiosk shows it.
    setServiceCatalog(catalog, () => 'de');
    expect(fieldErrorText(t, 'invalid_format', fieldOf(SERVICE, 'postcode'))).toBe(
      serviceText('de', 'fields.postcode.errors.invalid_format'),
    );
    expect(fieldErrorText(t, 'too_short', fieldOf(SERVICE, 'postcode'))).toBe(de.field.errors.too_short);
  });
});

describe('desk form values', () => {
  it('turn stored answers into controls and back into what the desk’s core accepts', async () => {
    setServiceCatalog(catalog, () => 'de');
    const fields = catalog.de.find((s) => s.serviceId === SERVICE)!.steps.flatMap((step) => step.fields);
    const byName = (name: string) => fields.find((field) => field.name === name)!;
    // A draft as the kiosk hands it over: stored values, the date in ISO form.
    const draft: Record<string, string> = {
      certificateKind: 'einfach',
      purpose: 'bank',
      familyName: 'CANARY-Mustermann',
      givenNames: 'Erika',
      dateOfBirth: '1985-03-27',
      street: 'Hauptstraße',
      houseNumber: '1',
      postcode: '21682',
      town: 'Stade',
      deliveryMethod: 'abholung',
    };
    const values: Record<string, FieldValue> = Object.fromEntries(
      fields.map((field) => [field.name, initialValue(field, draft[field.name])]),
    );
    expect(values.dateOfBirth).toEqual({ day: '27', month: '03', year: '1985' });
    expect(initialValue(byName('email'), undefined)).toBe('');
    const inputs = inputValues(fields, values);
    // Nothing entered: left out, not sent as "".
    expect(inputs).not.toHaveProperty('email');
    expect(inputs.dateOfBirth).toEqual({ day: '27', month: '03', year: '1985' });

    const dir = tempDir('console-desk-');
    const desk = new Desk(
      dir,
      { resourcesDir: RESOURCES },
      new FakeClock(Date.parse('2026-06-15T10:00:00Z')),
      createMemoryLogger(),
    );
    try {
      expect(await desk.submit(SERVICE, 'de', inputs)).toMatch(/\S/);
      // A date staff left half done comes back as a field error the console can show at that field.
      const half = inputValues(fields, { ...values, dateOfBirth: { day: '27', month: '', year: '1985' } });
      const refused = await desk.submit(SERVICE, 'de', half).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(DeskError);
      expect((refused as DeskError).fieldErrors).toEqual([{ field: 'dateOfBirth', code: 'date_incomplete' }]);
    } finally {
      desk.close();
      removeDir(dir);
    }
  });
});
