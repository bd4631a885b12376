/* eslint-disable @typescript-eslint/no-explicit-any -- the catalog cases edit arbitrary service JSON */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionView } from '../../contract';
import { loadCatalog } from '../../core/catalog/load-catalog';
import { openJson, outboxAad, unwrapKey } from '../../core/crypto/aead';
import { createMemoryLogger } from '../../core/logging';
import {
  openTestCore,
  peekDb,
  PROJECT_RESOURCES,
  readDraftFromDisk,
  removeDir,
  tempDir,
  type TestCore,
} from '../fixtures/core-harness';

// The shipped service wohnsitz-anmelden: its step "persons" repeats (min 1, max 6), on a real SQLite file.
const SERVICE_ID = 'wohnsitz-anmelden';
const BEFORE_GROUP: [string, Record<string, unknown>][] = [
  ['residence', { residenceKind: 'haupt' }],
  ['move-in-date', { moveInDate: { day: '10', month: '6', year: '2025' } }],
  ['new-address', { street: 'Hökerstraße', houseNumber: '14', postcode: '21682', town: 'Stade' }],
  [
    'previous-address',
    { previousStreet: 'Lange Reihe', previousHouseNumber: '3', previousPostcode: '20099', previousTown: 'Hamburg' },
  ],
];
const person = (givenNames: string, familyName: string, year = '1980') => ({
  familyName,
  givenNames,
  birthDate: { day: '12', month: '3', year },
});

let kiosk: TestCore;
let view: SessionView;
const dirs: string[] = [];

beforeEach(async () => {
  // The shipped service is prepared as a visit; sent instead, the sealed data in the outbox shows each person.
  kiosk = openTestCore({ resourcesDir: groupServiceWith('service.json', (json) => (json.completion = 'submit')) });
  view = await kiosk.value('session.start', { serviceId: SERVICE_ID, language: 'de' });
  for (const [stepId, values] of BEFORE_GROUP) {
    view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values: values as never });
  }
});
afterEach(() => {
  kiosk.close();
  removeDir(kiosk.dataDir);
  dirs.splice(0).forEach(removeDir);
});

const sessionId = () => view.sessionId;
async function saveItem(item: number, values: Record<string, unknown>) {
  view = await kiosk.value('session.answer', {
    sessionId: sessionId(),
    stepId: 'persons',
    item,
    values: values as never,
  });
}
async function openItem(item: number) {
  view = await kiosk.value('session.goTo', {
    sessionId: sessionId(),
    target: { kind: 'step', stepId: 'persons', returnToCheck: false, item },
  });
}
const persons = () => view.answers.persons as Record<string, unknown>[];

