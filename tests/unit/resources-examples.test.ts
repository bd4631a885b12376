import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceDefinitionSchema, answersOfVisibleSteps, visibleSteps } from '../../contract';
import type { Answers, FieldErrorCode, ServiceDefinition } from '../../contract';
import { createServiceAjv } from '../../core/validation/ajv';
import { toFieldErrors } from '../../core/validation/field-errors';

/**
 * Realistic answers per service, validated the way the core does it (its Ajv
 * setup, with `x-kiosk-date` judged against a fixed today). Complete answers
 * must pass and be exactly what the journey asks for; broken ones must fail on
 * the field we broke, with an error code the locale files have a message for,
 * on a step the resident is shown.
 */

interface Invalid {
  name: string;
  answers: Answers;
  field: string;
  code: FieldErrorCode;
}

const TODAY = '2025-06-02';

const servicesDir = join(import.meta.dirname, '../../resources/services');

function load(id: string) {
  const dir = join(servicesDir, id);
  const readJson = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const service: ServiceDefinition = ServiceDefinitionSchema.parse(readJson('service.json'));
  const validate = createServiceAjv(() => TODAY).compile(readJson(service.schema) as object);
  const locales = ['de', 'en'].map((lang) => readJson(`locales/${lang}.json`) as LocaleTree);
  return { service, validate, locales };
}

type LocaleTree = { fields?: Record<string, { errors?: Record<string, string> }> };

const without = (answers: Answers, ...names: string[]): Answers =>
  Object.fromEntries(Object.entries(answers).filter(([name]) => !names.includes(name)));

const meldebescheinigung: Answers = {
  certificateKind: 'einfach',
  purpose: 'arbeitgeber',
  familyName: 'Meyer-Schulz',
  givenNames: 'Anna Maria',
  dateOfBirth: '1958-03-27',
  street: 'Hökerstraße',
  houseNumber: '14a',
  postcode: '21682',
  town: 'Stade',
  deliveryMethod: 'post',
};

const sperrmuell: Answers = {
  street: 'Harsefelder Straße',
  houseNumber: '12',
  postcode: '21680',
  town: 'Stade',
  items: ['moebel', 'matratzen'],
  itemsDescription: '1 Sofa, 1 Kleiderschrank, 2 Matratzen',
  volume: 3,
  placement: 'strassenrand',
  pickupPeriod: 'naechstmoeglich',
  contactName: 'Hans Peters',
  phone: '04141 123456',
  email: 'hans.peters@example.de',
};

const anonymousReport: Answers = {
  category: 'strassenschaden',
  location: 'Pferdemarkt',
  locationDetails: 'Vor der Bushaltestelle, Richtung Bahnhof',
  description: 'Ein Schlagloch, etwa 40 cm breit und 10 cm tief, mitten auf dem Radweg.',
  wantsFeedback: 'nein',
};
const reportByEmail: Answers = {
  ...without(anonymousReport, 'locationDetails'),
  category: 'beleuchtung',
  wantsFeedback: 'ja',
  contactName: 'Emine Yılmaz',
  contactChannel: 'email',
  email: 'emine.yilmaz@example.org',
};
const reportByPhone: Answers = {
  ...without(reportByEmail, 'email'),
  contactChannel: 'telefon',
  phone: '+49 170 1234567',
};

const bad = (name: string, answers: Answers, field: string, code: FieldErrorCode): Invalid => ({
  name,
  answers,
  field,
  code,
});

