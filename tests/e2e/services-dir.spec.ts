import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGE_CODES, ServiceDefinitionSchema } from '../../contract';
import { expectNoAxeViolations } from './support/a11y';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { ROOT } from './support/paths';
import { ui, type Lang, type LoadedService } from './support/service-data';
import { snap } from './support/snap';

/**
 * Issue 15, services without a release: a service folder in the town's `--services-dir`
 * (tests/fixtures/services-dir, which no code knows) appears after a start and runs to its
 * confirmation; a broken folder beside it is refused with its file and JSON path, once, and the rest
 * keeps working; the fixture has no Turkish, so in Turkish it shows in German with the notice in Turkish.
 */

const TOWN_DIR = join(ROOT, 'tests/fixtures/services-dir');

/** The fixture service as the kiosk shows it: a language without its file shows German's texts. */
function townService(id: string): LoadedService {
  const dir = join(TOWN_DIR, id);
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as never;
  const definition = ServiceDefinitionSchema.parse(read('service.json'));
  const german = read('locales/de.json');
  const texts = Object.fromEntries(
    LANGUAGE_CODES.map((code) => [
      code,
      existsSync(join(dir, 'locales', `${code}.json`)) ? read(`locales/${code}.json`) : german,
    ]),
  ) as unknown as LoadedService['texts'];
  return { definition, schema: read(definition.schema), texts };
}

// Each page is audited (axe, targets, screenshot): minutes on a loaded machine.
test.describe.configure({ timeout: 420_000 });
test.use({ hasTouch: true, kioskOptions: { servicesDir: TOWN_DIR } });

test('a town service folder appears and runs to its confirmation; the broken one beside it is refused', async ({
  page,
  kiosk,
}) => {
  const bench = townService('bank-patenschaft');
  const driver = new KioskDriver(page, { mode: 'touch' });
  await driver.openStart(kiosk.url);
  // With the whole catalogue the start screen shows life situations; the town's service sits under its own.
  await driver.activate(driver.control(/^Sonstiges/));
  await expect(driver.control(/^Parkbank-Patenschaft anfragen/)).toBeVisible();
  await expect(page.getByText('Kaputter Dienst')).toHaveCount(0);
  const problem = `Catalog problem: ${TOWN_DIR}/kaputt/service.json at /journey/steps/0/fields/0/type`;
  // The launcher says it once the core is open (after the listening line; the start screen waited for it).
  const said = () =>
    kiosk
      .output()
      .split('\n')
      .filter((line) => line.startsWith('Catalog problem:'));
  await expect
    .poll(said, { message: 'refused once, with file and JSON path' })
    .toEqual([expect.stringContaining(problem)]);

  // The shipped services keep working next to it.
  await expect(driver.control(/^Fundsache/)).toBeVisible();
  await driver.chooseService(bench);
  // A complete language: no notice.
  await expect(page.getByText(ui('de', 'serviceUntranslated.notice'))).toHaveCount(0);
  await driver.walkToCheck(bench, { fullName: 'Erika Mustermann' });
  await driver.screen('town-service-check');
  const reference = await driver.submit();
  expect(reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]$/);
});

test('in a language the town service lacks (Turkish) it shows in German, with the notice in Turkish', async ({
  page,
  kiosk,
}) => {
  const bench = townService('bank-patenschaft');
  const lang: Lang = 'tr';
  const driver = new KioskDriver(page, { mode: 'pointer' });
  await driver.openStart(kiosk.url);
  await driver.chooseLanguage(lang);
  await driver.openIntro(bench);
  // The page is Turkish around it; the service's own texts are German's.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Parkbank-Patenschaft anfragen');
  const notice = page.getByRole('status').filter({ hasText: ui(lang, 'serviceUntranslated.notice') });
  await expect(notice).toBeVisible();
  await expect(driver.button(ui(lang, 'servicePages.startNow'))).toBeVisible();
  await expectNoAxeViolations(page, 'town-service-intro-tr');
  await snap(page, 'town-service-intro-tr');
});
