import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../contract';
import { atStartDefaults, catalogueReloadDue } from '../../renderer/app/at-rest';
import { initialState, reducer, type AppState } from '../../renderer/app/state';

const info = {
  version: '1',
  mode: 'browser' as const,
  defaultLanguage: 'de' as const,
  languages: ['de' as const, 'en' as const],
  idle: { timeoutMs: 120_000, warningMs: 30_000 },
  terminalName: 'Test',
};
const atRest: AppState = { ...initialState, booted: true, info };

const view: SessionView = {
  sessionId: '8f0c3c52-0b7e-4a3c-9d8e-3f1f2b7e9a10',
  serviceId: 'demo',
  language: 'de',
  position: { kind: 'step', stepId: 'a', stepNumber: 1, stepCount: 1, returnToCheck: false },
  answers: {},
  visibleStepIds: ['a'],
  idle: { remainingMs: 120_000, timeoutMs: 120_000, warningMs: 30_000 },
};

describe('the start screen at rest', () => {
  it('is the start screen with nothing opened from it and every setting at its default', () => {
    expect(atStartDefaults(atRest)).toBe(true);
    expect(atStartDefaults({ ...atRest, info: null })).toBe(false);
    expect(atStartDefaults(reducer(atRest, { type: 'view', view, at: 1 }))).toBe(false);
    expect(atStartDefaults(reducer(atRest, { type: 'startLanguage', language: 'en' }))).toBe(false);
    expect(atStartDefaults(reducer(atRest, { type: 'intro', serviceId: 'demo' }))).toBe(false);
    expect(atStartDefaults({ ...atRest, offices: true })).toBe(false);
    expect(atStartDefaults({ ...atRest, manage: true })).toBe(false);
    expect(atStartDefaults({ ...atRest, display: { ...atRest.display, contrast: 'high' } })).toBe(false);
    expect(atStartDefaults({ ...atRest, speech: { ...atRest.speech, speakAnswers: true } })).toBe(false);
  });

  it('is not reached while a waiting number is shown, so the idle reset takes it away from the next resident', () => {
    const walkIn = reducer(atRest, { type: 'walkIn', open: true });
    expect(atStartDefaults(walkIn)).toBe(false);
    expect(atStartDefaults(reducer(walkIn, { type: 'walkIn', open: false }))).toBe(true);
  });
});

describe('when the page loads a new catalogue', () => {
  const quiet = info.idle.timeoutMs;

  it('never during a session, at once when one has just ended', () => {
    const inSession = reducer(atRest, { type: 'view', view, at: 1 });
    expect(catalogueReloadDue(inSession, { sessionJustEnded: false, sinceInputMs: quiet * 10 })).toBe(false);
    expect(catalogueReloadDue(atRest, { sessionJustEnded: true, sinceInputMs: 0 })).toBe(true);
  });

  it('on a start screen at rest only after the idle time without a touch', () => {
    expect(catalogueReloadDue(atRest, { sessionJustEnded: false, sinceInputMs: quiet - 1 })).toBe(false);
    expect(catalogueReloadDue(atRest, { sessionJustEnded: false, sinceInputMs: quiet })).toBe(true);
  });

  it('not while a resident browses from the start screen, however long they have not touched it', () => {
    const browsing = [
      reducer(atRest, { type: 'startLanguage', language: 'en' }),
      reducer(atRest, { type: 'intro', serviceId: 'demo' }),
      reducer(atRest, { type: 'walkIn', open: true }),
      { ...atRest, offices: true },
    ];
    for (const state of browsing)
      expect(catalogueReloadDue(state, { sessionJustEnded: false, sinceInputMs: quiet * 10 })).toBe(false);
  });
});
