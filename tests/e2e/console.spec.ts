import { expect, test, type Page } from '@playwright/test';
import type { LiveSnapshot } from '../../contract/hub';
import { expectNoAxeViolations } from './support/a11y';
import { ACCOUNTS, LOGIN_LIMIT, LOGIN_WAIT_SECONDS, StandInHub } from './support/console-stand-in-hub';
import { tabTo } from './support/keyboard';
import { snap } from './support/snap';

/**
 * The staff console (dist/console) against a stand-in hub (support/console-stand-in-hub.ts), which plays
 * the real hub being written in parallel and the kiosk's side of each flow. Needs `node build/build.mjs`.
 */

// Each worker starts its own stand-in hub, so the tests can share the two workers.
test.describe.configure({ mode: 'parallel' });
const hub = new StandInHub();
const [admin, meyer] = [ACCOUNTS[0]!, ACCOUNTS[1]!];

const SNAPSHOT: LiveSnapshot = {
  serviceId: 'meldebescheinigung',
  language: 'tr',
  position: { kind: 'step', stepId: 'adresse', stepNumber: 2, stepCount: 4, returnToCheck: false },
  answers: { givenName: 'Testname', postalCode: '21682' },
  visibleStepIds: ['person', 'adresse', 'zweck', 'zustellung'],
};

test.beforeAll(async () => {
  await hub.start();
});
test.afterAll(async () => {
  await hub.stop();
});

let cspViolations: string[] = [];
test.beforeEach(async ({ page }) => {
  hub.reset();
  cspViolations = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.setViewportSize({ width: 1366, height: 900 });
});
test.afterEach(() => {
  expect(cspViolations, 'the console runs under the strict CSP without violations').toEqual([]);
});

