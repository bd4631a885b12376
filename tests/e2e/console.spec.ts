import { expect, test, type Page } from '@playwright/test';
import type { AuditEntry, HelpRequestView, LiveSnapshot, Staff } from '../../contract/hub';
import { expectNoAxeViolations } from './support/a11y';
import { ACCOUNTS, ConsoleTestHub } from './support/console-real-hub';
import { tabTo } from './support/keyboard';
import { fieldLabel, loadService, svcText } from './support/service-data';
import { snap } from './support/snap';

/** The console labels fields and choices with the service's own German texts (the hub's catalog). */
const melde = loadService('meldebescheinigung');
function labelOf(fieldName: string): string {
  const step = melde.definition.journey.steps.find((candidate) => candidate.fields.some((f) => f.name === fieldName))!;
  return fieldLabel(
    melde,
    'de',
    step,
    step.fields.find((field) => field.name === fieldName)!,
  );
}

/**
 * The staff console (dist/console) served by the real hub (dist/node/hub.mjs, temp data dir); the kiosk's
 * side is a `ws` client speaking the real terminal protocol (support/console-real-hub.ts). Needs
 * `node build/build.mjs`. The two-browser flow with a real kiosk is tests/e2e/help-desk.spec.ts.
 */

// Each test starts its own hub, so the tests can share the two workers.
// 90 s: the ceiling for a loaded CI machine; normally far less.
test.describe.configure({ mode: 'parallel', timeout: 90_000 });
const { admin, meyer } = ACCOUNTS;
/**
 * Logins per account and address a minute before the hub answers 429 (hub/http/staff-routes.ts); the
 * account itself locks for unknown devices after 5 failures (hub/login-throttle.ts), so some of these
 * are already answered "too many".
 */
const LOGIN_LIMIT = 10;
const FREE_FAILURES = 5;

const SNAPSHOT: LiveSnapshot = {
  serviceId: 'meldebescheinigung',
  language: 'tr',
  position: { kind: 'step', stepId: 'purpose', stepNumber: 2, stepCount: 9, returnToCheck: false },
  answers: { certificateKind: 'einfach', postcode: '21682' },
  visibleStepIds: ['kind', 'purpose'],
};

let hub: ConsoleTestHub;
let cspViolations: string[] = [];
test.beforeEach(async ({ page }) => {
  hub = new ConsoleTestHub();
  await hub.start();
  cspViolations = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.setViewportSize({ width: 1366, height: 900 });
});
test.afterEach(async () => {
  await hub.stop();
  expect(cspViolations, 'the console runs under the strict CSP without violations').toEqual([]);
});

