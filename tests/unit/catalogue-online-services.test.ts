import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LANGUAGE_CODES,
  ServiceDefinitionSchema,
  answersOfVisibleSteps,
  applicableParts,
  reachedOutcome,
  selectParts,
  visibleSteps,
} from '../../contract';
import type { Answers, FieldErrorCode, ServiceDefinition } from '../../contract';
import { createServiceAjv } from '../../core/validation/ajv';
import { toFieldErrors } from '../../core/validation/field-errors';

/**
 * The Fundbüro, library, business and "Anliegen" services of issue 15, checked the way the core
 * checks answers (its Ajv setup against a fixed today): realistic answers pass and are exactly what
 * the journey asks; broken ones fail on the field we broke, with a message in every language; and
 * the rules each service promises (police for a theft, fee by age, the office a topic goes to) hold.
 */

const TODAY = '2026-12-07';
const servicesDir = join(import.meta.dirname, '../../resources/services');

type Tree = { [key: string]: string | Tree };

function load(id: string) {
  const dir = join(servicesDir, id);
  const readJson = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const service: ServiceDefinition = ServiceDefinitionSchema.parse(readJson('service.json'));
  const validate = createServiceAjv(() => TODAY).compile(readJson(service.schema) as object);
  const locales = Object.fromEntries(
    LANGUAGE_CODES.map((lang) => [lang, readJson(`locales/${lang}.json`) as Tree]),
  ) as Record<string, Tree>;
  const text = (lang: string, key: string): string | undefined => {
    let node: string | Tree | undefined = locales[lang];
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    return typeof node === 'string' ? node : undefined;
  };
  return { service, validate, text };
}

const without = (answers: Answers, ...names: string[]): Answers =>
  Object.fromEntries(Object.entries(answers).filter(([name]) => !names.includes(name)));

interface Invalid {
  name: string;
  answers: Answers;
  field: string;
  code: FieldErrorCode;
}
const bad = (name: string, answers: Answers, field: string, code: FieldErrorCode): Invalid => ({
  name,
  answers,
  field,
  code,
});

const foundAnonymously: Answers = {
  itemKind: 'geldboerse',
  itemDescription: 'Schwarzes Portemonnaie aus Leder, ohne Bargeld',
  foundPlace: 'Bushaltestelle am Pferdemarkt',
  foundDate: '2026-12-05',
  custody: 'abgegeben',
  rewardWish: 'nein',
  wantsContact: 'nein',
};
const foundWithContact: Answers = {
  ...foundAnonymously,
  custody: 'aufbewahren',
  rewardWish: 'ja',
  wantsContact: 'ja',
  contactName: 'Jonas Becker',
  phone: '0170 1234567',
};
const lost: Answers = {
  lossKind: 'verloren',
  itemKind: 'schluessel',
  itemDescription: 'Schlüsselbund mit 3 Schlüsseln und blauem Anhänger',
  lostPlace: 'Altstadt, zwischen Fischmarkt und Hansehafen',
  lostDate: '2026-12-06',
  contactName: 'Olena Kovalenko',
  phone: '04141 987654',
};
const adultCard: Answers = {
  ageGroup: 'erwachsen',
  familyName: 'Nowak',
  givenNames: 'Klara',
  dateOfBirth: '1990-04-12',
  street: 'Lindenallee',
  houseNumber: '8',
  postcode: '21680',
  town: 'Stade',
};
const childCard: Answers = {
  ...adultCard,
  ageGroup: 'kind',
  givenNames: 'Mia',
  dateOfBirth: '2016-09-01',
  parentName: 'Klara Nowak',
  parentConsent: true,
};
const questionNoReply: Answers = {
  topic: 'kultur',
  requestKind: 'anregung',
  message: 'Bitte öffnen Sie das Museum auch am Montag.',
  replyChannel: 'keine',
};
const questionByLetter: Answers = {
  ...questionNoReply,
  topic: 'strassen-verkehr',
  requestKind: 'frage',
  replyChannel: 'brief',
  contactName: 'Ahmet Yılmaz',
  street: 'Harsefelder Straße',
  houseNumber: '12',
  postcode: '21680',
  town: 'Stade',
};
const business: Answers = {
  establishment: 'hauptniederlassung',
  familyName: 'Meyer',
  givenNames: 'Petra',
  dateOfBirth: '1975-01-20',
  street: 'Hökerstraße',
  houseNumber: '14',
  postcode: '21682',
  town: 'Stade',
  activity: 'Verkauf von Blumen und Pflanzen',
  startDate: '2027-03-01',
  businessStreet: 'Große Schmiedestraße',
  businessHouseNumber: '3',
  businessPostcode: '21682',
  businessTown: 'Stade',
};

