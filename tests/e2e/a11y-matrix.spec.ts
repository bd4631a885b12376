import type { Page } from '@playwright/test';
import {
  A11yMatrix,
  ALL_COMBOS,
  LANGS,
  comboLabel,
  rotatingCombo,
  sameCombo,
  type CheckRecord,
  type Combo,
} from './support/a11y-matrix';
import { planValue } from './support/answer-plan';
import { CONTRASTS, TEXT_SIZES, VIEWPORTS } from './support/display';
import { progressLog, saveRecords, takeAllRecords } from './support/a11y-matrix-records';
import { dailyRotation } from './support/daily-rotation';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { loadServices, svcText, type LoadedService } from './support/service-data';

/**
 * Issue 4's accessibility matrix: every screen of every service (start, each question the planned
 * answers reach plus the cheap alternative branches, an error state, check, confirmation) and the
 * dialogs (help, language menu, "Anzeige", end confirmation, idle warning), each checked with axe,
 * reflow, target sizes and 7:1 contrast (support/a11y-matrix.ts).
 *
 * `npm test` runs a sampled covering design: each screen gets one combination from a rotation
 * (`rotatingCombo`) in which any 48 consecutive checks are all 48 (language × theme × size)
 * combinations; the tests start at different points of it, so across the run every screen is checked
 * and every language, theme and size many times. Arabic at 200 % in high contrast is
 * pinned on every check page and on the idle warning. `npm run test:a11y` (A11Y_FULL=1) checks all 48
 * combinations on every screen, and keeps screenshots of each screen in de, ar, Leichte Sprache, high
 * contrast and 200 % (tests/artifacts/screens/a11y/).
 */

const FULL = process.env.A11Y_FULL === '1';

test.describe.configure({ mode: 'parallel', timeout: FULL ? 0 : 240_000 });
test.use({ viewport: VIEWPORTS.portrait });

/**
 * Which services `npm test` walks: a screen is a kind of page (question, group list and item, outcome, check,
 * confirmation, prepared visit) filled with a service's texts. The Meldebescheinigung (errors, detours) and the
 * one with a repeatable group and a prepared visit every run; the outcome service and the report one on alternate
 * days (CI's 30 minutes); and one more that rotates with the day of the year, so each shipped service is walked
 * within two weeks of runs; `npm run test:a11y` walks them all. The run prints which it walked.
 */
const ALWAYS_WALKED = ['meldebescheinigung', 'wohnsitz-anmelden'];
const ALTERNATING = ['sperrmuell', 'maengel-melden'];
const ROTATING_PER_RUN = 1;

function walkedServices(all: LoadedService[]): LoadedService[] {
  if (FULL) return all;
  const pick = (ids: readonly string[]) => all.filter((service) => ids.includes(service.definition.id));
  const others = all.filter((service) => ![...ALWAYS_WALKED, ...ALTERNATING].includes(service.definition.id));
  return [...pick(ALWAYS_WALKED), ...pick(dailyRotation(ALTERNATING, 1)), ...dailyRotation(others, ROTATING_PER_RUN)];
}

const services = walkedServices(loadServices());
console.log(`a11y matrix: walking ${services.map((service) => service.definition.id).join(', ')}`);

/** Each service's walk: answers that reach the conditional steps, and the cheap other branches. */
interface WalkPlan {
  /** Planned answers that differ from answer-plan's defaults, e.g. to reach a conditional step. */
  overrides?: Record<string, string>;
  /** On this step, "Weiter" is pressed first with nothing answered: the error summary is a screen too. */
  errorStep?: string;
  /** On step `at`, answer `field` with `value`, check the step that follows, go back, continue as planned. */
  detour?: { at: string; field: string; value: string };
  /** On step `at`, answer `field` with `value`, which leads to an outcome page; check it and go back. */
  outcome?: { at: string; field: string; value: string };
}

