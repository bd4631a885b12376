import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { CompactEncrypt, importJWK } from 'jose';
import type { LiveSnapshot, TerminalActivity } from '../../contract/hub';
import { lookupTextKey } from '../../core/catalog/json-pointer';
import type { Client } from '../fixtures/hub-wire';
import { expectNoAxeViolations } from './support/a11y';
import { connectTerminal, HUB_ADMIN, HubAdmin, startHub, type HubProcess } from './support/hub-process';
import { ROOT } from './support/paths';
import { snap } from './support/snap';

/**
 * The console with the real hub (in this worker) and its catalog of the shipped services: labels instead of
 * ids, the takeover and desk forms with a control per field type, and the kiosk's and the desk's field
 * errors at their fields. The kiosk's side is played over the real terminal WebSocket.
 * Needs `node build/build.mjs` (dist/console).
 */

const SERVICE = 'meldebescheinigung';
const texts = JSON.parse(
  readFileSync(join(ROOT, 'resources', 'services', SERVICE, 'locales', 'de.json'), 'utf8'),
) as unknown;
const text = (key: string) => lookupTextKey(texts, key) as string;

const ACTIVITY: TerminalActivity = {
  serviceId: SERVICE,
  stepId: 'address',
  screen: 'step',
  stepNumber: 7,
  stepCount: 9,
  language: 'tr',
};
const SNAPSHOT: LiveSnapshot = {
  serviceId: SERVICE,
  language: 'tr',
  position: { kind: 'step', stepId: 'address', stepNumber: 7, stepCount: 9, returnToCheck: false },
  answers: { certificateKind: 'erweitert', dateOfBirth: '1985-03-27', postcode: '21682' },
  visibleStepIds: ['kind', 'purpose', 'family-name', 'given-names', 'date-of-birth', 'address', 'delivery', 'email'],
};

let hub: HubProcess;
let kiosk: Client;
let handoverKey: Record<string, unknown>;

// One hub for the file: the two tests run one after the other in one worker.
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  hub = await startHub();
  const admin = await HubAdmin.login(hub, HUB_ADMIN);
  const { credential } = await admin.enrolTerminal('Foyer', 'Rathaus, Erdgeschoss', '0.1.0-e2e');
  kiosk = await connectTerminal(hub, credential);
  handoverKey = (await kiosk.next('welcome')).handoverKey as Record<string, unknown>;
  kiosk.send({ type: 'hello', appVersion: '0.1.0-test', outboxBacklog: 0, activity: ACTIVITY, openRequests: [] });
});
test.afterAll(async () => {
  kiosk?.close();
  await hub?.dispose();
});

let cspViolations: string[] = [];
test.beforeEach(async ({ page }) => {
  cspViolations = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.setViewportSize({ width: 1366, height: 900 });
});
test.afterEach(() => {
  expect(cspViolations, 'the console runs under the strict CSP without violations').toEqual([]);
});

