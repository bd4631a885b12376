import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { Step } from '../contract';
import { ui, type LoadedService } from '../tests/e2e/support/service-data';
import { currentStep, fillStep, openService } from './bench-journey';
import { headingText, timedStep, type StepTarget, type StepTiming } from './steps-page';
import { surveyJourney, surveyPageHtml } from './steps-survey';

/**
 * The kiosk and SurveyJS side by side (issue 19): the same journey shape, "Weiter" timed inside
 * each page, one step of one and then one of the other, in one Chromium.
 */

export const KIOSK_TARGET: StepTarget = { heading: 'h1', buttonText: ui('de', 'nav.continue') };
const KIOSK_BACK: StepTarget = { heading: 'h1', buttonText: ui('de', 'nav.back') };
export const SURVEY_TARGET: StepTarget = { heading: '.sd-page__title', buttonSelector: '.sd-navigation__next-btn' };
/** Portrait, as the terminal's screen. */
export const VIEWPORT = { width: 1080, height: 1920 };

/** Bundles bench/surveyjs/main.tsx (production React and SurveyJS) and serves it on 127.0.0.1. */
export async function serveSurvey(root: string, service: LoadedService, steps: readonly Step[]) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(root, 'bench/surveyjs/main.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    absWorkingDir: root,
  });
  const script = result.outputFiles[0]!.text;
  const css = readFileSync(join(root, 'node_modules/survey-core/survey-core.min.css'), 'utf8');
  const html = surveyPageHtml(surveyJourney(service, steps), css);
  const server: Server = createServer((request, response) => {
    const isScript = request.url === '/app.js';
    response.writeHead(200, {
      'content-type': isScript ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8',
    });
    response.end(isScript ? script : html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * The kiosk's first pass (not timed): fills every step on the planned answers' path, and returns
 * the steps shown, the check page excluded; then back to the first, whose answers stay filled in.
 */
export async function kioskFirstPass(page: Page, url: string, service: LoadedService) {
  await openService(page, url, service);
  const firstTitle = await headingText(page, 'h1');
  const checkTitle = ui('de', 'check.title');
  const steps: Step[] = [];
  for (let guard = 0; guard < 45; guard++) {
    if ((await headingText(page, 'h1')) === checkTitle) break;
    const step = await currentStep(page, service);
    if (!step) throw new Error('left the journey');
    steps.push(step);
    await fillStep(page, service, step);
    await timedStep(page, KIOSK_TARGET);
  }
  await kioskBackToFirst(page, firstTitle, steps.length);
  return { steps, firstTitle };
}

/** "Zurück" until the first question, not timed. */
export async function kioskBackToFirst(page: Page, firstTitle: string, stepCount: number): Promise<void> {
  for (let guard = 0; guard <= stepCount && (await headingText(page, 'h1')) !== firstTitle; guard++) {
    await timedStep(page, KIOSK_BACK);
  }
}

export interface SideBySide {
  kiosk: StepTiming[];
  survey: StepTiming[];
}

/**
 * `count` steps of each, interleaved: one kiosk "Weiter", one SurveyJS "Weiter". Each goes from
 * its first page to its last question; between passes both return to the first page, not timed.
 */
export async function measureSideBySide(
  kioskPage: Page,
  surveyPage: Page,
  firstTitle: string,
  stepCount: number,
  count: number,
): Promise<SideBySide> {
  const kiosk: StepTiming[] = [];
  const survey: StepTiming[] = [];
  while (kiosk.length < count) {
    for (let index = 0; index + 1 < stepCount && kiosk.length < count; index++) {
      kiosk.push(await timedStep(kioskPage, KIOSK_TARGET));
      survey.push(await timedStep(surveyPage, SURVEY_TARGET));
    }
    await kioskBackToFirst(kioskPage, firstTitle, stepCount);
    await surveyPage.evaluate(() => {
      window.benchSurvey!.currentPageNo = 0;
    });
    await surveyPage.waitForFunction(() => window.benchSurvey!.currentPageNo === 0);
  }
  return { kiosk, survey };
}

export async function openSurvey(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator(SURVEY_TARGET.heading).first().waitFor();
  return page;
}
