import { afterEach, describe, expect, it } from 'vitest';
import type { SessionView } from '../../contract';
import { isValidReference } from '../../core/reference';
import { openTestCore, removeDir, rowCounts, type TestCore } from '../fixtures/core-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';

let kiosk: TestCore;
afterEach(() => {
  if (!kiosk) return;
  kiosk.close();
  removeDir(kiosk.dataDir);
});

async function answer(view: SessionView, stepId: string): Promise<SessionView> {
  return kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values: MOVE_ANSWERS[stepId] });
}

describe('kiosk.info and catalog.get', () => {
  it('reports version, mode, languages, idle config and terminal name', async () => {
    kiosk = openTestCore({ idleTimeoutMs: 60_000, idleWarningMs: 90_000, terminalName: 'Rathaus Foyer' });
    const info = await kiosk.value('kiosk.info', {});
    expect(info).toEqual({
      version: '9.9.9-test',
      mode: 'browser',
      defaultLanguage: 'de',
      languages: ['de', 'de-x-ls', 'en', 'tr', 'ar', 'ru', 'uk', 'pl'],
      idle: { timeoutMs: 60_000, warningMs: 60_000 },
      terminalName: 'Rathaus Foyer',
    });
  });

  it('defaults the terminal name and idle settings', async () => {
    kiosk = openTestCore();
    const info = await kiosk.value('kiosk.info', {});
    expect(info.terminalName).toBe('Bürgerkiosk');
    expect(info.idle).toEqual({ timeoutMs: 120_000, warningMs: 30_000 });
  });

  it('lists services by order with texts in the default language only (cold start)', async () => {
    kiosk = openTestCore();
    expect(kiosk.core.catalogProblems).toEqual([]);
    const catalog = await kiosk.value('catalog.get', {});
    expect(catalog.services.map((service) => service.id)).toEqual(['test-feedback', 'test-move']);
    expect(Object.keys(catalog.translations)).toEqual(['de']);
    expect(catalog.translations.de!['svc-test-move']!.title).toBe('Umzug (Test)');
  });

  it('delivers service texts in another language on demand, validated like every call', async () => {
    kiosk = openTestCore();
    const english = await kiosk.value('catalog.translations', { language: 'en' });
    expect(english.language).toBe('en');
    expect(Object.keys(english.translations).sort()).toEqual(['offices', 'svc-test-feedback', 'svc-test-move']);
    expect(english.translations['svc-test-feedback']!.title).toBe('Feedback');
    const refused = await kiosk.core.dispatch('catalog.translations', { language: 'xx' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const extra = await kiosk.core.dispatch('catalog.translations', { language: 'en', more: 1 });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('session lifecycle', () => {
  it('walks a journey with a conditional step, changes an answer, submits and ends', async () => {
    kiosk = openTestCore();
    expect(await kiosk.value('session.resume', {})).toBeNull();
    let view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    expect(view.position).toEqual({ kind: 'step', stepId: 'name', stepNumber: 1, stepCount: 8, returnToCheck: false });
    expect(view.visibleStepIds).not.toContain('persons');
    expect(view.idle).toEqual({ remainingMs: 120_000, timeoutMs: 120_000, warningMs: 30_000 });

    for (const stepId of ['name', 'birth', 'address', 'household']) view = await answer(view, stepId);
    // "family" makes the persons step visible; it was counted from the start, while still possible.
    expect(view.position).toMatchObject({ kind: 'step', stepId: 'persons', stepNumber: 5, stepCount: 8 });
    expect(view.answers).toMatchObject({ fullName: 'Erika Mustermann', birthDate: '1964-08-12' });
    expect(view.answers).not.toHaveProperty('persons');

    view = await kiosk.value('session.back', { sessionId: view.sessionId });
    expect(view.position).toMatchObject({ kind: 'step', stepId: 'household' });
    view = await answer(view, 'household');
    for (const stepId of ['persons', 'extras', 'contact', 'consent']) view = await answer(view, stepId);
    expect(view.position).toEqual({ kind: 'check' });
    expect(view.answers).toEqual({
      fullName: 'Erika Mustermann',
      birthDate: '1964-08-12',
      postcode: '21682',
      moveDate: '2025-07-01',
      household: 'family',
      persons: 3,
      extras: ['pets'],
      email: 'erika@example.org',
      notes: 'Zweiter Stock\nlinks',
      consent: true,
    });

    // Change link: household → alone hides persons; "Weiter" returns to the check page.
    view = await kiosk.value('session.goTo', {
      sessionId: view.sessionId,
      target: { kind: 'step', stepId: 'household', returnToCheck: true },
    });
    expect(view.position).toMatchObject({ kind: 'step', stepId: 'household', returnToCheck: true });
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'household',
      values: { household: 'alone' },
    });
    expect(view.position).toEqual({ kind: 'check' });
    expect(view.visibleStepIds).not.toContain('persons');

    // Back to family via the change link: the persons answer is kept, so it goes straight to check.
    view = await kiosk.value('session.goTo', {
      sessionId: view.sessionId,
      target: { kind: 'step', stepId: 'household', returnToCheck: true },
    });
    view = await answer(view, 'household');
    expect(view.position).toEqual({ kind: 'check' });

    view = await kiosk.value('session.setLanguage', { sessionId: view.sessionId, language: 'en' });
    expect(view.language).toBe('en');

    view = await kiosk.value('session.submit', { sessionId: view.sessionId });
    expect(view.position.kind).toBe('confirmation');
    if (view.position.kind !== 'confirmation') return;
    expect(isValidReference(view.position.reference)).toBe(true);
    expect(view.position.submittedAt).toBe(new Date(kiosk.clock.now()).toISOString());
    expect(view.answers).toEqual({});
    expect(rowCounts(kiosk.dataDir)).toEqual({ sessions: 1, drafts: 0, data_keys: 1, outbox: 1 });

    expect(await kiosk.call('session.submit', { sessionId: view.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'already_submitted' },
    });
    expect((await kiosk.value('session.resume', {}))?.position.kind).toBe('confirmation');

    expect(await kiosk.value('session.end', { sessionId: view.sessionId, reason: 'finished' })).toEqual({
      ended: true,
    });
    expect(await kiosk.value('session.end', { sessionId: view.sessionId, reason: 'finished' })).toEqual({
      ended: false,
    });
    expect(kiosk.events).toEqual([{ type: 'session.ended', sessionId: view.sessionId, reason: 'finished' }]);
    expect(rowCounts(kiosk.dataDir)).toEqual({ sessions: 0, drafts: 0, data_keys: 1, outbox: 1 });
    expect(await kiosk.value('session.resume', {})).toBeNull();
  });

  it('keeps at most one session: start wipes the previous one', async () => {
    kiosk = openTestCore();
    const first = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    await answer(first, 'name');
    const second = await kiosk.value('session.start', { serviceId: 'test-feedback', language: 'en' });
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(kiosk.events).toEqual([{ type: 'session.ended', sessionId: first.sessionId, reason: 'resident' }]);
    expect(rowCounts(kiosk.dataDir)).toMatchObject({ sessions: 1, drafts: 0, data_keys: 1 });
    const stale = await kiosk.call('session.answer', { sessionId: first.sessionId, stepId: 'birth', values: {} });
    expect(stale).toMatchObject({ ok: false, error: { code: 'session_mismatch' } });
  });

  it('refuses unknown services and calls without a session', async () => {
    kiosk = openTestCore();
    expect(await kiosk.call('session.start', { serviceId: 'nope', language: 'de' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_service' },
    });
    const sessionId = crypto.randomUUID();
    expect(await kiosk.call('session.keepAlive', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'no_session' },
    });
    expect(await kiosk.value('session.end', { sessionId, reason: 'resident' })).toEqual({ ended: false });
  });

  it('only lets the resident reach visible steps in order, and the check page when complete', async () => {
    kiosk = openTestCore();
    let view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    const { sessionId } = view;
    const goTo = (target: object) => kiosk.call('session.goTo', { sessionId, target });

    expect(await goTo({ kind: 'check' })).toMatchObject({
      ok: false,
      error: { code: 'not_reachable', stepId: 'name' },
    });
    expect(await goTo({ kind: 'step', stepId: 'address', returnToCheck: false })).toMatchObject({
      ok: false,
      error: { code: 'not_reachable' },
    });
    expect(await kiosk.call('session.back', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'not_reachable' },
    });
    // Answering a step other than the current one is refused.
    expect(
      await kiosk.call('session.answer', { sessionId, stepId: 'birth', values: MOVE_ANSWERS.birth }),
    ).toMatchObject({ ok: false, error: { code: 'not_reachable' } });

    for (const stepId of ['name', 'birth', 'address']) view = await answer(view, stepId);
    // Hidden step (household not yet "family").
    expect(await goTo({ kind: 'step', stepId: 'persons', returnToCheck: false })).toMatchObject({
      ok: false,
      error: { code: 'not_reachable' },
    });
    view = await kiosk.value('session.goTo', {
      sessionId,
      target: { kind: 'step', stepId: 'name', returnToCheck: false },
    });
    expect(view.position).toMatchObject({ stepId: 'name', stepNumber: 1 });
    // Forward again up to the first unanswered step is allowed.
    view = await kiosk.value('session.goTo', {
      sessionId,
      target: { kind: 'step', stepId: 'household', returnToCheck: false },
    });
    expect(view.position).toMatchObject({ stepId: 'household', stepNumber: 4 });
    expect(await kiosk.call('session.submit', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'not_reachable' },
    });
  });

  it('an optional step answered empty counts as passed, and check → back goes to the last step', async () => {
    kiosk = openTestCore();
    let view = await kiosk.value('session.start', { serviceId: 'test-feedback', language: 'de' });
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'message',
      values: { message: 'Die Bank am Teich ist kaputt.' },
    });
    view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId: 'email', values: { email: '' } });
    expect(view.position).toEqual({ kind: 'check' });
    expect(view.answers).toEqual({ message: 'Die Bank am Teich ist kaputt.' });
    view = await kiosk.value('session.back', { sessionId: view.sessionId });
    expect(view.position).toMatchObject({ kind: 'step', stepId: 'email', stepNumber: 2, stepCount: 2 });
  });
});

describe('session.active', () => {
  it('says whether a session is open and nothing of it (the update check asks it)', async () => {
    kiosk = openTestCore();
    expect(await kiosk.value('session.active', {})).toEqual({ active: false });
    const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    await answer(view, 'name');
    expect(await kiosk.value('session.active', {})).toEqual({ active: true });
    await kiosk.value('session.end', { sessionId: view.sessionId, reason: 'resident' });
    expect(await kiosk.value('session.active', {})).toEqual({ active: false });
    expect(await kiosk.core.dispatch('session.active', { sessionId: view.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
