import { apiFromPage, expect, test } from './support/fixtures';
import { expectNoAxeViolations } from './support/a11y';
import { KioskDriver } from './support/journey-driver';
import { loadService, startsWith, svcText } from './support/service-data';

/**
 * Issue 14, item 2: what is typed on the current page survives a reload, as the earlier pages' answers do,
 * and is still not an answer until "Weiter" (the core keeps it sealed apart: tests/unit/core-page-draft.test.ts).
 */

// A walk of several pages on a shared 2-CPU runner: more than the default.
test.describe.configure({ timeout: 120_000 });

const service = loadService('meldebescheinigung');
const familyStep = service.definition.journey.steps.find((step) => step.id === 'family-name')!;

interface Resumed {
  answers: Record<string, unknown>;
  pageDraft?: { stepId: string; values: Record<string, unknown> };
}

async function resumed(page: import('@playwright/test').Page): Promise<Resumed> {
  const result = (await apiFromPage(page, 'session.resume', {})) as { json: { ok: boolean; value: Resumed } };
  expect(result.json.ok).toBe(true);
  return result.json.value;
}

test('typed on the current page, not yet confirmed: a reload keeps it', async ({ page, kiosk }) => {
  const driver = new KioskDriver(page, { audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseService(service);
  await driver.walkToStep(service, 'family-name');
  const input = page.getByRole('textbox', { name: startsWith(svcText(service, 'de', familyStep.titleKey)) });
  await input.click();
  await input.fill('Hökermeyer');
  // Saved a moment after typing stops (renderer/app/page-draft.ts).
  await expect
    .poll(async () => (await resumed(page)).pageDraft)
    .toEqual({ stepId: 'family-name', values: { familyName: 'Hökermeyer' } });
  expect((await resumed(page)).answers).not.toHaveProperty('familyName');

  await page.reload();
  await expect(driver.h1()).toHaveText(svcText(service, 'de', familyStep.titleKey));
  await expect(input).toHaveValue('Hökermeyer');
  await expectNoAxeViolations(page, 'page restored after reload');
  // Confirmed with "Weiter", it is an answer, and the page's entries are gone.
  await driver.continue();
  const after = await resumed(page);
  expect(after.answers).toMatchObject({ familyName: 'Hökermeyer' });
  expect(after.pageDraft).toBeUndefined();
});
