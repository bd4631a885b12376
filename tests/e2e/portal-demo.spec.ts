import { makeCanary, scanForCanary } from './support/canary-scan';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { loadService } from './support/service-data';

/**
 * `npm start`'s embedded default, end to end: a resident sends an application in
 * the browser, and the local FIT-Connect reference receiver (a real HTTP server
 * with its own keys) receives it, decrypts it and accepts it; its /demo page shows
 * it. The kiosk's data folder (the receiver's included) never holds the answers in plaintext.
 */
test.describe.configure({ timeout: 240_000 });
test.use({ kioskOptions: { portal: 'demo' } });

const service = loadService('maengel-melden');
// The link carries the token the receiver requires for /demo (issue 17), printed once in this line.
const DEMO_LINE = /received applications at (http:\/\/127\.0\.0\.1:\d+\/demo\?token=[\w-]+)/;

test('a sent application arrives at the demo portal, accepted, and leaves the kiosk', async ({ page, kiosk }) => {
  const canary = makeCanary();
  const driver = new KioskDriver(page, { audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseService(service);
  await driver.walkToCheck(service, { description: `Schlagloch ${canary} vor Hausnummer 3` });
  const reference = await driver.submit();

  await expect.poll(() => DEMO_LINE.exec(kiosk.output())?.[1], { timeout: 60_000 }).toBeTruthy();
  const demoUrl = DEMO_LINE.exec(kiosk.output())![1]!;
  const demo = await page.context().newPage();
  // The receiver decides within seconds; the kiosk reads the event log every 2 s in the demo.
  await expect
    .poll(
      async () => {
        await demo.goto(demoUrl);
        return demo.locator('body').innerText();
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toContain(reference);
  await expect(demo.locator('body')).toContainText(canary);
  await expect(demo.locator('body')).toContainText(/accepted/i);
  // The demo keeps nobody's data for long, and says so; without the printed token the page is not served.
  await expect(demo.locator('#retention')).toContainText('deleted 60 minutes after');
  await demo.screenshot({ path: 'tests/artifacts/screens/portal-demo-received.png', fullPage: true });
  expect((await demo.goto(demoUrl.replace(/\?token=.*$/, '')))?.status()).toBe(401);

  // The kiosk learns of the accept and destroys its copy: nothing of it on disk, in any encoding. (Its log says
  // so, by outbox id, this kiosk's one application: outbox.status is the staff's, refused to the page since issue 17.)
  const acceptedLine = () =>
    kiosk
      .output()
      .split('\n')
      .find((line) => line.includes('"event":"portal.accepted"'));
  await expect.poll(acceptedLine, { timeout: 30_000 }).toBeDefined();
  const refused = await page.evaluate(async () => {
    const response = await fetch('/api/call/outbox.status', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return (await response.json()) as { ok: boolean; error?: { code: string } };
  });
  expect(refused).toEqual({ ok: false, error: { code: 'forbidden', detail: expect.any(String) } });
  await driver.finish();
  // The whole data folder, the demo receiver's database included: it keeps only the encrypted JWE.
  expect(scanForCanary(kiosk.dataDir, canary).hits).toEqual([]);
  expect(kiosk.output()).not.toContain(canary);
});
