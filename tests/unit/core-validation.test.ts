import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionView } from '../../contract';
import { openTestCore, readDraftFromDisk, removeDir, rowCounts, type TestCore } from '../fixtures/core-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';

let kiosk: TestCore;
let view: SessionView;

beforeEach(async () => {
  kiosk = openTestCore();
  view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
});
afterEach(() => {
  kiosk.close();
  removeDir(kiosk.dataDir);
});

async function reach(stepId: string) {
  while (view.position.kind === 'step' && view.position.stepId !== stepId) {
    const current = view.position.stepId;
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: current,
      values: MOVE_ANSWERS[current],
    });
  }
}

async function expectFieldError(stepId: string, values: unknown, field: string, code: string, params?: object) {
  await reach(stepId);
  const before = readDraftFromDisk(kiosk.dataDir);
  const result = await kiosk.call('session.answer', { sessionId: view.sessionId, stepId, values });
  expect(result).toEqual({
    ok: false,
    error: { code: 'validation', fieldErrors: [{ field, code, ...(params ? { params } : {}) }] },
  });
  expect(readDraftFromDisk(kiosk.dataDir)).toEqual(before);
  expect((await kiosk.value('session.resume', {}))?.position).toMatchObject({ stepId });
}

describe('answer validation (nothing invalid is stored)', () => {
  it('required, too short, too long', async () => {
    await expectFieldError('name', { fullName: '   ' }, 'fullName', 'required');
    await expectFieldError('name', {}, 'fullName', 'required');
    await expectFieldError('name', { fullName: 'A' }, 'fullName', 'too_short', { min: 2 });
    await expectFieldError('name', { fullName: 'A'.repeat(41) }, 'fullName', 'too_long', { max: 40 });
  });

  it('every problem of a page is reported at once, in field order', async () => {
    await reach('address');
    const result = await kiosk.call('session.answer', {
      sessionId: view.sessionId,
      stepId: 'address',
      values: { postcode: '', moveDate: { day: '31', month: '2', year: '2026' } },
    });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : (result.error.fieldErrors ?? []);
    expect(errors.map((error) => [error.field, error.code])).toEqual([
      ['postcode', 'required'],
      ['moveDate', 'date_invalid'],
    ]);
  });

  it('control and bidi characters are rejected, not stored', async () => {
    for (const bad of [
      'Erika\u0000M',
      'Erika\u0007',
      'Eri\u0085ka',
      'Erika\u202EnnamretsuM',
      'Er\u2066ika',
      'Erika\u200F',
      'Erika\nM',
      'Erika\u007F',
    ]) {
      await expectFieldError('name', { fullName: bad }, 'fullName', 'invalid_characters');
    }
    // A lone surrogate is not text either.
    await expectFieldError('name', { fullName: 'Erika \uD800' }, 'fullName', 'invalid_characters');
  });

  it('textareas may hold line breaks and tabs, but not other controls', async () => {
    await reach('contact');
    await expectFieldError('contact', { notes: 'a\u001Bb' }, 'notes', 'invalid_characters');
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'contact',
      values: { notes: ' Zeile 1\r\n\tZeile 2 ' },
    });
    expect(view.answers.notes).toBe('Zeile 1\n\tZeile 2');
  });

  it('normalises to NFC and trims before validation', async () => {
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'name',
      values: { fullName: '  Jose\u0301 Mu\u0308ller ' },
    });
    expect(view.answers.fullName).toBe('José Müller');
  });

  it('dates: incomplete, impossible, letters, future, too early', async () => {
    const birth = (day: string, month: string, year: string) => ({ birthDate: { day, month, year } });
    await expectFieldError('birth', birth('12', '', '1964'), 'birthDate', 'date_incomplete');
    await expectFieldError('birth', birth('31', '02', '1990'), 'birthDate', 'date_invalid');
    await expectFieldError('birth', birth('29', '02', '2023'), 'birthDate', 'date_invalid');
    await expectFieldError('birth', birth('1a', '02', '1990'), 'birthDate', 'date_invalid');
    // Issue 14: a two-digit year is its own problem, so only the year field is marked.
    await expectFieldError('birth', birth('1', '2', '90'), 'birthDate', 'date_year_digits');
    await expectFieldError('birth', birth('16', '06', '2025'), 'birthDate', 'date_in_future');
    await expectFieldError('birth', birth('31', '12', '1899'), 'birthDate', 'date_too_early', { min: '1900-01-01' });
    await expectFieldError('birth', birth('', '', ''), 'birthDate', 'required');
    await expectFieldError('birth', { birthDate: '1964-08-12' }, 'birthDate', 'invalid');
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'birth',
      values: birth('29', '2', '2024'),
    });
    expect(view.answers.birthDate).toBe('2024-02-29');
  });

  it('relative date rules use the injected clock (today = 2025-06-15)', async () => {
    const move = (day: string, month: string) => ({ postcode: '21682', moveDate: { day, month, year: '2025' } });
    await expectFieldError('address', move('14', '06'), 'moveDate', 'date_in_past');
    await expectFieldError('address', move('14', '09'), 'moveDate', 'date_too_late', { max: '2025-09-13' });
    await expectFieldError(
      'address',
      { postcode: '2168', moveDate: { day: '15', month: '6', year: '2025' } },
      'postcode',
      'invalid_format',
    );
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'address',
      values: move('15', '06'),
    });
    expect(view.answers.moveDate).toBe('2025-06-15');
  });

  it('options, numbers, checkboxes, email, consent', async () => {
    await expectFieldError('household', { household: 'commune' }, 'household', 'invalid_option');
    await expectFieldError('household', { household: true }, 'household', 'invalid');
    await reach('persons');
    await expectFieldError('persons', { persons: 'drei' }, 'persons', 'invalid');
    await expectFieldError('persons', { persons: '2.5' }, 'persons', 'invalid');
    await expectFieldError('persons', { persons: '1' }, 'persons', 'too_small', { min: 2 });
    await expectFieldError('persons', { persons: '13' }, 'persons', 'too_large', { max: 12 });
    // Conditionally required (if/then in the schema).
    await expectFieldError('persons', { persons: '' }, 'persons', 'required');
    await reach('extras');
    await expectFieldError('extras', { extras: ['pets', 'boat'] }, 'extras', 'invalid_option');
    await expectFieldError('extras', { extras: ['pets', 'pets'] }, 'extras', 'invalid');
    await reach('contact');
    await expectFieldError('contact', { email: 'not-an-email' }, 'email', 'invalid_email');
    await expectFieldError('contact', { notes: 'x'.repeat(201) }, 'notes', 'too_long', { max: 200 });
    await reach('consent');
    await expectFieldError('consent', { consent: false }, 'consent', 'required');
    await expectFieldError('consent', { consent: 'yes' }, 'consent', 'invalid');
  });

  it('several fields on a step are reported together', async () => {
    await reach('address');
    const result = await kiosk.call('session.answer', {
      sessionId: view.sessionId,
      stepId: 'address',
      values: { postcode: 'abc', moveDate: { day: '31', month: '4', year: '2025' } },
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'validation',
        fieldErrors: [
          { field: 'postcode', code: 'invalid_format' },
          { field: 'moveDate', code: 'date_invalid' },
        ],
      },
    });
  });

  it('an empty optional answer removes the stored one', async () => {
    await reach('contact');
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'contact',
      values: MOVE_ANSWERS.contact,
    });
    expect(view.answers.email).toBe('erika@example.org');
    view = await kiosk.value('session.goTo', {
      sessionId: view.sessionId,
      target: { kind: 'step', stepId: 'contact', returnToCheck: false },
    });
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'contact',
      values: { email: '', notes: 'Nur das' },
    });
    expect(view.answers).not.toHaveProperty('email');
    expect(view.answers.notes).toBe('Nur das');
  });

  it('unknown fields for the step are invalid_input and nothing is stored', async () => {
    const result = await kiosk.call('session.answer', {
      sessionId: view.sessionId,
      stepId: 'name',
      values: { fullName: 'Erika Mustermann', postcode: '21682' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(rowCounts(kiosk.dataDir).drafts).toBe(0);
  });
});

describe('submit re-validates everything', () => {
  it('reports incomplete with the step and field when a rule fails at submission time', async () => {
    await reach('consent');
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: 'consent',
      values: { consent: true },
    });
    expect(view.position).toEqual({ kind: 'check' });
    // Weeks later (a very patient kiosk) the move date is in the past: submit must send the resident back.
    const days = 24 * 3600_000;
    kiosk = kiosk.reopen({ idleTimeoutMs: 40 * days });
    kiosk.clock.time += 20 * days;
    await kiosk.value('session.keepAlive', { sessionId: view.sessionId });
    const result = await kiosk.call('session.submit', { sessionId: view.sessionId });
    expect(result).toEqual({
      ok: false,
      error: { code: 'incomplete', stepId: 'address', fieldErrors: [{ field: 'moveDate', code: 'date_in_past' }] },
    });
    expect(rowCounts(kiosk.dataDir).outbox).toBe(0);
  });
});
