import { expect, test } from '@playwright/test';
import { AXE_TAGS } from './support/a11y';
import { axeViolations } from './support/axe-run';

/**
 * The accessibility checks of every spec rest on support/axe-run.ts: it must report what axe reports, on a
 * page of its own and again after a navigation (a new document has no axe until it is injected again).
 */
test('the in-page axe run finds missing names, alt text and low contrast, and nothing on a clean page', async ({
  page,
}) => {
  const broken =
    '<!doctype html><html lang="de"><head><title>t</title></head><body><main>' +
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button>' +
    '<p style="color:#999;background:#aaa">kaum lesbar</p></main></body></html>';
  const clean =
    '<!doctype html><html lang="de"><head><title>t</title></head><body><main><h1>Start</h1>' +
    '<button>Weiter</button></main></body></html>';

  await page.setContent(broken);
  const found = (await axeViolations(page, AXE_TAGS)).map((violation) => violation.id).sort();
  expect(found).toEqual(['button-name', 'color-contrast', 'image-alt']);

  await page.setContent(clean);
  expect(await axeViolations(page, AXE_TAGS)).toEqual([]);

  await page.setContent(broken);
  const again = await axeViolations(page, AXE_TAGS);
  expect(again.find((violation) => violation.id === 'image-alt')?.nodes[0]?.target).toEqual(['img']);
});
