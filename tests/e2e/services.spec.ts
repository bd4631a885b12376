import { LANGUAGE_CODES, type Step } from '../../contract';
import { dailyRotation } from './support/daily-rotation';
import { expect, test } from './support/fixtures';
import { KioskDriver, type InputMode } from './support/journey-driver';
import { loadServices, svcText, type Lang, type LoadedService } from './support/service-data';

/**
 * Every service, start to finish, as a resident does it: choose the service,
 * answer each question, change one answer from the check page, send, read the
 * reference number, "Fertig".
 *
 * `npm run test:services` (SERVICES_FULL=1) runs the whole matrix: every service by mouse, by keyboard only and by
 * touch in German, and in one other language, with axe, a target-size check and a screenshot on every screen.
 * `npm test` runs a sample (see journeyPlan): the pattern services and one more that rotates by day, each once,
 * the input mode and the language rotating over the services, without the per-screen audit, since
 * tests/e2e/a11y-matrix.spec.ts checks the screens with axe in the same run.
 */

const FULL = process.env.SERVICES_FULL === '1';
// A whole journey on a shared 2-CPU runner, with axe and a screenshot on every screen in the full run.
test.describe.configure({ timeout: 240_000 });

const services = loadServices();
const MODES: readonly InputMode[] = ['keyboard', 'touch', 'pointer'];
const OTHER_LANGUAGES = LANGUAGE_CODES.filter((code) => code !== 'de');

interface PlannedJourney {
  service: LoadedService;
  mode: InputMode;
  lang: Lang;
  audit: boolean;
}

/**
 * The journeys to run. Sample: service i once, in mode i mod 3; every third service in another language,
 * rotating through the seven. Full: each service in all three modes in German with the audit, then once by
 * touch in another language (service i in language i mod 7).
 */
function journeyPlan(all: readonly LoadedService[], full: boolean): PlannedJourney[] {
  if (full) {
    return all.flatMap((service, index) => [
      ...MODES.map((mode) => ({ service, mode, lang: 'de' as Lang, audit: true })),
      { service, mode: 'touch' as const, lang: OTHER_LANGUAGES[index % OTHER_LANGUAGES.length]!, audit: true },
    ]);
  }
  const plan = all.map((service, index): PlannedJourney => ({
    service,
    mode: MODES[index % MODES.length]!,
    lang: index % 3 === 1 ? OTHER_LANGUAGES[Math.floor(index / 3) % OTHER_LANGUAGES.length]! : 'de',
    audit: false,
  }));
  // On a 2-core runner all 18 journeys take most of CI's 30 minutes: the pattern services every run, the
  // others in turn by the day of the year, so each is run within two weeks of runs.
  const always = plan.filter((journey) => ALWAYS_RUN.includes(journey.service.definition.id));
  const others = plan.filter((journey) => !ALWAYS_RUN.includes(journey.service.definition.id));
  return [...always, ...dailyRotation(others, ROTATING_PER_RUN)];
}
/** The services with a pattern of their own: an outcome, a report, a repeatable group and a prepared visit. */
const ALWAYS_RUN = ['meldebescheinigung', 'sperrmuell', 'maengel-melden', 'wohnsitz-anmelden'];
const ROTATING_PER_RUN = 1;
const CHANGED_VALUE = 'Am Sande';

/** A plain one-line text field the journey visited, to change from the check page. */
function changeableField(service: LoadedService, visited: string[]) {
  for (const stepId of visited) {
    const step = service.definition.journey.steps.find((candidate) => candidate.id === stepId) as Step;
    const field = step.fields.find(
      (candidate) => candidate.type === 'text' && !service.schema.properties[candidate.name]?.pattern,
    );
    if (field) return field;
  }
  throw new Error(`no changeable text field in ${service.definition.id}`);
}

