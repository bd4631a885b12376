import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { loadServices, svcText, type Lang } from './support/service-data';

/**
 * Issue 15: each new service end to end in one language besides German, spread across the other
 * seven, to its confirmation. The driver answers from the data; the assertions read the service's
 * own texts in that language (the office an Anliegen goes to, on the check and confirmation pages).
 */

// axe + a screenshot on every screen, on a shared 2-CPU runner: whole journeys need more than the default.
test.describe.configure({ timeout: 480_000 });

const IN_LANGUAGE: Record<string, Lang> = {
  'fundsache-melden': 'ru',
  'verlust-melden': 'pl',
  bibliotheksausweis: 'uk',
  anliegen: 'ar',
  'gewerbe-anmelden': 'tr',
};

const services = loadServices().filter((service) => service.definition.id in IN_LANGUAGE);

for (const service of services) {
  const id = service.definition.id;
  const lang = IN_LANGUAGE[id]!;

  test(`${id}: completed in ${lang}`, async ({ page, kiosk }) => {
    const driver = new KioskDriver(page, { mode: 'pointer' });
    await driver.openStart(kiosk.url);
    await driver.chooseLanguage(lang);
    await driver.chooseService(service);
    const visited = await driver.walkToCheck(service);
    expect(visited.length).toBeGreaterThan(1);
    const main = page.getByRole('main');
    // The first question's answer (the driver takes the first option) reads in the chosen language.
    const first = service.definition.journey.steps[0]!.fields[0]!;
    await expect(main).toContainText(svcText(service, lang, first.options![0]!.labelKey));
    await driver.screen('check');

    const reference = await driver.submit();
    await expect(main).toContainText(reference);
    if (id === 'anliegen') await expect(main).toContainText(svcText(service, lang, 'nextSteps.routeRoads'));
    await driver.finish();
    expect(driver.lang).toBe('de');
  });
}