async function login(page: Page, account: { username: string; password: string }): Promise<void> {
  await page.goto(hub.origin);
  await page.getByLabel('Benutzername').fill(account.username);
  await page.getByLabel('Passwort').fill(account.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hilfeanfragen' })).toBeVisible();
  // The live socket is up: a request sent before it would be listed, but not announced.
  await expect(page.getByText('Verbunden', { exact: true })).toBeVisible();
}

const queue = () => hub.admin.call<HelpRequestView[]>('GET', '/queue');

test('login: wrong password and too many attempts are explained; then staff get in and out', async ({ page }) => {
  await page.goto(hub.origin);
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeFocused();
  const alert = page.getByRole('alert');
  for (let attempt = 1; attempt <= LOGIN_LIMIT; attempt++) {
    await page.getByLabel('Benutzername').fill(meyer.username);
    await page.getByLabel('Passwort').fill('wrong-password');
    const answered = page.waitForResponse((response) => response.url().endsWith('/login'));
    // A wait still counting down disables the button: later attempts go in once it is over.
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeEnabled({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const status = (await answered).status();
    if (attempt <= FREE_FAILURES) {
      expect(status).toBe(401);
      await expect(alert).toContainText('Benutzername oder Passwort stimmt nicht');
      if (attempt === FREE_FAILURES) {
        await snap(page, 'login wrong password');
        await expectNoAxeViolations(page, 'login with error');
      }
    } else expect([401, 429]).toContain(status);
  }
  // The right password now gets the hub's 429 too, with its wait.
  await expect(page.getByRole('button', { name: 'Anmelden' })).toBeEnabled({ timeout: 20_000 });
  await page.getByLabel('Passwort').fill(meyer.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(alert).toContainText(/Zu viele Anmeldeversuche\. Bitte warten Sie/);
  await snap(page, 'login too many attempts');

  // Another account is not locked out by the attempts on meyer.
  await page.reload();
  await login(page, admin);
  await expect(page.getByText('Angemeldet: Frau Admin (Administrator/in)')).toBeVisible();
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByRole('status')).toContainText('Sie haben sich abgemeldet.');
  // The session really ended: a reload does not bring the console back.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
  // English is complete (tests/unit/console-locales.test.ts) and one button away.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('queue → accept → consent → live view → guide → takeover → resident stops', async ({ page }) => {
  await login(page, meyer);
  await expect(page.getByText('Im Moment wartet niemand auf Hilfe.')).toBeVisible();

  const request = await hub.helpRequest();
  // Announced in the live region (visible too), and listed with German language name and reason.
  await expect(page.getByRole('status').filter({ hasText: 'Neue Hilfeanfrage' })).toContainText(
    'Neue Hilfeanfrage: Rathaus Eingang, Rathaus, Erdgeschoss – Türkisch',
  );
  const row = page.locator(`tr[data-request="${request.requestId}"]`);
  await expect(row).toContainText('Rathaus Eingang');
  await expect(row).toContainText('Türkisch');
  await expect(row).toContainText('Schritt 2 von 9');
  await expect(row).toContainText('Hilfe-Taste gedrückt');
  await expect(row).toContainText(/1 Min\. \d\d s/);
  await expect(page.getByRole('button', { name: 'Hilfeanfragen (1)' })).toBeVisible();
  await snap(page, 'queue with new request');
  await expectNoAxeViolations(page, 'queue');

  await row.getByRole('button', { name: 'Annehmen: Rathaus Eingang' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Unterstützen: Rathaus Eingang' })).toBeVisible();
  expect((await queue())[0]).toMatchObject({ state: 'accepted', assignedTo: { staffId: hub.staff.meyer.staffId } });
  expect(await hub.kiosk.next('help.accepted')).toMatchObject({ staffName: 'Frau Meyer' });

  await page.getByRole('button', { name: 'Um Einwilligung bitten' }).click();
  await expect(page.getByText('Die Person am Terminal wurde gefragt.')).toBeVisible();
  expect(await hub.kiosk.next('consent.request')).toMatchObject({ requestId: request.requestId });
  // No answers reach the console before "Ja".
  await expect(page.getByTestId('live-snapshot')).toHaveCount(0);
  await expectNoAxeViolations(page, 'assist waiting for consent');

  hub.answerConsent(request.requestId, true, SNAPSHOT);
  const snapshot = page.getByTestId('live-snapshot');
  await expect(snapshot).toContainText('Schritt 2 von 9');
  await expect(snapshot.locator('dt', { hasText: labelOf('postcode') })).toBeVisible();
  await expect(snapshot.locator('dd', { hasText: '21682' })).toBeVisible();

  // Guide: a navigation control and a field.
  await page.getByRole('button', { name: 'Weiter', exact: true }).first().click();
  await expect(page.getByText('Am Terminal hervorgehoben: Weiter')).toBeVisible();
  await page.getByLabel('Eingabefeld').selectOption({ label: labelOf('postcode') });
  await page.getByRole('button', { name: 'Feld zeigen' }).click();
  await hub.kiosk.next('guide.highlight', () => true, 1);
  expect(hub.sent('guide.highlight').map((message) => message.target)).toEqual(['next', 'field:postcode']);
  await snap(page, 'assist live view');
  await expectNoAxeViolations(page, 'assist live view');

  // Take over: answer the current step through its typed form (a choice for "purpose").
  await page.getByRole('button', { name: 'Übernahme starten' }).click();
  await expect(page.getByRole('heading', { name: 'Übernahme läuft' })).toBeVisible();
  await hub.kiosk.next('takeover.start');
  // A choice with few options is react-aria radios: the visible label is what staff press.
  const form = page.getByRole('region', { name: 'Übernahme läuft' });
  await form.locator('label', { hasText: svcText(melde, 'de', 'options.purpose.bank') }).click();
  await form.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByText('Befehl gesendet. Warten auf das Terminal')).toBeVisible();
  const answer = await hub.kiosk.next('takeover.answer');
  expect(answer).toMatchObject({ stepId: 'purpose', values: { purpose: 'bank' } });
  hub.kiosk.send({
    type: 'takeover.result',
    requestId: request.requestId,
    commandId: answer.commandId,
    ok: false,
    errorCode: 'validation',
    fieldErrors: [{ field: 'purpose', code: 'required' }],
  });
  await expect(page.getByRole('alert')).toContainText(labelOf('purpose'));
  await page.getByRole('button', { name: 'Zur Prüfseite' }).click();
  expect(await hub.kiosk.next('takeover.navigate')).toMatchObject({ action: 'check' });
  await snap(page, 'assist takeover');
  await expectNoAxeViolations(page, 'assist takeover');

  hub.kiosk.send({ type: 'live.stopped', requestId: request.requestId, by: 'resident' });
  await expect(page.getByText('Die Person am Terminal hat die Ansicht beendet.')).toBeVisible();
  await expect(page.getByTestId('live-snapshot')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Um Einwilligung bitten' })).toBeVisible();
});

test('the alert sound can be muted; a request is handed to a colleague', async ({ page }) => {
  // Counts the tones the console starts through Web Audio (no sound card is needed to count them).
  await page.addInitScript(() => {
    const counter = window as unknown as { tones: number };
    counter.tones = 0;
    const original = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      counter.tones += 1;
      return original.call(this);
    };
  });
  const tones = () => page.evaluate(() => (window as unknown as { tones: number }).tones);
  await login(page, meyer);
  const second = await hub.connectTerminal('Bürgerbüro Nord');
  const request = await hub.helpRequest('stuck_inactive');
  await expect.poll(tones).toBeGreaterThan(0);
  const mute = page.getByRole('button', { name: 'Signalton stumm' });
  await mute.click();
  await expect(mute).toHaveAttribute('aria-pressed', 'true');
  const before = await tones();
  await hub.helpFrom(second, 'button');
  await expect(page.getByRole('status').filter({ hasText: 'Neue Hilfeanfrage' })).toContainText('Bürgerbüro Nord');
  expect(await tones()).toBe(before);

  await page.getByRole('button', { name: 'Annehmen: Rathaus Eingang' }).click();
  await page.getByRole('button', { name: 'Zurück zu den Hilfeanfragen' }).click();
  await page.getByRole('button', { name: 'Übergeben: Rathaus Eingang' }).click();
  const dialog = page.getByRole('dialog', { name: 'Anfrage übergeben: Rathaus Eingang' });
  await dialog.getByLabel('An wen?').selectOption({ label: 'Herr Koch' });
  await expectNoAxeViolations(page, 'transfer dialog');
  await dialog.getByRole('button', { name: 'Übergeben' }).click();
  await expect(page.locator(`tr[data-request="${request.requestId}"]`)).toContainText('Angenommen von Herr Koch');
  const handed = (await queue()).find((entry) => entry.requestId === request.requestId);
  expect(handed?.assignedTo?.staffId).toBe(hub.staff.koch.staffId);
  second.close();
});

test('continue at the desk: handover code → draft → edit → submit → reference', async ({ page }) => {
  const code = await hub.deposit('meldebescheinigung', {
    certificateKind: 'einfach',
    purpose: 'arbeitgeber',
    familyName: 'Mustermann',
    givenNames: 'Erika',
    dateOfBirth: '1964-08-12',
    street: 'Am Hafen',
    houseNumber: '3',
    postcode: '21682',
    town: 'Stade',
    deliveryMethod: 'abholung',
  });
  await login(page, meyer);
  await page.getByRole('button', { name: 'Am Schalter fortsetzen' }).click();
  const field = page.getByLabel('Übergabe-Code');
  await field.fill('abcd-o345');
  await page.getByRole('button', { name: 'Entwurf öffnen' }).click();
  await expect(page.getByRole('alert')).toContainText('ein Zeichen, das in Codes nicht vorkommt');
  await field.fill('zzzz 2345');
  await page.getByRole('button', { name: 'Entwurf öffnen' }).click();
  await expect(page.getByRole('alert')).toContainText('Zu diesem Code gibt es keinen Entwurf');
  await expect(field).toHaveValue('ZZZZ-2345');

  await field.fill(code.toLowerCase().replace('-', ''));
  await page.getByRole('button', { name: 'Entwurf öffnen' }).click();
  await expect(page.getByRole('heading', { name: /^Entwurf: / })).toBeVisible();
  await expect(page.getByLabel(labelOf('postcode'), { exact: true })).toHaveValue('21682');
  await page.getByLabel(labelOf('houseNumber'), { exact: true }).fill('5');
  await snap(page, 'handover draft');
  await expectNoAxeViolations(page, 'handover draft');
  await page.getByRole('button', { name: 'Antrag abschicken' }).click();
  await expect(page.getByTestId('handover-reference')).toHaveText(/\S+/);
  const audit = await hub.admin.call<AuditEntry[]>('GET', '/audit');
  expect(audit.filter((entry) => entry.action === 'handover.submit').map((entry) => entry.outcome)).toEqual(['ok']);
  await expectNoAxeViolations(page, 'handover submitted');
});

test('admin: terminal overview, enrol and revoke a terminal, audit log, staff accounts', async ({ page }) => {
  await login(page, admin);
  await page.getByRole('button', { name: 'Terminals' }).click();
  const table = page.getByRole('table');
  await expect(table.getByRole('row', { name: /Rathaus Eingang/ })).toContainText('Online');
  await expect(table.getByRole('row', { name: /Bürgerbüro/ })).toContainText('Offline');
  await expect(table.getByRole('row', { name: /Bürgerbüro/ })).toContainText('Noch nie');

  await page.getByLabel('Name des Terminals').fill('Stadtbibliothek');
  await page.getByLabel('Ort', { exact: true }).fill('Bibliothek, Foyer');
  await page.getByRole('button', { name: 'Terminal anlegen' }).click();
  await expect(page.getByTestId('enrolment-code')).toHaveText(
    /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/,
  );
  await expect(page.getByText('Gültig bis')).toBeVisible();
  await expect(table.getByRole('row', { name: /Stadtbibliothek/ })).toBeVisible();
  await snap(page, 'terminals with enrolment code');
  await expectNoAxeViolations(page, 'terminals');

  await page.getByRole('button', { name: 'Sperren: Bürgerbüro' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Terminal Bürgerbüro sperren?' });
  await expect(confirm.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  await expectNoAxeViolations(page, 'revoke dialog');
  await confirm.getByRole('button', { name: 'Ja, sperren' }).click();
  await expect(table.getByRole('row', { name: /Bürgerbüro/ })).toContainText('Gesperrt');

  // The hub's own audit entries for these actions: who, which terminal.
  await page.getByRole('button', { name: 'Protokoll' }).click();
  await expect(page.getByRole('row', { name: /Bürgerbüro/ }).first()).toContainText('Frau Admin');
  await snap(page, 'audit');
  await expectNoAxeViolations(page, 'audit');

  await page.getByRole('button', { name: 'Mitarbeitende' }).click();
  await page.getByLabel('Benutzername').fill('Schulz');
  await page.getByLabel('Anzeigename').fill('Frau Schulz');
  await page.getByLabel('Erstes Passwort').fill('short');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await expect(page.getByText('Der Benutzername passt nicht zu den Regeln oben.')).toBeVisible();
  await expect(page.getByText('Das Passwort ist zu kurz')).toBeVisible();
  await expectNoAxeViolations(page, 'staff with errors');
  await page.getByLabel('Benutzername').fill('schulz');
  await page.getByLabel('Erstes Passwort').fill('a-long-enough-password');
  // react-aria's radio: the visible label is the target, the native input is visually hidden inside it.
  await page.locator('label.radio', { hasText: 'Administrator/in' }).click();
  await expect(page.getByRole('radio', { name: 'Administrator/in' })).toBeChecked();
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Das Konto' })).toHaveText(
    'Das Konto für Frau Schulz ist angelegt.',
  );
  await expect(page.getByRole('row', { name: /Frau Schulz/ })).toContainText('Administrator/in');
  const accounts = await hub.admin.call<Staff[]>('GET', '/staff/accounts');
  expect(accounts.find((account) => account.username === 'schulz')?.role).toBe('admin');
  await snap(page, 'staff');
});

test('keyboard only: login → accept; an expired session returns to the login with a notice', async ({ page }) => {
  await page.goto(hub.origin);
  await tabTo(page, page.getByLabel('Benutzername'));
  await page.keyboard.type(meyer.username);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Passwort')).toBeFocused();
  await page.keyboard.type(meyer.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Hilfeanfragen' })).toBeFocused();

  await hub.helpRequest();
  const accept = page.getByRole('button', { name: 'Annehmen: Rathaus Eingang' });
  await tabTo(page, accept);
  // The focus is visible: the yellow outline.
  expect(await accept.evaluate((el) => getComputedStyle(el).outlineColor)).toBe('rgb(255, 221, 0)');
  await snap(page, 'keyboard focus on accept');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Unterstützen: Rathaus Eingang' })).toBeFocused();
  const ask = page.getByRole('button', { name: 'Um Einwilligung bitten' });
  await tabTo(page, ask);

  // The session is gone (the hub process's clock cannot be moved here; the idle and absolute timeouts
  // themselves are tests/unit/hub-security.test.ts): the next action is refused and the console says so.
  await page.context().clearCookies();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Ihre Sitzung ist abgelaufen.');
  await expectNoAxeViolations(page, 'login after expiry');
});
