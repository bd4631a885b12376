import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** What a spec reads of an axe violation. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary: string | undefined }[];
}

/** A navigation between the check and the run destroys the page's context; the run is then repeated once. */
const CONTEXT_GONE = /Execution context was destroyed|Cannot find context|navigation/i;

/**
 * axe-core's violations for the page's document, with the given rule tags.
 *
 * axe is injected once per document and run with `axe.run` in the page. AxeBuilder (@axe-core/playwright)
 * injects the 500 kB script again for every check and finishes each analysis in a newly opened blank page: on a
 * 2-core runner that was about eight times the cost of the check itself, for some 300 screens a test run.
 * The kiosk, the console and the dashboard are single documents; the receipt's print frame exists only while
 * printing and its content is checked in the receipt tests.
 */
export async function axeViolations(page: Page, tags: readonly string[]): Promise<AxeViolation[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const loaded = await page.evaluate(() => typeof (window as { axe?: { run?: unknown } }).axe?.run === 'function');
      if (!loaded) await page.evaluate(AXE_SOURCE);
      return await page.evaluate(async (runOnly) => {
        const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } })
          .axe;
        const results = await axe.run(document, {
          runOnly: { type: 'tag', values: runOnly },
          // Only violations are read: passes and incomplete results are not serialised.
          resultTypes: ['violations'],
        });
        return results.violations.map((violation) => ({
          id: violation.id,
          impact: violation.impact ?? null,
          help: violation.help,
          nodes: violation.nodes.map((node) => ({
            target: node.target.map((part) => String(part)),
            failureSummary: node.failureSummary,
          })),
        }));
      }, tags);
    } catch (error) {
      if (attempt >= 2 || !CONTEXT_GONE.test(String(error))) throw error;
    }
  }
}
