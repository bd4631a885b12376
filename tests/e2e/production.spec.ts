import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { languageEntry } from '../../contract/languages';
import { DESK_OFFICE_ID } from '../../contract/office-keys';
import {
  DEMO_PORTAL_LINE,
  OUT_OF_SERVICE_LINES,
  PRODUCTION_LINE,
  PRODUCTION_NO_HUB_LINE,
} from '../../launcher/production';
import { checkA11y } from './support/a11y';
import { apiFromPage, expect, test } from './support/fixtures';
import { officeText } from './support/office-data';
import { startKiosk } from './support/kiosk-process';
import { ui } from './support/service-data';
import { snap } from './support/snap';

/**
 * A town's terminal started with `--production` but without its portal configuration (and without
 * hub flags) fails closed: no demo receiver, no demo hub, and an out-of-service screen that sends
 * residents to the desk, in every language, spoken, and accessible.
 */

// Speech is real and the machine is shared: the engine's first load can take a while.
test.describe.configure({ timeout: 180_000 });
test.use({ kioskOptions: { productionUnconfigured: true } });

/** The texts asked of the core as speech, in order. */
function recordPrompts(page: Page): string[] {
  const prompts: string[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/api/call/speech.synthesize')) return;
    const body = JSON.parse(request.postData() ?? '{}') as { text?: string };
    if (body.text) prompts.push(body.text);
  });
  return prompts;
}

test('production without a portal configuration: out of service in German and Arabic, no demo anything', async ({
  page,
  kiosk,
}) => {
  const prompts = recordPrompts(page);
  await page.setViewportSize({ width: 1080, height: 1920 });
  await page.goto(kiosk.url);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(ui('de', 'outOfService.title'));
  await expect(heading).toBeFocused();
  await expect(page.getByText(ui('de', 'outOfService.desk'))).toBeVisible();
  await expect(page.getByText(officeText('de', DESK_OFFICE_ID, 'access'))).toBeVisible();
  // No service to choose: the kiosk takes no applications.
  await expect(page.locator('.tiles')).toHaveCount(0);
  await snap(page, 'out-of-service-de');
  await checkA11y(page, 'out of service (de)');
  // Spoken like every screen (a slow start may have spoken the waiting screen before it).
  await expect.poll(() => prompts.includes(ui('de', 'outOfService.title')), { timeout: 20_000 }).toBe(true);

  // The core refuses a session even when asked directly.
  const started = (await apiFromPage(page, 'session.start', { serviceId: 'meldebescheinigung', language: 'de' })) as {
    json: { ok: boolean; error?: { code: string } };
  };
  expect(started.json).toMatchObject({ ok: false, error: { code: 'forbidden' } });

  await page.getByRole('button', { name: languageEntry('ar').nativeName, exact: true }).click();
  await expect(heading).toHaveText(ui('ar', 'outOfService.title'));
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByText(ui('ar', 'outOfService.desk'))).toBeVisible();
  await snap(page, 'out-of-service-ar');
  await checkA11y(page, 'out of service (ar)');
  await expect.poll(() => prompts.includes(ui('ar', 'outOfService.title')), { timeout: 20_000 }).toBe(true);

  // The log: production first, then one line each for portal and hub saying why.
  const output = kiosk.output();
  expect(output.split('\n')[0]).toBe(PRODUCTION_LINE);
  expect(output).toContain(OUT_OF_SERVICE_LINES['no-portal-configuration']);
  expect(output).toContain(PRODUCTION_NO_HUB_LINE);
  // The demo receiver and hub would have started 3 and 5 seconds after the core opened; wait past that.
  await page.waitForTimeout(6_000);
  expect(existsSync(join(kiosk.dataDir, 'demo-portal')), 'demo receiver data folder').toBe(false);
  expect(existsSync(join(kiosk.dataDir, 'hub')), 'demo hub data folder').toBe(false);
  expect(kiosk.output()).not.toMatch(/Demo portal|receiver listening|hub listening/i);
});

test('the checkout default says it is a demo in its first line', async () => {
  const demo = await startKiosk({ portal: 'demo' });
  try {
    expect(demo.output().split('\n')[0]).toBe(DEMO_PORTAL_LINE);
  } finally {
    await demo.dispose();
  }
});
