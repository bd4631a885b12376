import type { Field, Step } from '../../contract';
import { apiFromPage, expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { loadService, startsWith, svcText, ui, type LoadedService } from './support/service-data';
import type { Page } from '@playwright/test';

/**
 * What a resident sees when an answer is wrong (GOV.UK pattern: error summary
 * focused, inline message, typed text kept) and what the API answers to
 * malformed calls (a typed Result, and the server keeps running).
 */

// axe + a screenshot on every screen, on a shared 2-CPU runner: whole journeys need more than the default.
test.describe.configure({ timeout: 120_000 });

const service = loadService('meldebescheinigung');

function step(id: string): Step {
  return service.definition.journey.steps.find((candidate) => candidate.id === id)!;
}

function field(name: string): Field {
  return service.definition.journey.steps.flatMap((s) => s.fields).find((f) => f.name === name)!;
}

/** The service's own message for a field error, else the common one. */
function errorText(fieldName: string, code: string, params: Record<string, string | number> = {}): string {
  try {
    return svcText(service, 'de', `fields.${fieldName}.errors.${code}`);
  } catch {
    return ui('de', `errors.field.${code}`, params);
  }
}

/** Answers the questions before `stepId` and stops on it. */
async function walkTo(driver: KioskDriver, url: string, stepId: string, loaded: LoadedService = service) {
  await driver.openStart(url);
  await driver.chooseService(loaded);
  const title = svcText(loaded, 'de', step(stepId).titleKey);
  for (let guard = 0; guard < 20; guard++) {
    if ((await driver.h1().innerText()).trim() === title) return;
    const current = await driver.currentStep(loaded);
    if (!current) throw new Error('left the journey before reaching ' + stepId);
    await driver.answerStep(loaded, current);
  }
  throw new Error(`${stepId} not reached`);
}

async function expectErrorShown(driver: KioskDriver, message: string) {
  const summary = driver.page.getByRole('alert').filter({ hasText: driver.t('errors.summaryTitle') });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(message);
  // Inline, next to the field, as well as in the summary.
  await expect(driver.page.getByText(message).nth(1)).toBeVisible();
}

async function storedAnswers(page: Page): Promise<Record<string, unknown>> {
  const resumed = (await apiFromPage(page, 'session.resume', {})) as {
    json: { ok: boolean; value: { answers: Record<string, unknown> } | null };
  };
  expect(resumed.json.ok).toBe(true);
  return resumed.json.value?.answers ?? {};
}

test('empty required field: summary focused, inline message, then fixed', async ({ page, kiosk }) => {
  const driver = new KioskDriver(page, { auditWalk: false });
  await walkTo(driver, kiosk.url, 'family-name');
  await driver.activate(driver.button(driver.t('nav.continue')));
  await expectErrorShown(driver, errorText('familyName', 'required'));
  await driver.screen('required-error');
  // The summary links to the field.
  await driver.activate(page.getByRole('link', { name: errorText('familyName', 'required') }));
  const input = page.getByRole('textbox', { name: startsWith(svcText(service, 'de', step('family-name').titleKey)) });
  await expect(input).toBeFocused();
  await input.fill('Meyer');
  await driver.continue();
  await expect(driver.h1()).toHaveText(svcText(service, 'de', step('given-names').titleKey));
});

test('wrong format: message shown and typed text kept', async ({ page, kiosk }) => {
  const driver = new KioskDriver(page, { auditWalk: false });
  await walkTo(driver, kiosk.url, 'address');
  const address = step('address');
  const label = (name: string) => startsWith(svcText(service, 'de', field(name).labelKey!));
  await page.getByRole('textbox', { name: label('street') }).fill('Hökerstraße');
  await page.getByRole('textbox', { name: label('houseNumber') }).fill('vierzehn');
  await page.getByRole('textbox', { name: label('postcode') }).fill('21682');
  await page.getByRole('textbox', { name: label('town') }).fill('Stade');
  await driver.activate(driver.button(driver.t('nav.continue')));
  await expectErrorShown(driver, errorText('houseNumber', 'invalid_format'));
  await expect(page.getByRole('textbox', { name: label('houseNumber') })).toHaveValue('vierzehn');
  await expect(page.getByRole('textbox', { name: label('street') })).toHaveValue('Hökerstraße');
  await expect(driver.h1()).toHaveText(svcText(service, 'de', address.titleKey));
  await driver.screen('format-error');
});

test('impossible date 31.02.: message, parts kept, nothing stored', async ({ page, kiosk }) => {
  const driver = new KioskDriver(page, { auditWalk: false });
  await walkTo(driver, kiosk.url, 'date-of-birth');
  await page.getByRole('textbox', { name: startsWith(driver.t('field.day')) }).fill('31');
  await page.getByRole('textbox', { name: startsWith(driver.t('field.month')) }).fill('2');
  await page.getByRole('textbox', { name: startsWith(driver.t('field.year')) }).fill('1980');
  await driver.activate(driver.button(driver.t('nav.continue')));
  await expectErrorShown(driver, errorText('dateOfBirth', 'date_invalid'));
  await expect(page.getByRole('textbox', { name: startsWith(driver.t('field.day')) })).toHaveValue('31');
  await expect(page.getByRole('textbox', { name: startsWith(driver.t('field.year')) })).toHaveValue('1980');
  expect(await storedAnswers(page)).not.toHaveProperty('dateOfBirth');
  await driver.screen('date-error');
});

const badTexts: [string, string, string][] = [
  ['over-long text', 'M'.repeat(150), 'too_long'],
  ['a control character', 'Meyer\u0007Schulz', 'invalid_characters'],
  ['a bidi override (U+202E)', 'Meyer\u202Eztluhcs', 'invalid_characters'],
];

for (const [what, value, code] of badTexts) {
  test(`family name with ${what}: clear message, nothing stored`, async ({ page, kiosk }) => {
    const driver = new KioskDriver(page, { auditWalk: false });
    await walkTo(driver, kiosk.url, 'family-name');
    const input = page.getByRole('textbox', {
      name: startsWith(svcText(service, 'de', step('family-name').titleKey)),
    });
    // fill() inserts the text the way a paste does.
    await input.fill(value);
    await driver.activate(driver.button(driver.t('nav.continue')));
    await expectErrorShown(driver, errorText('familyName', code, { max: 100 }));
    await expect(driver.h1()).toHaveText(svcText(service, 'de', step('family-name').titleKey));
    expect(await storedAnswers(page)).not.toHaveProperty('familyName');
    await driver.screen(`bad-text-${code}`);
  });
}

test('API: malformed calls get typed error Results and the server stays up', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  const code = (reply: unknown) => (reply as { json: { error?: { code: string } } }).json.error?.code;

  const started = (await apiFromPage(page, 'session.start', { serviceId: 'meldebescheinigung', language: 'de' })) as {
    json: { ok: boolean; value: { sessionId: string } };
  };
  expect(started.json.ok).toBe(true);
  const sessionId = started.json.value.sessionId;

  const cases: [string, unknown, string, { rawBody?: string; contentType?: string }?][] = [
    ['session.answer', { sessionId, stepId: 'kind', values: { certificateKind: 42 } }, 'invalid_input'],
    ['session.answer', { sessionId: 'not-a-uuid', stepId: 'kind', values: {} }, 'invalid_input'],
    ['session.answer', { sessionId, stepId: 'kind', values: { certificateKind: 'gold' } }, 'validation'],
    ['session.start', { serviceId: 'no-such-service', language: 'de' }, 'unknown_service'],
    ['catalog.service', { serviceId: 'no-such-service', language: 'de' }, 'unknown_service'],
    ['catalog.service', { serviceId: 'meldebescheinigung', language: 'xx' }, 'invalid_input'],
    ['session.start', { serviceId: 'meldebescheinigung', language: 'xx' }, 'invalid_input'],
    ['session.start', { serviceId: 'meldebescheinigung', language: 'de', extra: true }, 'invalid_input'],
    ['session.drop', {}, 'unknown_method'],
    ['__proto__', {}, 'unknown_method'],
    ['kiosk.info', null, 'invalid_input', { rawBody: '{not json' }],
    ['kiosk.info', null, 'invalid_input', { rawBody: '{}', contentType: 'text/plain' }],
    ['session.answer', null, 'payload_too_large', { rawBody: JSON.stringify({ pad: 'x'.repeat(200 * 1024) }) }],
  ];
  for (const [method, body, expected, init] of cases) {
    const reply = await apiFromPage(page, method, body, init);
    expect('json' in reply, `${method} answered`).toBe(true);
    expect(code(reply), `${method} ${JSON.stringify(body)?.slice(0, 80)}`).toBe(expected);
  }

  // A body far beyond the drain limit: the server may cut the connection, but must survive it.
  await apiFromPage(page, 'session.answer', null, { rawBody: 'x'.repeat(6 * 1024 * 1024) });

  const info = (await apiFromPage(page, 'kiosk.info', {})) as { json: { ok: boolean } };
  expect(info.json.ok).toBe(true);
  // The session survived all of it, untouched.
  expect(await storedAnswers(page)).toEqual({});
});
