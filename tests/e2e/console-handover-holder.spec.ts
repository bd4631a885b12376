import { expect, test, type Page } from '@playwright/test';
import type { AuditEntry } from '../../contract/hub';
import { expectNoAxeViolations } from './support/a11y';
import { ACCOUNTS, ConsoleTestHub } from './support/console-real-hub';
import { HubAdmin } from './support/hub-process';
import { snap } from './support/snap';

/**
 * A handover code is bound to the desk that opened it (issue 17): a colleague's open is refused and the
 * console says why; "Code freigeben" lets it go, and the colleague opens it. Real hub process, built console.
 */

let hub: ConsoleTestHub;
test.beforeEach(async ({ page }) => {
  hub = new ConsoleTestHub();
  await hub.start();
  await page.setViewportSize({ width: 1366, height: 900 });
});
test.afterEach(async () => {
  await hub.stop();
});

async function openCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Übergabe-Code').fill(code);
  await page.getByRole('button', { name: 'Entwurf öffnen' }).click();
}

test('a code opened at one desk: a colleague is refused until it is released', async ({ page }) => {
  const code = await hub.deposit('meldebescheinigung', { familyName: 'Mustermann' });
  const koch = await HubAdmin.login(hub.process, ACCOUNTS.koch);

  await page.goto(hub.origin);
  await page.getByLabel('Benutzername').fill(ACCOUNTS.meyer.username);
  await page.getByLabel('Passwort').fill(ACCOUNTS.meyer.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('button', { name: 'Am Schalter fortsetzen' }).click();
  await openCode(page, code);
  await expect(page.getByRole('heading', { name: /^Entwurf: / })).toBeVisible();
  await expect(koch.call('POST', '/handover/open', { code })).rejects.toThrow('409');

  const release = page.getByRole('button', { name: 'Code freigeben' });
  expect((await release.boundingBox())!.height).toBeGreaterThanOrEqual(48);
  await snap(page, 'handover draft with release');
  await expectNoAxeViolations(page, 'handover draft with release');
  await release.click();
  await expect(page.getByText('Code freigegeben.')).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Entwurf: / })).toHaveCount(0);

  // Herr Koch has it now; Frau Meyer opening it again is refused, and told why.
  await koch.call('POST', '/handover/open', { code });
  await openCode(page, code);
  await expect(page.getByRole('alert')).toContainText('am eigenen Platz geöffnet');
  await snap(page, 'handover held by a colleague');
  await expectNoAxeViolations(page, 'handover held by a colleague');

  const audit = await hub.admin.call<AuditEntry[]>('GET', '/audit');
  expect(
    audit
      .filter((entry) => entry.action.startsWith('handover.'))
      .reverse()
      .map((entry) => `${entry.action}:${entry.outcome}`),
  ).toEqual([
    'handover.open:ok',
    'handover.open:refused',
    'handover.release:ok',
    'handover.open:ok',
    'handover.open:refused',
  ]);
});