const cases: Record<string, { valid: Record<string, Answers>; invalid: Invalid[] }> = {
  'fundsache-melden': {
    valid: { 'handed in, anonymously': foundAnonymously, 'kept, with reward and contact': foundWithContact },
    invalid: [
      bad('contact wanted, no phone', without(foundWithContact, 'phone'), 'phone', 'required'),
      bad('contact wanted, no name', without(foundWithContact, 'contactName'), 'contactName', 'required'),
      bad('found tomorrow', { ...foundAnonymously, foundDate: '2026-12-08' }, 'foundDate', 'date_in_future'),
      bad('unknown kind of item', { ...foundAnonymously, itemKind: 'auto' }, 'itemKind', 'invalid_option'),
      bad(
        'overlong description',
        { ...foundAnonymously, itemDescription: 'x'.repeat(501) },
        'itemDescription',
        'too_long',
      ),
    ],
  },
  'verlust-melden': {
    valid: { 'lost keys': lost, 'with e-mail': { ...lost, email: 'olena@example.org' } },
    invalid: [
      bad('no phone to call back', without(lost, 'phone'), 'phone', 'required'),
      bad('phone in words', { ...lost, phone: 'abends' }, 'phone', 'invalid_format'),
      bad('no place at all', without(lost, 'lostPlace'), 'lostPlace', 'required'),
      bad('lost next week', { ...lost, lostDate: '2026-12-14' }, 'lostDate', 'date_in_future'),
    ],
  },
  bibliotheksausweis: {
    valid: { adult: adultCard, 'child with consent': childCard, teenager: { ...adultCard, ageGroup: 'jugend' } },
    invalid: [
      bad('child without consent', without(childCard, 'parentConsent'), 'parentConsent', 'required'),
      bad('consent box left empty', { ...childCard, parentConsent: false }, 'parentConsent', 'required'),
      bad('child without parent', without(childCard, 'parentName'), 'parentName', 'required'),
      bad('unknown age group', { ...adultCard, ageGroup: 'senior' }, 'ageGroup', 'invalid_option'),
    ],
  },
  anliegen: {
    valid: { 'no reply wanted': questionNoReply, 'reply by letter': questionByLetter },
    invalid: [
      bad('letter without address', without(questionByLetter, 'street'), 'street', 'required'),
      bad(
        'reply by e-mail, no address',
        { ...without(questionByLetter, 'street', 'houseNumber', 'postcode', 'town'), replyChannel: 'email' },
        'email',
        'required',
      ),
      bad('reply wanted, no name', without(questionByLetter, 'contactName'), 'contactName', 'required'),
      bad('overlong message', { ...questionNoReply, message: 'x'.repeat(2001) }, 'message', 'too_long'),
      bad('unknown topic', { ...questionNoReply, topic: 'sport' }, 'topic', 'invalid_option'),
    ],
  },
  'gewerbe-anmelden': {
    valid: {
      'main establishment': business,
      'branch, with e-mail': {
        ...business,
        establishment: 'zweigniederlassung',
        businessName: 'Blumen Meyer',
        email: 'petra@example.de',
      },
    },
    invalid: [
      bad('no activity', without(business, 'activity'), 'activity', 'required'),
      bad(
        'premises postcode of 4 digits',
        { ...business, businessPostcode: '2168' },
        'businessPostcode',
        'invalid_format',
      ),
      bad(
        'premises house number in words',
        { ...business, businessHouseNumber: 'drei' },
        'businessHouseNumber',
        'invalid_format',
      ),
      bad('no start date', without(business, 'startDate'), 'startDate', 'required'),
    ],
  },
};

describe.each(Object.keys(cases))('answers for %s', (id) => {
  const { service, validate, text } = load(id);
  const { valid, invalid } = cases[id]!;

  it.each(Object.entries(valid))('accepts %s, exactly what the journey asks', (_name, answers) => {
    expect(validate(answers), JSON.stringify(validate.errors)).toBe(true);
    expect(answersOfVisibleSteps(service, answers)).toEqual(answers);
    expect(reachedOutcome(service, answers)).toBeUndefined();
    for (const field of visibleSteps(service, answers).flatMap((step) => step.fields)) {
      if (!field.optional) expect(answers, field.name).toHaveProperty(field.name);
    }
  });

  it.each(invalid.map((example) => [example.name, example] as const))('rejects %s', (_name, example) => {
    expect(validate(example.answers)).toBe(false);
    expect(toFieldErrors(validate.errors)).toContainEqual(
      expect.objectContaining({ field: example.field, code: example.code }),
    );
    // The resident sees the field the schema complains about, with a message in every language.
    const shown = visibleSteps(service, example.answers).flatMap((step) => step.fields.map((field) => field.name));
    expect(shown).toContain(example.field);
    for (const lang of LANGUAGE_CODES) {
      expect(text(lang, `fields.${example.field}.errors.${example.code}`), lang).toEqual(expect.any(String));
    }
  });
});