describe('a repeatable group in the journey', () => {
  it('an empty group that needs a person opens the first person at once; saving returns to the list', async () => {
    expect(view.position).toMatchObject({ kind: 'step', stepId: 'persons', item: 0 });
    await saveItem(0, person('Erika', 'Muster'));
    expect(view.position).toMatchObject({ kind: 'step', stepId: 'persons' });
    expect(view.position.kind === 'step' && view.position.item).toBeUndefined();
    expect(persons()).toEqual([{ familyName: 'Muster', givenNames: 'Erika', birthDate: '1980-03-12' }]);
  });

  it('adds, edits and removes people; the ones after a removed person move up', async () => {
    await saveItem(0, person('Erika', 'Muster'));
    await openItem(1);
    await saveItem(1, person('Max', 'Muster', '2015'));
    await openItem(2);
    await saveItem(2, { ...person('Lena', 'Muster', '2018'), nationality: 'deutsch' });
    expect(persons().map((item) => item.givenNames)).toEqual(['Erika', 'Max', 'Lena']);

    await openItem(1);
    await saveItem(1, person('Maximilian', 'Muster', '2015'));
    expect(persons()[1]).toEqual({ familyName: 'Muster', givenNames: 'Maximilian', birthDate: '2015-03-12' });

    view = await kiosk.value('session.removeItem', { sessionId: sessionId(), stepId: 'persons', item: 0 });
    expect(persons().map((item) => item.givenNames)).toEqual(['Maximilian', 'Lena']);
    expect(persons()[1]).toMatchObject({ nationality: 'deutsch' });
    // Stored, not only returned: the view after a resume says the same.
    expect((await kiosk.value('session.resume', {}))?.answers.persons).toEqual(persons());
  });

  it('checks each person on its own; the error names the person (item) and nothing is stored', async () => {
    await saveItem(0, person('Erika', 'Muster'));
    await openItem(1);
    const before = readDraftFromDisk(kiosk.dataDir);
    const result = await kiosk.call('session.answer', {
      sessionId: sessionId(),
      stepId: 'persons',
      item: 1,
      values: { familyName: 'Muster', givenNames: '', birthDate: { day: '1', month: '1', year: '2030' } },
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'validation',
        fieldErrors: [
          { field: 'givenNames', item: 1, code: 'required' },
          { field: 'birthDate', item: 1, code: 'date_in_future' },
        ],
      },
    });
    expect(readDraftFromDisk(kiosk.dataDir)).toEqual(before);
    // Names are for registers in Latin letters, as in the identity card, inside a group too.
    const cyrillic = await kiosk.call('session.answer', {
      sessionId: sessionId(),
      stepId: 'persons',
      item: 1,
      values: person('Макс', 'Muster'),
    });
    expect(cyrillic).toMatchObject({
      ok: false,
      error: { fieldErrors: [{ field: 'givenNames', item: 1, code: 'not_latin' }] },
    });
  });

  it('keeps to the limit: no seventh person can be opened or saved', async () => {
    for (let item = 0; item < 6; item += 1) {
      if (item > 0) await openItem(item);
      await saveItem(item, person(`Kind${item}`, 'Muster', '2010'));
    }
    expect(persons()).toHaveLength(6);
    const goTo = await kiosk.call('session.goTo', {
      sessionId: sessionId(),
      target: { kind: 'step', stepId: 'persons', returnToCheck: false, item: 6 },
    });
    expect(goTo).toMatchObject({ ok: false, error: { code: 'not_reachable' } });
    const answer = await kiosk.call('session.answer', {
      sessionId: sessionId(),
      stepId: 'persons',
      item: 6,
      values: person('Zu', 'Viele') as never,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_reachable' } });
    expect(persons()).toHaveLength(6);
  });

  it('the list goes on only with at least one person; then the data sent carries each person', async () => {
    await saveItem(0, person('Erika', 'Muster'));
    view = await kiosk.value('session.removeItem', { sessionId: sessionId(), stepId: 'persons', item: 0 });
    expect(view.answers.persons).toBeUndefined();
    const empty = await kiosk.call('session.answer', { sessionId: sessionId(), stepId: 'persons', values: {} });
    expect(empty).toEqual({
      ok: false,
      error: { code: 'validation', fieldErrors: [{ field: 'persons', code: 'too_small', params: { min: 1 } }] },
    });
    await openItem(0);
    await saveItem(0, person('Erika', 'Muster'));
    await openItem(1);
    await saveItem(1, person('Max', 'Muster', '2015'));
    view = await kiosk.value('session.answer', { sessionId: sessionId(), stepId: 'persons', values: {} });
    expect(view.position).toMatchObject({ kind: 'step', stepId: 'email' });
    view = await kiosk.value('session.answer', { sessionId: sessionId(), stepId: 'email', values: {} });
    expect(view.position.kind).toBe('check');

    // "Ändern" on the check page opens one person and comes back to the list, then to the check page.
    view = await kiosk.value('session.goTo', {
      sessionId: sessionId(),
      target: { kind: 'step', stepId: 'persons', returnToCheck: true, item: 1 },
    });
    await saveItem(1, person('Max', 'Mustermann', '2015'));
    expect(view.position).toMatchObject({ kind: 'step', stepId: 'persons', returnToCheck: true });
    view = await kiosk.value('session.answer', { sessionId: sessionId(), stepId: 'persons', values: {} });
    expect(view.position.kind).toBe('check');

    view = await kiosk.value('session.submit', { sessionId: sessionId() });
    expect(view.position.kind).toBe('confirmation');
    // The sealed application in the outbox carries each person as an object of the array.
    const reference = view.position.kind === 'confirmation' ? view.position.reference : '';
    const masterKey = readFileSync(join(kiosk.dataDir, 'master.key'));
    const data = peekDb(kiosk.dataDir, (db) => {
      const key = db.prepare("SELECT id, wrapped_key FROM data_keys WHERE purpose = 'outbox'").get() as {
        id: string;
        wrapped_key: Buffer;
      };
      const entry = db.prepare('SELECT id, payload_ciphertext, payload_nonce FROM outbox').get() as {
        id: string;
        payload_ciphertext: Buffer;
        payload_nonce: Buffer;
      };
      const sealed = { ciphertext: entry.payload_ciphertext, nonce: entry.payload_nonce };
      return openJson(unwrapKey(masterKey, key.wrapped_key, key.id, 'outbox'), sealed, outboxAad(entry.id, reference));
    }) as Record<string, unknown>;
    expect(data.persons).toEqual([
      { familyName: 'Muster', givenNames: 'Erika', birthDate: '1980-03-12' },
      { familyName: 'Mustermann', givenNames: 'Max', birthDate: '2015-03-12' },
    ]);
  });

  it('"Zurück" on a person goes to the list, and on an empty group to the previous step', async () => {
    view = await kiosk.value('session.back', { sessionId: sessionId() });
    expect(view.position).toMatchObject({ kind: 'step', stepId: 'previous-address' });
    view = await kiosk.value('session.answer', {
      sessionId: sessionId(),
      stepId: 'previous-address',
      values: BEFORE_GROUP[3]![1] as never,
    });
    await saveItem(0, person('Erika', 'Muster'));
    await openItem(1);
    view = await kiosk.value('session.back', { sessionId: sessionId() });
    expect(view.position).toMatchObject({ kind: 'step', stepId: 'persons' });
    expect(view.position.kind === 'step' && view.position.item).toBeUndefined();
  });

  it('what is typed for a person is kept for that person only', async () => {
    const saved = await kiosk.value('session.saveDraft', {
      sessionId: sessionId(),
      stepId: 'persons',
      item: 0,
      values: { familyName: 'Mus' },
    });
    expect(saved).toEqual({ saved: true });
    expect((await kiosk.value('session.resume', {}))?.pageDraft).toEqual({
      stepId: 'persons',
      item: 0,
      values: { familyName: 'Mus' },
    });
    const elsewhere = await kiosk.value('session.saveDraft', {
      sessionId: sessionId(),
      stepId: 'persons',
      item: 1,
      values: { familyName: 'X' },
    });
    expect(elsewhere).toEqual({ saved: false });
  });
});

/** The shipped resources with only wohnsitz-anmelden, its service.json (or schema.json) changed by `edit`. */
function groupServiceWith(file: 'service.json' | 'schema.json', edit: (json: any) => void): string {
  const dir = tempDir('kiosk-resources-');
  dirs.push(dir);
  cpSync(PROJECT_RESOURCES, dir, { recursive: true, filter: (source) => !source.includes('/services/') });
  mkdirSync(join(dir, 'services'), { recursive: true });
  cpSync(join(PROJECT_RESOURCES, 'services', SERVICE_ID), join(dir, 'services', SERVICE_ID), { recursive: true });
  const path = join(dir, 'services', SERVICE_ID, file);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, JSON.stringify(json));
  return dir;
}

