import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cleanText,
  isFieldType,
  plainText,
  registerFieldType,
  type FieldTypeDefinition,
  type ServiceDefinition,
  type SessionView,
} from '../../contract';
import { loadCatalog } from '../../core/catalog/load-catalog';
import { createMemoryLogger } from '../../core/logging';
import { renderApplicationForm } from '../../core/portal/application-pdf';
import { draftFromAnswer, inputFromDraft } from '../../renderer/fields/draft';
import { createI18n } from '../../renderer/i18n/setup';
import { checkRows } from '../../renderer/journey/check-rows';
import { checkScript, questionScript } from '../../renderer/speech/scripts';
import { FIXTURE_RESOURCES, openTestCore, PROJECT_RESOURCES, removeDir, tempDir } from '../fixtures/core-harness';

/**
 * Issue 15, "one registry of field types": a field type added through the registry alone (here a German
 * number plate, a fixture that exists only in this test) is accepted at start-up, cleaned and validated by
 * the core, and written on the check page and in speech, with no other code knowing its name.
 */

/** "std ab 123" → "STD AB 123"; said letter by letter; an input that reuses the one-line component. */
const plate: FieldTypeDefinition = {
  name: 'plate',
  input: 'text',
  component: 'line',
  schemaTypes: ['string'],
  clean: (input, field, property) =>
    cleanText(input, field, property, {
      convert: (text) => ({ kind: 'value', value: text.toUpperCase().replace(/\s+/g, ' ') }),
    }),
  text: (value, words) => (typeof value === 'string' ? words.digits(value) : plainText(value, words)),
  typed: true,
  ltr: true,
  html: { type: 'text', spellCheck: false },
  example: 'STD AB 123',
};

const TOWN_FIXTURE = join(import.meta.dirname, '../fixtures/services-dir/bank-patenschaft');
const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach(removeDir));

const PLATE_PROPERTY = { type: 'string', pattern: '^[A-ZÄÖÜ]{1,3} [A-Z]{1,2} [1-9][0-9]{0,3}$' };

/** A services dir with one service that asks for a plate, whose JSON Schema property is `property`. */
function servicesDirWithPlate(property: object = PLATE_PROPERTY): string {
  const dir = tempDir('kiosk-field-type-');
  dirs.push(dir);
  const serviceDir = join(dir, 'bank-patenschaft');
  cpSync(TOWN_FIXTURE, serviceDir, { recursive: true });
  const service = JSON.parse(readFileSync(join(serviceDir, 'service.json'), 'utf8')) as ServiceDefinition;
  service.journey.steps.push({
    id: 'vehicle',
    titleKey: 'steps.vehicle.title',
    fields: [{ name: 'plate', type: 'plate', optional: false, personal: true, autocomplete: 'off' }],
  } as ServiceDefinition['journey']['steps'][number]);
  writeFileSync(join(serviceDir, 'service.json'), JSON.stringify(service));
  const schema = JSON.parse(readFileSync(join(serviceDir, 'schema.json'), 'utf8'));
  schema.properties.plate = property;
  schema.required.push('plate');
  writeFileSync(join(serviceDir, 'schema.json'), JSON.stringify(schema));
  for (const file of readdirSync(join(serviceDir, 'locales'))) {
    const texts = JSON.parse(readFileSync(join(serviceDir, 'locales', file), 'utf8'));
    texts.steps.vehicle = { title: 'Kennzeichen' };
    writeFileSync(join(serviceDir, 'locales', file), JSON.stringify(texts));
  }
  return dir;
}

function load(dir: string) {
  return loadCatalog(FIXTURE_RESOURCES, () => '2025-06-15', createMemoryLogger(), undefined, dir);
}

/** Each test that needs the type registers it once, so a test run on its own (`-t`) passes too. */
function withPlate(): void {
  if (!isFieldType('plate')) registerFieldType(plate);
}

const PLATE_TYPE_PATH = '/journey/steps/2/fields/0/type';