const PLANS: Record<string, WalkPlan> = {
  // "Sonstiges" reaches purpose-other, the only conditional step.
  // A postcode outside Stade and too much Sperrmüll show the outcome pages, then "Zurück".
  meldebescheinigung: {
    overrides: { purpose: 'sonstiges' },
    errorStep: 'family-name',
    outcome: { at: 'address', field: 'postcode', value: '20095' },
  },
  sperrmuell: { errorStep: 'address', outcome: { at: 'volume', field: 'volume', value: '8' } },
  // Feedback "ja" reaches contact-name, contact-channel and contact-email; the detour shows contact-phone.
  'maengel-melden': {
    overrides: { wantsFeedback: 'ja', contactChannel: 'email' },
    errorStep: 'category',
    detour: { at: 'contact-channel', field: 'contactChannel', value: 'telefon' },
  },
};

/** Full run: each service is walked twice, once per half of the languages (two workers share the load). */
const LANGUAGE_GROUPS: readonly (readonly string[])[] = FULL ? [LANGS.slice(0, 4), LANGS.slice(4)] : [LANGS];

/** Screens checked in more than this run's screenshots: de, ar and Leichte Sprache, high contrast, 200 %. */
const SCREENSHOT_COMBOS: readonly Combo[] = [
  { lang: 'de', contrast: 'normal', textSize: 'normal' },
  { lang: 'ar', contrast: 'normal', textSize: 'normal' },
  { lang: 'de-x-ls', contrast: 'normal', textSize: 'normal' },
  { lang: 'de', contrast: 'high', textSize: 'normal' },
  { lang: 'de', contrast: 'normal', textSize: 'xlarge' },
  { lang: 'ar', contrast: 'high', textSize: 'xlarge' },
];
const AR_200_HIGH: Combo = { lang: 'ar', contrast: 'high', textSize: 'xlarge' };

/** Which combinations a screen gets: the whole (language group of the) matrix, or the next one of the rotation. */
class Schedule {
  private screens = 0;

  constructor(
    private k: number,
    private readonly languages: readonly string[],
  ) {}

  next(pinned: Combo[] = []): Combo[] {
    this.screens++;
    if (FULL) {
      const combos = ALL_COMBOS.filter((combo) => this.languages.includes(combo.lang));
      // Alternate direction, so the next screen starts where this one ended (no extra switches).
      return this.screens % 2 === 0 ? [...combos].reverse() : combos;
    }
    // One per screen keeps npm test inside its time budget; the rotation still reaches every combination.
    const combos = [rotatingCombo(this.k++)];
    for (const pin of pinned) if (!combos.some((combo) => sameCombo(combo, pin))) combos.push(pin);
    return combos;
  }
}

class MatrixRun {
  readonly matrix: A11yMatrix;
  readonly driver: KioskDriver;

  constructor(
    readonly page: Page,
    readonly schedule: Schedule,
  ) {
    this.driver = new KioskDriver(page, { mode: 'pointer', audit: false });
    const info = test.info();
    this.matrix = new A11yMatrix(page, this.driver, progressLog(info.project.outputDir, info.title));
  }

  private options(combo: Combo) {
    return { screenshot: !FULL || SCREENSHOT_COMBOS.some((shot) => sameCombo(shot, combo)) };
  }

  async screen(name: string, pinned: Combo[] = []): Promise<void> {
    for (const combo of this.schedule.next(pinned)) await this.matrix.check(name, combo, this.options(combo));
  }

  /**
   * The prepared visit has no header (the session is gone; the page stays as the resident left the check
   * page): it is checked in the language, theme and size on screen, and the rotation moves on.
   */
  async screenAsItIs(name: string): Promise<void> {
    this.schedule.next();
    const combo = await this.matrix.current();
    await this.matrix.check(name, combo, this.options(combo));
  }

  async dialog(name: string, open: () => Promise<void>, close: () => Promise<void>): Promise<void> {
    for (const combo of this.schedule.next()) {
      await this.matrix.checkDialog(name, combo, open, close, this.options(combo));
    }
  }

  /** A header button's dialog, opened and closed by its texts in the language on screen. */
  async headerDialog(
    name: string,
    button: () => string,
    title: () => string,
    closeButton: () => string,
    role: 'dialog' | 'alertdialog' = 'dialog',
  ): Promise<void> {
    const dialog = () => this.page.getByRole(role, { name: title() });
    await this.dialog(
      name,
      async () => {
        await this.driver.button(button()).click();
        await expect(dialog()).toBeVisible();
      },
      async () => {
        await dialog().getByRole('button', { name: closeButton(), exact: true }).click();
        await expect(dialog()).toBeHidden();
      },
    );
  }
}