function problems(dir: string) {
  const catalog = loadCatalog(dir, () => '2025-06-15', createMemoryLogger());
  return { problems: catalog.problems, ids: catalog.services.map((service) => service.definition.id) };
}

const persStep = (json: any) => json.journey.steps.find((step: any) => step.id === 'persons');
const FILE = `services/${SERVICE_ID}/service.json`;
const SCHEMA_FILE = `services/${SERVICE_ID}/schema.json`;

describe('a repeatable group in a service file is refused at start-up when', () => {
  it('it has no limit (max), naming the file and the JSON path', () => {
    const result = problems(groupServiceWith('service.json', (json) => delete persStep(json).repeat.max));
    expect(result.ids).toEqual([]);
    expect(result.problems).toEqual([{ file: FILE, path: '/journey/steps/4/repeat/max', message: expect.any(String) }]);
  });

  it("the schema's array has no maxItems, or another one", () => {
    const without = problems(groupServiceWith('schema.json', (json) => delete json.properties.persons.maxItems));
    expect(without.problems).toEqual([
      { file: SCHEMA_FILE, path: '/properties/persons/maxItems', message: expect.stringContaining('max 6') },
    ]);
    const other = problems(groupServiceWith('service.json', (json) => (persStep(json).repeat.max = 8)));
    expect(other.problems[0]).toMatchObject({ file: SCHEMA_FILE, path: '/properties/persons/maxItems' });
  });

  it("an item field is not a property of the schema's items, or a condition looks at the group", () => {
    const field = problems(groupServiceWith('service.json', (json) => (persStep(json).fields[0].name = 'surname')));
    expect(field.problems[0]).toMatchObject({ file: FILE, path: '/journey/steps/4/fields/0/name' });
    const condition = problems(
      groupServiceWith('service.json', (json) => {
        json.journey.steps[5].when = { field: 'persons', answered: true };
      }),
    );
    expect(condition.problems[0]).toMatchObject({ file: FILE, path: '/journey/steps/5/when/field' });
  });
});
