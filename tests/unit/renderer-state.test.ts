import { describe, expect, it } from 'vitest';
import { ServiceDefinitionSchema, type Field, type SessionView } from '../../contract';
import { stateAfterBoot } from '../../renderer/app/boot';
import { IdleClock, idleFrom, type IdleReading } from '../../renderer/app/idle-clock';
import { initialState, reducer, screenKey } from '../../renderer/app/state';
import { draftFromAnswer, inputFromDraft } from '../../renderer/fields/draft';
import { answerText } from '../../renderer/i18n/answerText';
import { COMMON_LOCALES } from '../../renderer/i18n/load-language';
import { createI18n } from '../../renderer/i18n/setup';

const SESSION = '8f0c3c52-0b7e-4a3c-9d8e-3f1f2b7e9a10';

function view(stepId: string, overrides: Partial<SessionView> = {}): SessionView {
  return {
    sessionId: SESSION,
    serviceId: 'demo',
    language: 'de',
    position: { kind: 'step', stepId, stepNumber: 1, stepCount: 3, returnToCheck: false },
    answers: {},
    visibleStepIds: ['a', 'b', 'c'],
    idle: { remainingMs: 120_000, timeoutMs: 120_000, warningMs: 30_000 },
    ...overrides,
  };
}

/** A service definition as catalog.service delivers it (contract/service.ts), the least one. */
const DEMO = ServiceDefinitionSchema.parse({
  id: 'demo',
  category: 'sonstiges',
  formatVersion: 1,
  icon: 'document',
  order: 1,
  titleKey: 'title',
  summaryKey: 'summary',
  schema: 'schema.json',
  fees: [],
  documentsToBring: [],
  officeId: 'buergerbuero',
  nextStepsKeys: ['next'],
  journey: { steps: [{ id: 'a', titleKey: 'a', fields: [{ name: 'name', type: 'text' }] }] },
});

const info = {
  version: '1',
  mode: 'browser' as const,
  defaultLanguage: 'de' as const,
  languages: ['de' as const, 'en' as const],
  idle: { timeoutMs: 120_000, warningMs: 30_000 },
  terminalName: 'Test',
};

describe('renderer app state', () => {
  it('keeps field errors on the same page and drops them on a new page', () => {
    let state = reducer(initialState, { type: 'view', view: view('a'), at: 1 });
    state = reducer(state, { type: 'fieldErrors', errors: [{ field: 'name', code: 'required' }] });
    expect(state.errorSerial).toBe(1);
    state = reducer(state, { type: 'view', view: view('a', { language: 'en' }), at: 2 });
    expect(state.fieldErrors).toHaveLength(1);
    state = reducer(state, { type: 'view', view: view('b'), at: 3 });
    expect(state.fieldErrors).toHaveLength(0);
  });

  it('keeps a keep-alive out of the state: the idle clock moves, the page does not render (issue 19)', () => {
    const state = reducer(initialState, { type: 'view', view: view('b'), at: 1 });
    const clock = new IdleClock();
    const heard: (IdleReading | null)[] = [];
    const stop = clock.subscribe(() => heard.push(clock.get()));
    // Before any reading, the countdown runs from the view's own idle state.
    expect(idleFrom(state.view, state.viewAt, clock.get())).toEqual({ idle: state.view!.idle, at: 1 });
    const idle = { remainingMs: 90_000, timeoutMs: 120_000, warningMs: 30_000 };
    clock.set({ sessionId: SESSION, idle, at: 5 });
    expect(heard).toEqual([{ sessionId: SESSION, idle, at: 5 }]);
    expect(idleFrom(state.view, state.viewAt, clock.get())).toEqual({ idle, at: 5 });
    // Another session's reading (a late answer after a reset) counts for nothing.
    clock.set({ sessionId: 'another', idle: { ...idle, remainingMs: 1 }, at: 6 });
    expect(idleFrom(state.view, state.viewAt, clock.get())).toEqual({ idle: state.view!.idle, at: 1 });
    // A newer view brings its own idle state, which wins over an older reading.
    clock.set({ sessionId: SESSION, idle, at: 7 });
    const next = reducer(state, { type: 'view', view: view('c'), at: 8 });
    expect(idleFrom(next.view, next.viewAt, clock.get())).toEqual({ idle: next.view!.idle, at: 8 });
    expect(screenKey(next.view)).toBe(`${SESSION}:step:c`);
    expect(idleFrom(null, 0, clock.get())).toBeNull();
    stop();
    clock.set({ sessionId: SESSION, idle, at: 9 });
    expect(heard).toHaveLength(3);
  });

  it("takes the hub's name and location for the footer, and keeps them across residents", () => {
    const before = reducer(initialState, { type: 'terminal', name: 'Rathaus Foyer', location: 'Erdgeschoss' });
    expect(before).toBe(initialState);
    let state = reducer(initialState, {
      type: 'booted',
      info,
      catalog: { services: [], offices: { sampleData: true, offices: [] }, translations: {} },
    });
    state = reducer(state, { type: 'terminal', name: 'Rathaus Foyer', location: 'Erdgeschoss' });
    expect(state.info).toMatchObject({ terminalName: 'Rathaus Foyer', terminalLocation: 'Erdgeschoss' });
    state = reducer(state, { type: 'reset', notice: null });
    expect(state.info).toMatchObject({ terminalName: 'Rathaus Foyer', terminalLocation: 'Erdgeschoss' });
    state = reducer(state, { type: 'terminal', name: 'Test', location: '' });
    expect(state.info).toEqual(info);
  });

  it('forgets the resident on reset and returns to the default language', () => {
    let state = reducer(initialState, {
      type: 'booted',
      info,
      catalog: { services: [], offices: { sampleData: true, offices: [] }, translations: {} },
    });
    state = reducer(state, { type: 'startLanguage', language: 'en' });
    state = reducer(state, { type: 'view', view: view('a', { answers: { name: 'Erika' } }), at: 1 });
    state = reducer(state, { type: 'reset', notice: 'idleEnded' });
    expect(state.view).toBeNull();
    expect(state.startLanguage).toBe('de');
    expect(state.notice).toBe('idleEnded');
    expect(state.info).toBe(info);
  });

  it('starts on the boot answers when they came before the first render, resumed session included', () => {
    const catalog = { services: [], offices: { sampleData: true, offices: [] }, translations: {} };
    const fresh = stateAfterBoot({ info, catalog, resumed: null, opened: [] }, 7);
    expect(fresh).toMatchObject({ booted: true, connected: true, info, catalog, view: null, definitions: {} });
    // The resumed session's service came with the boot calls (catalog.service): its page needs no other call.
    const opened = [{ definition: DEMO, language: 'de' as const, texts: {} }];
    const resumed = stateAfterBoot({ info, catalog, resumed: view('b'), opened }, 7);
    expect(screenKey(resumed.view)).toBe(`${SESSION}:step:b`);
    expect(resumed.viewAt).toBe(7);
    expect(resumed.definitions).toEqual({ demo: DEMO });
  });

  it('keeps opened services for the next resident, and the same state for one opened again', () => {
    let state = reducer(initialState, { type: 'definitions', definitions: [DEMO] });
    expect(state.definitions.demo).toBe(DEMO);
    expect(reducer(state, { type: 'definitions', definitions: [DEMO] })).toBe(state);
    state = reducer(state, { type: 'view', view: view('a'), at: 1 });
    state = reducer(state, { type: 'reset', notice: null });
    expect(state.view).toBeNull();
    expect(state.definitions).toEqual({ demo: DEMO });
  });

  it('keeps the same state object when the connection did not change, so nothing re-renders', () => {
    expect(reducer(initialState, { type: 'connection', connected: true })).toBe(initialState);
    expect(reducer(initialState, { type: 'connection', connected: false }).connected).toBe(false);
  });
});