async function walkService(run: MatrixRun, url: string, service: LoadedService, withStartAndDialogs: boolean) {
  const { page, driver } = run;
  const t = (key: string) => driver.t(key);
  const id = service.definition.id;
  const plan = PLANS[id] ?? {};
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('start.title'));
  if (withStartAndDialogs) {
    await run.screen('start');
    await run.headerDialog(
      'start/help',
      () => t('header.help'),
      () => t('help.title'),
      () => t('help.close'),
    );
    await run.headerDialog(
      'start/display',
      () => t('display.button'),
      () => t('display.dialogTitle'),
      () => t('display.close'),
    );
  }
  await driver.openIntro(service);
  await run.screen(`${id}/intro`);
  await driver.startFromIntro();
  let first = true;
  for (let guard = 0; guard < 45; guard++) {
    if ((await driver.h1().innerText()).trim() === t('check.title')) break;
    // A repeatable group's item page ("Person 1"): check it, fill the item, back to the group's list.
    const item = await driver.groupItemOnScreen(service);
    if (item) {
      await run.screen(`${id}/${item.step.id}/item-${item.item + 1}`);
      await driver.answerItem(service, item.step, plan.overrides ?? {});
      continue;
    }
    const step = await driver.currentStep(service);
    if (!step) throw new Error(`unexpected page: "${await driver.h1().innerText()}"`);
    await run.screen(`${id}/${step.id}`);

    if (withStartAndDialogs && first) {
      await run.headerDialog(
        'session/help',
        () => t('header.help'),
        () => t('help.title'),
        () => t('help.close'),
      );
      await run.headerDialog(
        'session/language-menu',
        () => driver.t('language.current', { name: t('language.nativeName') }),
        () => t('language.dialogTitle'),
        () => t('language.close'),
      );
      await run.headerDialog(
        'session/display',
        () => t('display.button'),
        () => t('display.dialogTitle'),
        () => t('display.close'),
      );
      await run.headerDialog(
        'session/end-confirmation',
        () => t('sessionCancel.label'),
        () => t('end.title'),
        () => t('end.cancel'),
        'alertdialog',
      );
    }
    first = false;

    if (plan.errorStep === step.id) {
      await driver.button(t('nav.continue')).click();
      await expect(page.getByRole('alert').filter({ hasText: t('errors.summaryTitle') })).toBeVisible();
      await run.screen(`${id}/${step.id}/error`);
    }

    if (plan.detour?.at === step.id) {
      const { field: fieldName, value } = plan.detour;
      const field = step.fields.find((candidate) => candidate.name === fieldName)!;
      await driver.fillField(service, step, field, planValue(service, field, { [fieldName]: value }));
      await driver.continue();
      const other = await driver.currentStep(service);
      if (!other) throw new Error(`detour from ${step.id} led to "${await driver.h1().innerText()}"`);
      await run.screen(`${id}/${other.id}`);
      const otherHeading = await driver.h1().innerText();
      await driver.button(t('nav.back')).click();
      await expect(driver.h1()).not.toHaveText(otherHeading);
      expect((await driver.currentStep(service))?.id).toBe(step.id);
    }

    if (plan.outcome?.at === step.id) {
      const { field, value } = plan.outcome;
      await driver.answerStep(service, step, { ...plan.overrides, [field]: value });
      const outcome = await driver.currentStep(service);
      expect(outcome?.kind, `${step.id} with ${field} ${value} leads to an outcome`).toBe('outcome');
      await run.screen(`${id}/${outcome!.id}`);
      await driver.button(t('nav.back')).click();
      await expect(driver.h1()).not.toHaveText(svcText(service, driver.lang, outcome!.titleKey));
    }

    await driver.answerStep(service, step, plan.overrides);
  }
  await expect(driver.h1()).toHaveText(t('check.title'));
  await run.screen(`${id}/check`, [AR_200_HIGH]);
  await driver.submit();
  if (service.definition.completion === 'visit') await run.screenAsItIs(`${id}/visit`);
  else await run.screen(`${id}/confirmation`);
  await driver.finish();
}

// ---- run summary: each test leaves its records; the last one to finish prints the totals once ----