const cases: Record<string, { valid: Record<string, Answers>; invalid: Invalid[] }> = {
  meldebescheinigung: {
    valid: {
      'simple, by post': meldebescheinigung,
      'extended, collected, other purpose, with e-mail': {
        ...meldebescheinigung,
        certificateKind: 'erweitert',
        purpose: 'sonstiges',
        purposeOther: 'Für den Vermieter',
        deliveryMethod: 'abholung',
        email: 'anna.meyer@example.de',
      },
      'born today': { ...meldebescheinigung, dateOfBirth: TODAY },
    },
    invalid: [
      bad('no family name', without(meldebescheinigung, 'familyName'), 'familyName', 'required'),
      bad('overlong given names', { ...meldebescheinigung, givenNames: 'A'.repeat(101) }, 'givenNames', 'too_long'),
      bad('not a real date', { ...meldebescheinigung, dateOfBirth: '1958-02-30' }, 'dateOfBirth', 'date_invalid'),
      bad('born tomorrow', { ...meldebescheinigung, dateOfBirth: '2025-06-03' }, 'dateOfBirth', 'date_in_future'),
      // A postcode outside Stade is a valid answer: it leads to an outcome page, not an error.
      bad('four-digit postcode', { ...meldebescheinigung, postcode: '2168' }, 'postcode', 'invalid_format'),
      bad('house number in words', { ...meldebescheinigung, houseNumber: 'vierzehn' }, 'houseNumber', 'invalid_format'),
      bad('unknown kind', { ...meldebescheinigung, certificateKind: 'gross' }, 'certificateKind', 'invalid_option'),
      bad('broken e-mail', { ...meldebescheinigung, email: 'anna@' }, 'email', 'invalid_email'),
      bad('unknown answer', { ...meldebescheinigung, notes: 'x' }, 'notes', 'invalid'),
    ],
  },
  sperrmuell: {
    valid: {
      'with everything': sperrmuell,
      'without the optional answers': without(
        { ...sperrmuell, items: ['elektro-grossgeraete'], volume: 1, placement: 'hof', pickupPeriod: 'vier-wochen' },
        'itemsDescription',
        'email',
      ),
    },
    invalid: [
      // More than 5 m³ is a valid answer that leads to an outcome page; only absurd amounts are errors.
      bad('more than 99 m³', { ...sperrmuell, volume: 100 }, 'volume', 'too_large'),
      bad('no volume at all', { ...sperrmuell, volume: 0 }, 'volume', 'too_small'),
      bad('half cubic metres', { ...sperrmuell, volume: 2.5 }, 'volume', 'invalid'),
      bad('nothing chosen', { ...sperrmuell, items: [] }, 'items', 'too_small'),
      bad('unknown item', { ...sperrmuell, items: ['auto'] }, 'items', 'invalid_option'),
      bad('same item twice', { ...sperrmuell, items: ['moebel', 'moebel'] }, 'items', 'invalid'),
      bad('phone too short', { ...sperrmuell, phone: '12345' }, 'phone', 'invalid_format'),
      bad('no phone', without(sperrmuell, 'phone'), 'phone', 'required'),
      bad('four-digit postcode', { ...sperrmuell, postcode: '2168' }, 'postcode', 'invalid_format'),
      bad('unknown placement', { ...sperrmuell, placement: 'keller' }, 'placement', 'invalid_option'),
    ],
  },
  'maengel-melden': {
    valid: {
      'anonymous report': anonymousReport,
      'reply by e-mail': reportByEmail,
      'reply by phone': reportByPhone,
    },
    invalid: [
      bad('reply wanted, no name', without(reportByEmail, 'contactName'), 'contactName', 'required'),
      bad('reply wanted, no channel', without(reportByEmail, 'contactChannel'), 'contactChannel', 'required'),
      bad('reply by e-mail, no address', without(reportByEmail, 'email'), 'email', 'required'),
      bad('reply by phone, no number', without(reportByPhone, 'phone'), 'phone', 'required'),
      bad('reply by phone, letters', { ...reportByPhone, phone: 'bitte anrufen' }, 'phone', 'invalid_format'),
      bad('no place', without(anonymousReport, 'location'), 'location', 'required'),
      bad('description too long', { ...anonymousReport, description: 'x'.repeat(1001) }, 'description', 'too_long'),
      bad('unknown category', { ...anonymousReport, category: 'laerm' }, 'category', 'invalid_option'),
    ],
  },
};

describe.each(Object.keys(cases))('answers for %s', (id) => {
  const { service, validate, locales } = load(id);
  const { valid, invalid } = cases[id]!;

  it.each(Object.entries(valid))('accepts %s, exactly what the journey asks', (_name, answers) => {
    expect(validate(answers), JSON.stringify(validate.errors)).toBe(true);
    // Nothing in the example belongs to a hidden step…
    expect(answersOfVisibleSteps(service, answers)).toEqual(answers);
    // …and every visible question the resident must answer is answered.
    for (const field of visibleSteps(service, answers).flatMap((step) => step.fields)) {
      if (!field.optional) expect(answers, field.name).toHaveProperty(field.name);
    }
  });

  it.each(invalid.map((example) => [example.name, example] as const))('rejects %s', (_name, example) => {
    expect(validate(example.answers)).toBe(false);
    expect(toFieldErrors(validate.errors)).toContainEqual(
      expect.objectContaining({ field: example.field, code: example.code }),
    );
    const shown = visibleSteps(service, example.answers).flatMap((step) => step.fields.map((field) => field.name));
    const asked = service.journey.steps.some((step) => step.fields.some((field) => field.name === example.field));
    // A field the schema complains about must be on a page the resident sees, with a message of its own.
    if (asked) {
      expect(shown).toContain(example.field);
      for (const locale of locales)
        expect(locale.fields?.[example.field]?.errors?.[example.code]).toEqual(expect.any(String));
    }
  });
});

it('drops the contact answers of a report once the resident no longer wants a reply', () => {
  const { service, validate } = load('maengel-melden');
  const changedMind = { ...reportByPhone, wantsFeedback: 'nein' };
  const kept = answersOfVisibleSteps(service, changedMind);
  expect(Object.keys(kept).sort()).toEqual(['category', 'description', 'location', 'wantsFeedback']);
  expect(validate(kept)).toBe(true);
});