describe('renderer drafts', () => {
  const date: Field = { name: 'born', type: 'date', optional: false, personal: true };
  const boxes: Field = { name: 'items', type: 'checkboxes', optional: false, personal: false };

  it('turns a stored ISO date into three parts and sends parts back', () => {
    const draft = draftFromAnswer(date, '1980-03-07');
    expect(draft).toEqual({ day: '7', month: '3', year: '1980' });
    expect(inputFromDraft(date, draft)).toEqual({ day: '7', month: '3', year: '1980' });
    expect(draftFromAnswer(date, undefined)).toEqual({ day: '', month: '', year: '' });
  });

  it('sends empty values so an optional answer can be cleared', () => {
    const text: Field = { name: 'note', type: 'text', optional: true, personal: true };
    expect(inputFromDraft(text, '')).toBe('');
    expect(inputFromDraft(boxes, [])).toEqual([]);
    expect(draftFromAnswer({ ...text, type: 'number' }, 3)).toBe('3');
  });
});

describe('renderer answer text on the check page', () => {
  const i18n = createI18n();
  i18n.addResourceBundle('de', 'svc-demo', { opt: { a: 'Erste Wahl', b: 'Zweite Wahl' } });
  const radio: Field = {
    name: 'choice',
    type: 'radio',
    optional: false,
    personal: false,
    options: [
      { value: 'a', labelKey: 'opt.a' },
      { value: 'b', labelKey: 'opt.b' },
    ],
  };

  it('formats dates, options, booleans and empty answers in German', () => {
    const t = i18n.getFixedT('de');
    expect(answerText(t, 'svc-demo', { name: 'd', type: 'date', optional: false, personal: true }, '1980-12-24')).toBe(
      '24.12.1980',
    );
    expect(answerText(t, 'svc-demo', radio, 'b')).toBe('Zweite Wahl');
    expect(answerText(t, 'svc-demo', { ...radio, type: 'checkboxes' }, ['a', 'b'])).toBe('Erste Wahl\nZweite Wahl');
    expect(answerText(t, 'svc-demo', { name: 'c', type: 'confirm', optional: false, personal: false }, true)).toBe(
      'Ja',
    );
    expect(answerText(t, 'svc-demo', { name: 'e', type: 'email', optional: true, personal: true }, undefined)).toBe(
      'Nicht angegeben',
    );
  });

  it('uses English words and dates in English, once English is loaded', async () => {
    // Only German is bundled; the language loader adds the others (see renderer-language-loading.test.ts).
    i18n.addResourceBundle('en', 'common', (await COMMON_LOCALES.en()).default);
    const t = i18n.getFixedT('en');
    expect(answerText(t, 'svc-demo', { name: 'd', type: 'date', optional: false, personal: true }, '1980-12-24')).toBe(
      '24 December 1980',
    );
    expect(answerText(t, 'svc-demo', { name: 'c', type: 'confirm', optional: false, personal: false }, false)).toBe(
      'No',
    );
  });
});

describe('display settings', () => {
  it('stay through a session and go back to normal for the next resident', () => {
    const chosen = reducer(initialState, { type: 'display', display: { textSize: 'xlarge', contrast: 'high' } });
    const inSession = reducer(chosen, { type: 'view', view: view('a'), at: 1 });
    expect(inSession.display).toEqual({ textSize: 'xlarge', contrast: 'high' });
    for (const notice of [null, 'idleEnded'] as const) {
      expect(reducer(inSession, { type: 'reset', notice }).display).toEqual({ textSize: 'normal', contrast: 'normal' });
    }
  });
});