const EXPECTED_TESTS = services.length * LANGUAGE_GROUPS.length + 1;

test.afterAll(async () => {
  const runs = takeAllRecords(test.info().project.outputDir, EXPECTED_TESTS);
  if (!runs) return;
  const records = runs.flatMap((r) => r.records);
  const count = (pick: (record: CheckRecord) => string) => {
    const counts: Record<string, number> = {};
    for (const record of records) counts[pick(record)] = (counts[pick(record)] ?? 0) + 1;
    return counts;
  };
  const screens = count((r) => r.screen);
  const combos = count((r) => comboLabel(r.combo));
  const byLang = count((r) => r.combo.lang);
  const byContrast = count((r) => r.combo.contrast);
  const bySize = count((r) => r.combo.textSize);
  const failed = records.filter((r) => r.failures.length > 0).length;
  console.log(
    `a11y matrix (${FULL ? 'full' : 'sampled'}): ${records.length} (screen, locale, theme, size) checks, ` +
      `${Object.keys(screens).length} screens (min ${Math.min(...Object.values(screens))} each), ` +
      `${Object.keys(combos).length}/48 combinations, ${failed} checks with failures; ` +
      `locales ${JSON.stringify(byLang)}, themes ${JSON.stringify(byContrast)}, sizes ${JSON.stringify(bySize)}; ` +
      `test time ${Math.round(runs.reduce((sum, r) => sum + r.ms, 0) / 1000)} s summed over tests`,
  );
  // The design's promise: every locale, theme and size is covered, Arabic at 200 % in high contrast too.
  expect(Object.keys(byLang).sort()).toEqual([...LANGS].sort());
  expect(Object.keys(byContrast).sort()).toEqual([...CONTRASTS].sort());
  expect(Object.keys(bySize).sort()).toEqual([...TEXT_SIZES].sort());
  expect(combos[comboLabel(AR_200_HIGH)] ?? 0).toBeGreaterThan(0);
});

// ---- the tests ----

services.forEach((service, serviceIndex) => {
  LANGUAGE_GROUPS.forEach((languages) => {
    const id = service.definition.id;
    const title = FULL ? `${id}: every screen × ${languages.join(', ')} × 2 themes × 3 sizes` : `${id}: every screen`;
    test(title, async ({ page, kiosk }, testInfo) => {
      const started = Date.now();
      // Different starting points of the rotation, so the services together run through all 48.
      const run = new MatrixRun(page, new Schedule(serviceIndex * 17 + 5, languages));
      await walkService(run, kiosk.url, service, serviceIndex === 0);
      saveRecords(testInfo.project.outputDir, testInfo.title, run.matrix.records, Date.now() - started);
      expect(run.matrix.failures().join('\n'), `accessibility failures in ${id}`).toBe('');
    });
  });
});

test.describe('idle warning', () => {
  // The warning comes 4 s after the last touch and lasts 20 s: time enough for the checks, little waiting.
  test.use({ kioskOptions: { idleTimeoutS: 24, idleWarningS: 20 } });

  test('idle warning dialog', async ({ page, kiosk }, testInfo) => {
    const started = Date.now();
    const run = new MatrixRun(page, new Schedule(0, LANGS));
    const { driver } = run;
    const service = services[0]!;
    await page.goto(kiosk.url);
    await driver.chooseService(service);
    const combos = FULL ? ALL_COMBOS : [AR_200_HIGH, rotatingCombo(9), rotatingCombo(31)];
    for (const combo of combos) {
      await run.matrix.apply(combo);
      const warning = page.getByRole('alertdialog', { name: driver.t('idle.title') });
      await expect(warning).toBeVisible({ timeout: 15_000 });
      await run.matrix.audit('session/idle-warning', combo, {
        screenshot: !FULL || SCREENSHOT_COMBOS.some((shot) => sameCombo(shot, combo)),
      });
      await warning.getByRole('button', { name: driver.t('idle.continue'), exact: true }).click();
      await expect(warning).toBeHidden();
    }
    saveRecords(testInfo.project.outputDir, testInfo.title, run.matrix.records, Date.now() - started);
    expect(run.matrix.failures().join('\n'), 'accessibility failures of the idle warning').toBe('');
  });
});