describe('a field type added through the registry only', () => {
  it('is refused at start-up while no one registered it (the registry, not a list, decides)', () => {
    const dir = servicesDirWithPlate();
    const catalog = load(dir);
    expect(catalog.problems).toEqual([
      { file: `${dir}/bank-patenschaft/service.json`, path: PLATE_TYPE_PATH, message: expect.any(String) },
    ]);
    expect(catalog.byId.has('bank-patenschaft')).toBe(false);
  });

  it('once registered, is accepted, and its schema types are checked against the service schema', () => {
    withPlate();
    expect(() => registerFieldType(plate)).toThrow(/already registered/);
    const good = load(servicesDirWithPlate());
    expect(good.problems).toEqual([]);
    expect(good.byId.has('bank-patenschaft')).toBe(true);
    const wrong = servicesDirWithPlate({ type: 'integer' });
    expect(load(wrong).problems).toEqual([
      {
        file: `${wrong}/bank-patenschaft/service.json`,
        path: PLATE_TYPE_PATH,
        message: 'field type "plate" needs schema type string',
      },
    ]);
  });

  it('the core cleans and validates its answers, and the check page and speech write them', async () => {
    withPlate();
    const kiosk = openTestCore({ servicesDir: servicesDirWithPlate() });
    try {
      let view: SessionView = await kiosk.value('session.start', { serviceId: 'bank-patenschaft', language: 'de' });
      const sessionId = view.sessionId;
      view = await kiosk.value('session.answer', { sessionId, stepId: 'place', values: { place: 'hafen' } });
      view = await kiosk.value('session.answer', { sessionId, stepId: 'name', values: { fullName: 'Anna Meyer' } });
      expect(view.position).toMatchObject({ kind: 'step', stepId: 'vehicle' });

      // Cleaning: the type's own (upper case, one space) after the shared checks (hidden characters).
      const refused = async (plateInput: unknown) =>
        kiosk.call('session.answer', { sessionId, stepId: 'vehicle', values: { plate: plateInput } });
      expect(await refused('STD\u202EAB 1')).toEqual({
        ok: false,
        error: { code: 'validation', fieldErrors: [{ field: 'plate', code: 'invalid_characters' }] },
      });
      expect(await refused(['STD AB 1'])).toEqual({
        ok: false,
        error: { code: 'validation', fieldErrors: [{ field: 'plate', code: 'invalid' }] },
      });
      // Validation: the schema sees the cleaned value.
      expect(await refused('std 123')).toEqual({
        ok: false,
        error: { code: 'validation', fieldErrors: [{ field: 'plate', code: 'invalid_format' }] },
      });
      expect(await refused('   ')).toEqual({
        ok: false,
        error: { code: 'validation', fieldErrors: [{ field: 'plate', code: 'required' }] },
      });
      view = await kiosk.value('session.answer', { sessionId, stepId: 'vehicle', values: { plate: ' std  ab 123 ' } });
      expect(view.position).toMatchObject({ kind: 'check' });
      expect(view.answers.plate).toBe('STD AB 123');

      // As the renderer opens a service: its definition comes with catalog.service (catalog.get has summaries).
      const { definition: service } = await kiosk.value('catalog.service', {
        serviceId: 'bank-patenschaft',
        language: 'de',
      });
      const field = service.journey.steps.find((step) => step.id === 'vehicle')!.fields[0]!;
      const i18n = createI18n();
      const texts = JSON.parse(readFileSync(join(TOWN_FIXTURE, 'locales/de.json'), 'utf8'));
      i18n.addResourceBundle('de', 'svc-bank-patenschaft', {
        ...texts,
        steps: { ...texts.steps, vehicle: { title: 'Kennzeichen' } },
      });
      const t = i18n.getFixedT('de');

      // Check page: the type's text, left to right in every language as the type says.
      const row = checkRows(t, service, view.visibleStepIds, view.answers).find(
        (candidate) => candidate.key === 'plate',
      );
      expect(row).toMatchObject({ label: 'Kennzeichen', value: 'STD AB 123', ltr: true });

      // Speech: the type's spoken form (letter by letter), on the check page and on its own question.
      const check = checkScript(t, { service, view, apiError: null, speakAnswers: true });
      expect(check).toContainEqual({ text: 'Kennzeichen: S T D, A B, 1 2 3', personal: true });
      const vehicle = service.journey.steps.find((step) => step.id === 'vehicle')!;
      const question = questionScript(t, {
        service,
        step: vehicle,
        stepNumber: 3,
        stepCount: 3,
        answers: view.answers,
        errors: [],
        apiError: null,
        speakAnswers: true,
      });
      expect(question).toContainEqual({ text: 'Ihre Angabe: S T D, A B, 1 2 3', personal: true });

      // The renderer's draft holds it as the text input it is.
      expect(draftFromAnswer(field, view.answers.plate as string)).toBe('STD AB 123');
      expect(inputFromDraft(field, 'std ab 1')).toBe('std ab 1');
    } finally {
      kiosk.close();
      removeDir(kiosk.dataDir);
    }
  });

  it('the application PDF for the office writes it with the type’s text', async () => {
    withPlate();
    const catalog = load(servicesDirWithPlate());
    const service = catalog.byId.get('bank-patenschaft')!;
    const formTexts = JSON.parse(readFileSync(join(PROJECT_RESOURCES, 'application-form/locales/de.json'), 'utf8'));
    const pdf = await renderApplicationForm(
      {
        service,
        serviceTexts: catalog.translations.de!['svc-bank-patenschaft'] as Record<string, string>,
        reference: 'K7MR-4QXP-9',
        submittedAt: Date.UTC(2025, 5, 15, 8, 42),
        language: 'de',
        answers: { place: 'hafen', fullName: 'Anna Meyer', plate: 'STD AB 123' },
        timeZone: 'Europe/Berlin',
      },
      formTexts,
    );
    const file = join(tempDir('kiosk-plate-pdf-'), 'form.pdf');
    dirs.push(join(file, '..'));
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Kennzeichen');
    expect(text).toContain('STD AB 123');
    expect(text).toContain('Hafen');
  });
});