describe('what the services promise', () => {
  it('sends a theft to the police: the loss report ends at an outcome with the police as office', () => {
    const { service, text } = load('verlust-melden');
    const outcome = reachedOutcome(service, { lossKind: 'gestohlen' });
    expect(outcome?.id).toBe('stolen');
    expect(visibleSteps(service, { lossKind: 'gestohlen' }).at(-1)!.id).toBe('stolen');
    expect(outcome!.officeId).toBe('polizei');
    expect(text('de', outcome!.bodyKeys![0]!)).toMatch(/Polizei/);
    expect(reachedOutcome(service, { lossKind: 'verloren' })).toBeUndefined();
  });

  it('charges the library card by age group and asks for a parent only for children under 16', () => {
    const { service } = load('bibliotheksausweis');
    const parts = (answers: Answers) => selectParts(service, applicableParts(service, answers));
    expect(parts(adultCard).fees.map((fee) => fee.amountCents)).toEqual([1500]);
    expect(parts(childCard).fees.map((fee) => fee.amountCents)).toEqual([0]);
    expect(parts({ ...adultCard, ageGroup: 'jugend' }).fees.map((fee) => fee.amountCents)).toEqual([0]);
    expect(parts(childCard).documentKeys).toEqual(['documents.idDocument', 'documents.parentId']);
    expect(parts(adultCard).documentKeys).toEqual(['documents.idDocument']);
    const asked = (answers: Answers) => visibleSteps(service, answers).map((step) => step.id);
    expect(asked(childCard)).toContain('parent');
    expect(asked({ ...adultCard, ageGroup: 'jugend' })).not.toContain('parent');
  });

  it('names the office an Anliegen goes to on the check page (the topic) and the confirmation (next steps)', () => {
    const { service, text } = load('anliegen');
    const topic = service.journey.steps.find((step) => step.id === 'topic')!.fields[0]!;
    for (const option of topic.options!) {
      const nextSteps = selectParts(
        service,
        applicableParts(service, { ...questionNoReply, topic: option.value }),
      ).nextStepKeys.filter((key) => /^nextSteps\.route/.test(key));
      expect(nextSteps, option.value).toHaveLength(1);
      for (const lang of LANGUAGE_CODES) {
        // The office in brackets in the option label is the one the confirmation names.
        const office = /\(([^)]+)\)\s*$/.exec(text(lang, option.labelKey) ?? '')?.[1];
        expect(office, `${lang} ${option.value}`).toBeDefined();
        expect(text(lang, nextSteps[0]!), `${lang} ${option.value}`).toContain(office);
      }
    }
  });

  it('registers a business only where the premises are: outside Stade it ends at an outcome, with the fee otherwise', () => {
    const { service } = load('gewerbe-anmelden');
    expect(reachedOutcome(service, { ...business, businessPostcode: '21614' })?.id).toBe('not-stade');
    expect(reachedOutcome(service, { ...business, postcode: '21614' })).toBeUndefined();
    expect(selectParts(service, applicableParts(service, business)).fees.map((fee) => fee.amountCents)).toEqual([2600]);
    expect(service.leikaKey).toBe('99050012104000');
    const leika = service.sources!.filter((source) => source.about.startsWith('leikaKey'));
    expect(leika.map((source) => source.reference).join(' ')).toMatch(/99050035001000/);
  });

  it('lets a finder report without a name, and tells a finder who keeps the item to bring it', () => {
    const { service } = load('fundsache-melden');
    const anonymous = selectParts(service, applicableParts(service, foundAnonymously));
    expect(visibleSteps(service, foundAnonymously).map((step) => step.id)).not.toContain('contact');
    expect(anonymous.nextStepKeys).toContain('nextSteps.contactNo');
    expect(anonymous.documentKeys).toEqual([]);
    const kept = selectParts(service, applicableParts(service, foundWithContact));
    expect(kept.nextStepKeys).toEqual(
      expect.arrayContaining(['nextSteps.bringItem', 'nextSteps.reward', 'nextSteps.contactYes']),
    );
    expect(kept.documentKeys).toEqual(['documents.item']);
  });
});
