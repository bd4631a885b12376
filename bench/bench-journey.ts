import type { Page } from '@playwright/test';
import type { Step } from '../contract';
import { planValue } from '../tests/e2e/support/answer-plan';
import { fieldLabel, startsWith, svcText, ui, type LoadedService } from '../tests/e2e/support/service-data';

/**
 * A minimal resident for the benchmark: taps and fills by role and name, like
 * the e2e driver, but with no test-runner imports (the bench runs as plain Node).
 */

export async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim().replace(/\s+/g, ' ');
}

export async function currentStep(page: Page, service: LoadedService): Promise<Step | undefined> {
  const text = await heading(page);
  const optional = ` ${ui('de', 'field.optional')}`;
  return service.definition.journey.steps.find((step) => {
    const title = svcText(service, 'de', step.titleKey);
    return text === title || text === title + optional;
  });
}

export async function openService(page: Page, url: string, service: LoadedService): Promise<void> {
  await page.goto(url);
  await startService(page, service);
}

/**
 * From the start screen, already loaded: the service's tile (inside its life situation's list when the
 * start screen shows situations, see renderer/finder/), then "Jetzt starten".
 */
export async function startService(page: Page, service: LoadedService): Promise<void> {
  const title = svcText(service, 'de', service.definition.titleKey);
  const control = (name: RegExp) => page.getByRole('button', { name }).or(page.getByRole('link', { name }));
  const tile = control(startsWith(title));
  if ((await tile.count()) === 0) {
    await control(startsWith(ui('de', `finder.category.${service.definition.category}`))).click();
    await page.waitForFunction((start) => document.querySelector('h1')?.textContent !== start, ui('de', 'start.title'));
  }
  if ((await heading(page)) !== title) await tile.click();
  await page.waitForFunction((intro) => document.querySelector('h1')?.textContent === intro, title);
  // The service's start page, then "Jetzt starten": the first question.
  await page.getByRole('button', { name: ui('de', 'servicePages.startNow'), exact: true }).click();
  // The first question's heading, not the moment between the pages without one.
  await page.waitForFunction((intro) => {
    const text = document.querySelector('h1')?.textContent;
    return !!text && text !== intro;
  }, title);
}

export async function fillStep(page: Page, service: LoadedService, step: Step): Promise<void> {
  for (const field of step.fields) {
    const planned = planValue(service, field);
    const label = startsWith(fieldLabel(service, 'de', step, field));
    const option = (value: string) =>
      startsWith(svcText(service, 'de', field.options!.find((candidate) => candidate.value === value)!.labelKey));
    if (planned.kind === 'text') {
      await page
        .getByRole('textbox', { name: label })
        .or(page.getByRole('spinbutton', { name: label }))
        .fill(planned.value);
    } else if (planned.kind === 'date') {
      await page.getByRole('textbox', { name: startsWith(ui('de', 'field.day')) }).fill(planned.day);
      await page.getByRole('textbox', { name: startsWith(ui('de', 'field.month')) }).fill(planned.month);
      await page.getByRole('textbox', { name: startsWith(ui('de', 'field.year')) }).fill(planned.year);
    } else if (planned.kind === 'confirm') {
      await page.getByRole('checkbox', { name: label }).check();
    } else {
      const role = planned.multiple ? 'checkbox' : 'radio';
      for (const value of planned.values) await page.getByRole(role, { name: option(value) }).check();
    }
  }
}