async function completeService(driver: KioskDriver, url: string, service: LoadedService, lang: Lang = 'de') {
  // Proof that a keyboard run really used no pointer: count pointer events from page load on.
  await driver.page.addInitScript(() => {
    const counter = window as unknown as { pointerEvents: number };
    counter.pointerEvents = 0;
    for (const type of ['pointerdown', 'mousedown', 'touchstart']) {
      addEventListener(type, () => counter.pointerEvents++, true);
    }
  });
  // The journey's calls go on the event socket (contract/socket-call.ts), not as one fetch each.
  const journeyPosts: string[] = [];
  driver.page.on('request', (request) => {
    const method = /\/api\/call\/(session\.(?:start|answer|back|goTo|submit))$/.exec(request.url())?.[1];
    if (method) journeyPosts.push(method);
  });
  await driver.openStart(url);
  if (lang !== driver.lang) await driver.chooseLanguage(lang);
  await driver.chooseService(service);
  const visited = await driver.walkToCheck(service);
  expect(visited.length).toBeGreaterThan(1);
  await driver.screen('check');

  const field = changeableField(service, visited);
  await driver.changeFromCheck(service, field.name, CHANGED_VALUE);
  await expect(driver.page.getByRole('main')).toContainText(CHANGED_VALUE);
  await driver.screen('check-after-change');

  const reference = await driver.submit();
  await expect(driver.page.getByRole('main')).toContainText(reference);
  await driver.finish();
  await driver.screen('start-after-finish');
  // The journey ends on the start screen, back in German for the next resident.
  expect(driver.lang).toBe('de');
  const pointerEvents = await driver.page.evaluate(
    () => (window as unknown as { pointerEvents: number }).pointerEvents,
  );
  expect(journeyPosts, 'journey calls sent by POST instead of on the socket').toEqual([]);
  if (driver.mode === 'keyboard') expect(pointerEvents, 'pointer events in a keyboard-only run').toBe(0);
  else expect(pointerEvents).toBeGreaterThan(0);
}

const plan = journeyPlan(services, FULL);
const how: Record<InputMode, string> = { keyboard: 'by keyboard only', touch: 'by touch', pointer: 'by mouse' };

for (const { service, mode, lang, audit } of plan.filter((journey) => journey.mode !== 'touch')) {
  test(`${service.definition.id}: completed ${how[mode]} (${lang})`, async ({ page, kiosk }) => {
    await completeService(new KioskDriver(page, { mode, audit }), kiosk.url, service, lang);
  });
}

test.describe('touch journeys', () => {
  test.use({ hasTouch: true, isMobile: false });
  for (const { service, mode, lang, audit } of plan.filter((journey) => journey.mode === 'touch')) {
    test(`${service.definition.id}: completed ${how[mode]} (${lang})`, async ({ page, kiosk }) => {
      await completeService(new KioskDriver(page, { mode, audit }), kiosk.url, service, lang);
    });
  }
});

test.describe('touch screen', () => {
  test.use({ hasTouch: true, isMobile: false });

  test(`${services[0]!.definition.id}: completed by touch, with help opened`, async ({ page, kiosk }) => {
    const service = services[0]!;
    const driver = new KioskDriver(page, { mode: 'touch' });
    await driver.openStart(kiosk.url);
    await driver.chooseService(service);

    // "Hilfe" on the first question shows that question's help text.
    const first = service.definition.journey.steps[0]!;
    await driver.activate(driver.button(driver.t('header.help')));
    const help = page.getByRole('dialog');
    await expect(help).toBeVisible();
    if (first.helpKey) await expect(help).toContainText(svcText(service, 'de', first.helpKey));
    await driver.screen('help');
    await driver.activate(help.getByRole('button', { name: driver.t('help.close'), exact: true }));
    await expect(help).toBeHidden();

    await driver.walkToCheck(service);
    await driver.screen('check');
    const reference = await driver.submit();
    expect(reference).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]$/);
    await driver.finish();
  });
});