async function login(page: Page): Promise<void> {
  await page.goto(hub.url);
  await page.getByLabel('Benutzername').fill(HUB_ADMIN.username);
  await page.getByLabel('Passwort').fill(HUB_ADMIN.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hilfeanfragen' })).toBeVisible();
}

test('labels from the catalog; takeover with typed controls; the kiosk’s field error at its field', async ({
  page,
}) => {
  await login(page);
  const requestId = randomUUID();
  kiosk.send({
    type: 'help.request',
    request: { requestId, reason: 'button', activity: ACTIVITY, since: new Date().toISOString() },
  });
  const row = page.locator(`tr[data-request="${requestId}"]`);
  await expect(row).toContainText(`Schritt 7 von 9: ${text('steps.address.title')}`);

  await row.getByRole('button', { name: 'Annehmen: Foyer' }).click();
  await page.getByRole('button', { name: 'Um Einwilligung bitten' }).click();
  await kiosk.next('consent.request', (message) => message.requestId === requestId);
  kiosk.send({ type: 'consent.answer', requestId, granted: true });
  kiosk.send({ type: 'live.snapshot', requestId, snapshot: SNAPSHOT });

  // Answers as label: value, the choice by its label, the date as dd.mm.yyyy.
  const snapshot = page.getByTestId('live-snapshot');
  await expect(snapshot).toContainText(text('title'));
  await expect(snapshot.locator('dt', { hasText: text('fields.postcode.label') })).toBeVisible();
  await expect(snapshot.locator('dd', { hasText: text('options.certificateKind.erweitert') })).toBeVisible();
  await expect(snapshot.locator('dd', { hasText: '27.03.1985' })).toBeVisible();

  // The guide's field picker by label; the kiosk gets the field's name.
  await page.getByLabel('Eingabefeld').selectOption({ label: text('fields.postcode.label') });
  await page.getByRole('button', { name: 'Feld zeigen' }).click();
  expect((await kiosk.next('guide.highlight')).target).toBe('field:postcode');

  await page.getByRole('button', { name: 'Übernahme starten' }).click();
  await kiosk.next('takeover.start');
  await expect(page.getByRole('heading', { name: 'Übernahme läuft' })).toBeVisible();
  const postcode = page.getByLabel(text('fields.postcode.label'), { exact: true });
  await expect(postcode).toHaveValue('21682');
  await page.getByLabel(text('fields.street.label'), { exact: true }).fill('Am Hafen');
  await page.getByLabel(text('fields.houseNumber.label'), { exact: true }).fill('3');
  await postcode.fill('99999');
  await page.getByLabel(text('fields.town.label'), { exact: true }).fill('Stade');
  await page.locator('form', { has: postcode }).getByRole('button', { name: 'Weiter' }).click();
  const answer = await kiosk.next('takeover.answer');
  expect(answer).toMatchObject({
    stepId: 'address',
    values: { street: 'Am Hafen', houseNumber: '3', postcode: '99999', town: 'Stade' },
  });
  kiosk.send({
    type: 'takeover.result',
    requestId,
    commandId: answer.commandId as string,
    ok: false,
    errorCode: 'validation',
    fieldErrors: [{ field: 'postcode', code: 'invalid_format' }],
  });
  // The service's own words, at the field and in the notice.
  const message = text('fields.postcode.errors.invalid_format');
  await expect(postcode).toHaveAttribute('aria-invalid', 'true');
  await expect(postcode).toHaveAccessibleDescription(message);
  await expect(page.getByRole('alert')).toContainText(`${text('fields.postcode.label')}: ${message}`);
  await snap(page, 'assist takeover typed');
  await expectNoAxeViolations(page, 'assist takeover typed');
});

test('continue at the desk: a typed form, the date in three parts, the desk’s field error, then sent', async ({
  page,
}) => {
  const draft = {
    answers: {
      certificateKind: 'einfach',
      purpose: 'bank',
      familyName: 'Mustermann',
      givenNames: 'Erika',
      dateOfBirth: '1985-03-27',
      street: 'Am Hafen',
      houseNumber: '3',
      postcode: '21682',
      town: 'Stade',
      deliveryMethod: 'abholung',
    },
  };
  const key = await importJWK(handoverKey, 'RSA-OAEP-256');
  const sealedDraft = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(draft)))
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'application/json' })
    .encrypt(key);
  const handoverId = randomUUID();
  kiosk.send({
    type: 'handover.deposit',
    handoverId,
    code: '7KQM-3XRT',
    serviceId: SERVICE,
    language: 'de',
    sealedDraft,
  });
  await kiosk.next('handover.stored', (message) => message.handoverId === handoverId);

  await login(page);
  await page.getByRole('button', { name: 'Am Schalter fortsetzen' }).click();
  await page.getByLabel('Übergabe-Code').fill('7kqm3xrt');
  await page.getByRole('button', { name: 'Entwurf öffnen' }).click();
  await expect(page.getByRole('heading', { name: `Entwurf: ${text('title')}` })).toBeVisible();
  await expect(page.getByRole('radio', { name: text('options.certificateKind.einfach') })).toBeChecked();
  const birth = page.getByRole('group', { name: text('steps.date-of-birth.title') });
  await expect(birth.getByLabel('Tag')).toHaveValue('27');
  await expect(birth.getByLabel('Monat')).toHaveValue('03');
  await expect(birth.getByLabel('Jahr')).toHaveValue('1985');
  await snap(page, 'handover typed draft');
  await expectNoAxeViolations(page, 'handover typed draft');

  // Half a date: the desk's core refuses it, and says so at the field.
  await birth.getByLabel('Monat').fill('');
  await page.getByRole('button', { name: 'Antrag abschicken' }).click();
  const message = text('fields.dateOfBirth.errors.date_incomplete');
  await expect(page.getByRole('alert')).toContainText(message);
  await expect(birth).toHaveAccessibleDescription(new RegExp(message));
  await expectNoAxeViolations(page, 'handover field error');

  await birth.getByLabel('Monat').fill('3');
  await page.getByRole('button', { name: 'Antrag abschicken' }).click();
  await expect(page.getByTestId('handover-reference')).toHaveText(/\S/);
});
