import { expect, test } from './support/fixtures';
import { planValue } from './support/answer-plan';
import { KioskDriver } from './support/journey-driver';
import { installRenderProbe, takeCommits, type ProbeCommit } from './support/render-probe';
import { loadService } from './support/service-data';

/**
 * Issue 19: what React does on "Weiter", pinned without timings. On every step of the Meldebescheinigung
 * (radios, text inputs, a date, an address of four fields): the reply is rendered once (no second,
 * synchronous render of the new page right after its commit, as react-aria's field components caused), the
 * parts around the page (header, footer, speech bar, back link) are not rendered again, the dock's "Weiter"
 * stays the same button, focus lands on the new question's heading, and the new page is committed in the task
 * that brought the reply (not in a task of React's scheduler queued after it).
 */

const service = loadService('meldebescheinigung');
const AROUND = ['header.session-header', 'footer', '.speech-bar', '.back-link'];
const DOCK = '.dock__primary';

test('a step renders the new question once and leaves the page around it alone', async ({ page, kiosk }) => {
  await installRenderProbe(page, [...AROUND, DOCK]);
  const driver = new KioskDriver(page, { audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseService(service);
  const checkTitle = driver.t('check.title');
  let steps = 0;
  while ((await driver.h1().innerText()).trim() !== checkTitle) {
    const step = await driver.currentStep(service);
    if (!step) throw new Error(`unexpected page: ${await driver.h1().innerText()}`);
    for (const field of step.fields) await driver.fillField(service, step, field, planValue(service, field, {}));
    await takeCommits(page);
    const titleBefore = await page.title();
    await driver.continue();
    await expect(driver.h1()).toBeFocused();
    // Set after the new page is painted, but set: the window's title names the new page.
    await expect.poll(() => page.title()).not.toBe(titleBefore);
    const commits = await takeCommits(page);
    // The commit that put the new page in: the question's form was mounted in it (the check page has none).
    const reply = commits.find((commit) =>
      commit.rendered.some((part) => part.mounted && part.host.startsWith('form.question')),
    );
    if ((await driver.h1().innerText()).trim() === checkTitle) break;
    expect(reply, `no commit mounted the question after ${step.id}`).toBeDefined();
    // In the task that brought the core's reply, not queued behind whatever else waits (issue 19).
    expect(reply!.inSocketTask, `the reply to ${step.id} was rendered in a later task`).toBe(true);
    // A commit in which no component rendered (React finishing an update that bailed out) is no render.
    const again = commits.filter((commit) => commit !== reply && commit.run === reply!.run);
    expect(
      again.flatMap((commit) => commit.rendered.map((part) => part.host)),
      `rendered again right after the reply's commit on ${step.id}`,
    ).toEqual([]);
    expect(insideOf(reply!, AROUND), `rendered around the page after ${step.id}`).toEqual([]);
    expect(
      reply!.rendered.filter((part) => part.mounted && part.inside.includes(DOCK)),
      `"Weiter" mounted anew after ${step.id}`,
    ).toEqual([]);
    steps++;
  }
  // Radios, names, a date and the address at least: every kind of field of this journey was on a page.
  expect(steps).toBeGreaterThanOrEqual(6);
});

function insideOf(commit: ProbeCommit, selectors: string[]): string[] {
  return commit.rendered
    .filter((part) => part.inside.some((selector) => selectors.includes(selector)))
    .map((part) => `${part.host} in ${part.inside.join(', ')}`);
}
