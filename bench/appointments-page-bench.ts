import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startAppointmentServer } from '../appointments/start-appointments';
import { addDays, localDate } from '../appointments/local-time';
import { ZmsAppointmentClient } from '../core/appointments/zms-client';
import { startsWith, svcText, ui, type LoadedService } from '../tests/e2e/support/service-data';
import { fiveOfficeCatalogue, SERVICE_ID } from './appointments-bench';
import { currentStep, fillStep, heading } from './bench-journey';
import { spawnKiosk, stopKiosk } from './kiosk-spawn';

/**
 * "Free days listed, then free times painted" as the resident sees it (issue 16): the built kiosk in Chromium
 * against the reference server with 8 weeks of slots at 5 offices (a fifth booked), the visit page of an
 * in-person service mapped to all 5. Timed in the page, like the step bench: from the tap to the frame after
 * the buttons appeared (a frame callback, then a task). Each round taps a day (times painted), then "Zurück"
 * (the day list fetched and painted again).
 */
export interface AppointmentsPageFigures {
  daysPaintedMs: number[];
  timesPaintedMs: number[];
}

/** Taps the first element matching `tap` and resolves with the time until `appears` is in the page, painted. */
function timedTap(page: Page, tap: string, appears: string): Promise<number> {
  return page.evaluate(
    ([tap, appears]) =>
      new Promise<number>((resolve, reject) => {
        const target = document.querySelector(tap) as HTMLElement | null;
        if (!target) return reject(new Error(`nothing to tap at ${tap}`));
        const timeout = setTimeout(() => reject(new Error(`${appears} not painted within 10 s`)), 10_000);
        let start = 0;
        const observer = new MutationObserver(() => {
          if (!document.querySelector(appears) || document.querySelector('[aria-busy="true"]')) return;
          observer.disconnect();
          requestAnimationFrame(() =>
            setTimeout(() => {
              clearTimeout(timeout);
              resolve(performance.now() - start);
            }),
          );
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        start = performance.now();
        target.click();
      }),
    [tap, appears] as const,
  );
}

/** The journey walked to its check page and the visit prepared: the page with "Termin buchen". */
async function toVisit(page: Page, url: string, service: LoadedService): Promise<void> {
  // Found by the search, as the start screen lists services by life situation.
  await page.goto(url);
  const title = svcText(service, 'de', service.definition.titleKey);
  await page.getByRole('searchbox', { name: ui('de', 'finder.searchLabel') }).fill(title);
  await page
    .getByRole('button', { name: startsWith(title) })
    .first()
    .click();
  await page.waitForFunction((start) => document.querySelector('h1')?.textContent !== start, ui('de', 'start.title'));
  await page.getByRole('button', { name: ui('de', 'servicePages.startNow'), exact: true }).click();
  await page.waitForFunction((intro) => document.querySelector('h1')?.textContent !== intro, title);
  const checkTitle = ui('de', 'check.title');
  for (let guard = 0; guard < 45 && (await heading(page)) !== checkTitle; guard++) {
    const step = await currentStep(page, service);
    if (!step) throw new Error('left the journey');
    await fillStep(page, service, step);
    const before = await heading(page);
    await page.getByRole('button', { name: ui('de', 'nav.continue'), exact: true }).click();
    await page.waitForFunction((title) => document.querySelector('h1')?.textContent !== title, before);
  }
  await page.getByRole('button', { name: ui('de', 'visit.prepare'), exact: true }).click();
  await page.waitForFunction((title) => document.querySelector('h1')?.textContent === title, ui('de', 'visit.title'));
}

export async function measureAppointmentsPage(
  browser: Browser,
  startScript: string,
  tmp: string,
  service: LoadedService,
  rounds: number,
): Promise<AppointmentsPageFigures> {
  const catalogue = fiveOfficeCatalogue();
  const officeIds = catalogue.offices.map((office) => office.id);
  const server = await startAppointmentServer({
    dataDir: mkdtempSync(join(tmp, 'appointments-page-')),
    catalogue,
    rateLimitPerMinute: 0,
    capacity: 1,
    bookableWeeks: 8,
  });
  const config = {
    baseUrl: server.apiUrl,
    timeoutMs: 30_000,
    services: { [service.definition.id]: { serviceId: SERVICE_ID, officeIds } },
  };
  const configFile = join(mkdtempSync(join(tmp, 'appointments-config-')), 'appointments.json');
  writeFileSync(configFile, JSON.stringify(config));
  // A fifth of all times booked already, as in the client bench.
  const probe = new ZmsAppointmentClient({ config, retries: 0 });
  const from = addDays(localDate(Date.now()), 1);
  let index = 0;
  for (const day of await probe.freeDays(service.definition.id, from, addDays(from, 8 * 7 - 1))) {
    for (const time of await probe.freeTimes(service.definition.id, day.date)) {
      if (index++ % 5 === 0) server.faults.occupy(time.officeId, time.timestamp);
    }
  }
  probe.close();
  const kiosk = await spawnKiosk(startScript, mkdtempSync(join(tmp, 'kiosk-appointments-')), 20_000, [
    '--appointments-config',
    configFile,
  ]);
  const context = await browser.newContext();
  const page = await context.newPage();
  const daysPaintedMs: number[] = [];
  const timesPaintedMs: number[] = [];
  try {
    await toVisit(page, kiosk.url, service);
    const action = ui('de', 'booking.action');
    await page.getByRole('button', { name: action, exact: true }).click();
    await page.locator('[data-booking-day]').first().waitFor();
    const days = await page.locator('[data-booking-day]').count();
    for (let round = 0; round < rounds; round += 1) {
      timesPaintedMs.push(
        await timedTap(
          page,
          `.booking-days > li:nth-child(${(round % days) + 1}) > [data-booking-day]`,
          '[data-booking-time]',
        ),
      );
      daysPaintedMs.push(await timedTap(page, '.back-link', '[data-booking-day]'));
    }
    return { daysPaintedMs, timesPaintedMs };
  } finally {
    await context.close();
    await stopKiosk(kiosk);
    await server.close();
  }
}