async function login(page: Page, account: { username: string; password: string }): Promise<void> {
  await page.goto(hub.origin);
  await page.getByLabel('Benutzername').fill(account.username);
  await page.getByLabel('Passwort').fill(account.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hilfeanfragen' })).toBeVisible();
}

test('login: wrong password and too many attempts are explained; then staff get in and out', async ({ page }) => {
  await page.goto(hub.origin);
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeFocused();
  for (let attempt = 1; attempt <= LOGIN_LIMIT; attempt++) {
    await page.getByLabel('Benutzername').fill(meyer.username);
    await page.getByLabel('Passwort').fill('wrong-password');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('alert')).toContainText('Benutzername oder Passwort stimmt nicht');
  }
  await snap(page, 'login wrong password');
  await expectNoAxeViolations(page, 'login with error');
  await page.getByLabel('Passwort').fill(meyer.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toContainText(
    `Zu viele Anmeldeversuche. Bitte warten Sie ${LOGIN_WAIT_SECONDS} Sekunden`,
  );
  await expect(page.getByRole('button', { name: 'Anmelden' })).toBeDisabled();
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

  const request = hub.addHelpRequest();
  // Announced in the live region (visible too), and listed with German language name and reason.
  await expect(page.getByRole('status').filter({ hasText: 'Neue Hilfeanfrage' })).toContainText(
    'Neue Hilfeanfrage: Rathaus Eingang, Rathaus, Erdgeschoss – Türkisch',
  );
  const row = page.locator(`tr[data-request="${request.requestId}"]`);
  await expect(row).toContainText('Rathaus Eingang');
  await expect(row).toContainText('Türkisch');
  await expect(row).toContainText('Schritt 2 von 4: adresse');
  await expect(row).toContainText('Hilfe-Taste gedrückt');
  await expect(row).toContainText(/1 Min\. \d\d s/);
  await expect(page.getByRole('button', { name: 'Hilfeanfragen (1)' })).toBeVisible();
  await snap(page, 'queue with new request');
  await expectNoAxeViolations(page, 'queue');

  await row.getByRole('button', { name: 'Annehmen: Rathaus Eingang' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Unterstützen: Rathaus Eingang' })).toBeVisible();
  expect(hub.queue[0]).toMatchObject({ state: 'accepted', assignedTo: { staffId: meyer.staffId } });

  await page.getByRole('button', { name: 'Um Einwilligung bitten' }).click();
  await expect(page.getByText('Die Person am Terminal wurde gefragt.')).toBeVisible();
  expect(hub.commands.map((command) => command.route)).toContain('POST /help/:requestId/consent');
  // No answers reach the console before "Ja".
  await expect(page.getByTestId('live-snapshot')).toHaveCount(0);
  await expectNoAxeViolations(page, 'assist waiting for consent');

  hub.answerConsent(request.requestId, true, SNAPSHOT);
  const snapshot = page.getByTestId('live-snapshot');
  await expect(snapshot).toContainText('Schritt 2 von 4: adresse');
  await expect(snapshot.locator('dt', { hasText: 'postalCode' })).toBeVisible();
  await expect(snapshot.locator('dd', { hasText: '21682' })).toBeVisible();

  // Guide: a navigation control and a field.
  await page.getByRole('button', { name: 'Weiter', exact: true }).first().click();
  await expect(page.getByText('Am Terminal hervorgehoben: Weiter')).toBeVisible();
  await page.getByLabel('Eingabefeld').selectOption('postalCode');
  await page.getByRole('button', { name: 'Feld zeigen' }).click();
  const guides = hub.commands.filter((command) => command.route === 'POST /help/:requestId/guide');
  expect(guides.map((command) => command.body.target)).toEqual(['next', 'field:postalCode']);
  await snap(page, 'assist live view');
  await expectNoAxeViolations(page, 'assist live view');

  // Take over: answer the current step through the generic field form.
  await page.getByRole('button', { name: 'Übernahme starten' }).click();
  await expect(page.getByRole('heading', { name: 'Übernahme läuft' })).toBeVisible();
  await page.getByLabel('Feldname').fill('postalCode');
  await page.getByLabel('Wert').fill('21680');
  const form = page.locator('form', { has: page.getByLabel('Feldname') });
  await form.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByText('Befehl gesendet. Warten auf das Terminal')).toBeVisible();
  const answer = hub.commands.find((command) => command.route === 'POST /help/:requestId/takeover/answer')!;
  expect(answer.body).toEqual({ stepId: 'adresse', values: { postalCode: '21680' } });
  hub.takeoverResult({
    requestId: request.requestId,
    commandId: answer.commandId!,
    ok: false,
    errorCode: 'validation',
    fieldErrors: [{ field: 'postalCode', code: 'pattern' }],
  });
  await expect(page.getByRole('alert')).toContainText('postalCode: Die Angabe passt nicht.');
  await page.getByRole('button', { name: 'Zur Prüfseite' }).click();
  await expect
    .poll(() => hub.commands.filter((c) => c.route === 'POST /help/:requestId/takeover/navigate').map((c) => c.body))
    .toEqual([{ action: 'check' }]);
  await snap(page, 'assist takeover');
  await expectNoAxeViolations(page, 'assist takeover');

  hub.residentStops(request.requestId);
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
  const request = hub.addHelpRequest('t_rathaus001', 'stuck_inactive');
  await expect.poll(tones).toBeGreaterThan(0);
  const mute = page.getByRole('button', { name: 'Signalton stumm' });
  await mute.click();
  await expect(mute).toHaveAttribute('aria-pressed', 'true');
  const before = await tones();
  hub.addHelpRequest('t_buergerbuero2', 'button');
  await expect(page.getByRole('status').filter({ hasText: 'Neue Hilfeanfrage' })).toContainText('Bürgerbüro');
  expect(await tones()).toBe(before);

  await page.getByRole('button', { name: 'Annehmen: Rathaus Eingang' }).click();
  await page.getByRole('button', { name: 'Zurück zu den Hilfeanfragen' }).click();
  await page.getByRole('button', { name: 'Übergeben: Rathaus Eingang' }).click();
  const dialog = page.getByRole('dialog', { name: 'Anfrage übergeben: Rathaus Eingang' });
  await dialog.getByLabel('An wen?').selectOption({ label: 'Herr Koch' });
  await expectNoAxeViolations(page, 'transfer dialog');
  await dialog.getByRole('button', { name: 'Übergeben' }).click();
  await expect(page.locator(`tr[data-request="${request.requestId}"]`)).toContainText('Angenommen von Herr Koch');
  expect(hub.queue[0]!.assignedTo?.staffId).toBe('s_koch');
});

test('continue at the desk: handover code → draft → edit → submit → reference', async ({ page }) => {
  await login(page, meyer);
  await page.getByRole('button', { name: 'Am Schalter fortsetzen' }).click();
  const code = page.getByLabel('Übergabe-Code');
  await code.fill('abcd-o345');
  await page.getByRole('button', { name: 'Entwurf öffnen' }).click();
  await expect(page.getByRole('alert')).toContainText('ein Zeichen, das in Codes nicht vorkommt');
  await code.fill('zzzz 2345');
  await page.getByRole('button', { name: 'Entwurf öffnen' }).click();
  await expect(page.getByRole('alert')).toContainText('Zu diesem Code gibt es keinen Entwurf');
  await expect(code).toHaveValue('ZZZZ-2345');

  await code.fill('abcd2345');
  await page.getByRole('button', { name: 'Entwurf öffnen' }).click();
  await expect(page.getByRole('heading', { name: 'Entwurf: sperrmuell' })).toBeVisible();
  await expect(page.getByLabel('street')).toHaveValue('Am Hafen 3');
  await page.getByLabel('items').fill('Sofa, Schrank');
  await snap(page, 'handover draft');
  await expectNoAxeViolations(page, 'handover draft');
  await page.getByRole('button', { name: 'Antrag abschicken' }).click();
  await expect(page.getByTestId('handover-reference')).toHaveText('STD-2026-000001');
  expect(hub.submitted[0]!.answers).toEqual({ street: 'Am Hafen 3', items: 'Sofa, Schrank' });
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
  expect(hub.terminals.map((terminal) => terminal.name)).toContain('Stadtbibliothek');
  await snap(page, 'terminals with enrolment code');
  await expectNoAxeViolations(page, 'terminals');

  await page.getByRole('button', { name: 'Sperren: Bürgerbüro' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Terminal Bürgerbüro sperren?' });
  await expect(confirm.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  await expectNoAxeViolations(page, 'revoke dialog');
  await confirm.getByRole('button', { name: 'Ja, sperren' }).click();
  await expect(table.getByRole('row', { name: /Bürgerbüro/ })).toContainText('Gesperrt');
  expect(hub.terminals.find((terminal) => terminal.name === 'Bürgerbüro')!.revoked).toBe(true);

  hub.audit.push({
    at: new Date().toISOString(),
    staffId: meyer.staffId,
    action: 'help.consent',
    terminalId: 't_rathaus001',
    subjectId: '6f1f4a57-8a51-4c5e-9d0f-1c2b3a4d5e6f',
    outcome: 'ok',
  });
  await page.getByRole('button', { name: 'Protokoll' }).click();
  await expect(page.getByRole('row', { name: /Frau Meyer/ })).toContainText('Rathaus Eingang');
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
  expect(hub.accounts.find((account) => account.username === 'schulz')?.role).toBe('admin');
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

  hub.addHelpRequest();
  const accept = page.getByRole('button', { name: 'Annehmen: Rathaus Eingang' });
  await tabTo(page, accept);
  // The focus is visible: the yellow outline.
  expect(await accept.evaluate((el) => getComputedStyle(el).outlineColor)).toBe('rgb(255, 221, 0)');
  await snap(page, 'keyboard focus on accept');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Unterstützen: Rathaus Eingang' })).toBeFocused();
  const ask = page.getByRole('button', { name: 'Um Einwilligung bitten' });
  await tabTo(page, ask);

  hub.expireSessions();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Ihre Sitzung ist abgelaufen.');
  await expectNoAxeViolations(page, 'login after expiry');
});
