import type { Step } from '../../contract';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { loadServices, svcText, type Lang, type LoadedService } from './support/service-data';

/**
 * Every service, start to finish, as a resident does it: choose the service,
 * answer each question, change one answer from the check page, send, read the
 * reference number, "Fertig". Each screen gets axe, a target-size check and a screenshot.
 */

// axe + a screenshot on every screen, on a shared 2-CPU runner: whole journeys need more than the default.
test.describe.configure({ timeout: 240_000 });

const services = loadServices();
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
  const pointerEvents = await driver.page.evaluate(
    () => (window as unknown as { pointerEvents: number }).pointerEvents,
  );
  expect(journeyPosts, 'journey calls sent by POST instead of on the socket').toEqual([]);
  if (driver.mode === 'keyboard') expect(pointerEvents, 'pointer events in a keyboard-only run').toBe(0);
  else expect(pointerEvents).toBeGreaterThan(0);
}

for (const service of services) {
  const id = service.definition.id;

  test(`${id}: completed by mouse`, async ({ page, kiosk }) => {
    await completeService(new KioskDriver(page, { mode: 'pointer' }), kiosk.url, service);
  });

  test(`${id}: completed by keyboard only`, async ({ page, kiosk }) => {
    await completeService(new KioskDriver(page, { mode: 'keyboard' }), kiosk.url, service);
  });
}

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

test(`${services[1]?.definition.id ?? 'service'}: completed in English`, async ({ page, kiosk }) => {
  const service = services[1] ?? services[0]!;
  const driver = new KioskDriver(page, { mode: 'pointer' });
  // completeService ends on the start screen, back in German for the next resident.
  await completeService(driver, kiosk.url, service, 'en');
  expect(driver.lang).toBe('de');
});

// Issue 15: one of the new services in a language other than German and English.
test('hund-abmelden: completed in Turkish', async ({ page, kiosk }) => {
  const service = services.find((candidate) => candidate.definition.id === 'hund-abmelden')!;
  const driver = new KioskDriver(page, { mode: 'pointer' });
  await completeService(driver, kiosk.url, service, 'tr');
  expect(driver.lang).toBe('de');
});
