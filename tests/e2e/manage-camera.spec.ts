import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { QR_QUIET_ZONE, referenceQr } from '../../core/receipt/qr';
import { checkA11y } from './support/a11y';
import { CHROMIUM_PATH, CHROMIUM_TEST_ARGS } from './support/chromium-launch';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { startKiosk, type KioskHandle } from './support/kiosk-process';
import { ui } from './support/service-data';
import { snap } from './support/snap';
import { bookThroughApi as bookTime, startBookingServer, type BookingServer } from './support/zms-booking';

/**
 * The booking code shown to the terminal's camera as the receipt's QR code (issue 16). Chromium's fake camera
 * plays a Y4M file made here from the very QR code the receipt prints (core/receipt/qr.ts) of a time booked
 * against the reference appointment server on 127.0.0.1; the page decodes the frames with jsqr. Without a camera
 * device (Playwright's own Chromium, no fake flags) there is no camera button and typing works. Needs `npm run build`.
 */
test.describe.configure({ timeout: 180_000 });

let zms: BookingServer;
let dir: string;
let configFile: string;
let kiosk: KioskHandle | undefined;
let browser: Browser | undefined;

test.beforeEach(async () => {
  zms = await startBookingServer('manage-camera-e2e');
  ({ dir, configFile } = zms);
  kiosk = await startKiosk({ appointments: { configFile } });
});
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await kiosk?.dispose();
  kiosk = undefined;
  await zms.close();
});

/** A confirmed time booked through the citizen API, as the town's website would; its booking code. */
const bookThroughApi = () => bookTime(zms.server, 'Kameramann');

/**
 * A Y4M video (YUV4MPEG2, 4:2:0) of a slip held up to the camera: the receipt's QR code of `text`, black on
 * white, 6 px a module, in the middle of a grey frame. Chromium's fake camera plays it in a loop.
 */
function qrVideo(text: string): string {
  const width = 640;
  const height = 480;
  const matrix = referenceQr(text);
  const scale = 6;
  const side = (matrix.length + 2 * QR_QUIET_ZONE) * scale;
  const left = (width - side) / 2;
  const top = (height - side) / 2;
  const luma = Buffer.alloc(width * height, 110);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const row = Math.floor(y / scale) - QR_QUIET_ZONE;
      const column = Math.floor(x / scale) - QR_QUIET_ZONE;
      const dark = matrix[row]?.[column] === true;
      luma[(top + y) * width + left + x] = dark ? 16 : 235;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const file = join(dir, `qr-${Math.random().toString(36).slice(2)}.y4m`);
  const frames = Array.from({ length: 10 }, () => frame);
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...frames]),
  );
  return file;
}

/** Chromium with a fake camera playing `video`; the streams the page opens are kept to check they end. */
async function pageWithCamera(video: string): Promise<Page> {
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_TEST_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1080, height: 1920 },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    hasTouch: true,
  });
  const page = await context.newPage();
  // Test instrumentation only: every stream the page opens, to check afterwards that its tracks were stopped.
  await page.addInitScript(() => {
    const streams: MediaStream[] = [];
    (window as unknown as { openedStreams: MediaStream[] }).openedStreams = streams;
    const devices = navigator.mediaDevices;
    const open = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      streams.push(stream);
      return stream;
    };
  });
  return page;
}

/** How many streams the page opened, and whether every track of them has ended (the camera is off). */
const cameraState = (page: Page) =>
  page.evaluate(() => {
    const streams = (window as unknown as { openedStreams: MediaStream[] }).openedStreams;
    const tracks = streams.flatMap((stream) => stream.getTracks());
    return {
      opened: streams.length,
      kinds: [...new Set(tracks.map((track) => track.kind))],
      allEnded: tracks.every((track) => track.readyState === 'ended'),
    };
  });

test('the receipt QR code shown to the camera opens the booking, and the camera is off afterwards', async () => {
  const booked = await bookThroughApi();
  const page = await pageWithCamera(qrVideo(booked.code));
  const driver = new KioskDriver(page, { mode: 'touch', audit: false });
  await driver.openStart(kiosk!.url);
  await driver.activate(page.getByTestId('manage-entry'));
  await expect(driver.h1()).toHaveText(ui('de', 'manageBooking.codeTitle'));
  const open = driver.button(ui('de', 'manageCamera.open'));
  await expect(open).toBeVisible();
  await checkA11y(page, 'manage code with camera button (de)');
  await driver.activate(open);
  // The live preview: guidance, a way out; then the code is read and looked up as if typed.
  await expect(driver.h1()).toHaveText(ui('de', 'manageBooking.foundTitle'), { timeout: 20_000 });
  await expect(page.locator('.booking-code')).toHaveText(booked.code);
  expect(await cameraState(page)).toEqual({ opened: 1, kinds: ['video'], allEnded: true });
  await snap(page, 'manage found by camera', { fullPage: true });
});

test('in Arabic (RTL): a QR code that is not a booking code is told plainly; closing stops the camera', async () => {
  const booked = await bookThroughApi();
  const page = await pageWithCamera(qrVideo('https://example.org/termine'));
  const driver = new KioskDriver(page, { mode: 'pointer', audit: false });
  await driver.openStart(kiosk!.url);
  await driver.chooseLanguage('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await driver.activate(page.getByTestId('manage-entry'));
  await driver.activate(driver.button(ui('ar', 'manageCamera.open')));
  const preview = page.getByTestId('camera-scan');
  await expect(preview.getByText(ui('ar', 'manageCamera.guidance'))).toBeVisible();
  await expect(preview.getByRole('heading', { name: ui('ar', 'manageCamera.title') })).toBeFocused();
  await expect(preview.getByText(ui('ar', 'manageCamera.notBookingCode'))).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('video[data-ready="true"]')).toBeVisible();
  await checkA11y(page, 'manage camera preview (ar)');
  await snap(page, 'manage camera not a booking code arabic', { fullPage: true });
  expect((await cameraState(page)).allEnded).toBe(false);
  await driver.activate(driver.button(ui('ar', 'manageCamera.close')));
  await expect(preview).toHaveCount(0);
  await expect(page.getByTestId('camera-open')).toBeFocused();
  expect(await cameraState(page)).toEqual({ opened: 1, kinds: ['video'], allEnded: true });
  // Nothing was asked of the appointment system for the stranger's QR code; typing still works.
  const field = page.getByRole('textbox', { name: ui('ar', 'manageBooking.codeLabel') });
  await field.fill(booked.code);
  await driver.activate(driver.button(ui('ar', 'manageBooking.find')));
  await expect(driver.h1()).toHaveText(ui('ar', 'manageBooking.foundTitle'));
});

test('the idle reset and leaving the page both stop the open camera', async () => {
  // A kiosk that resets soon: the resident walked away with the camera open.
  await kiosk!.dispose();
  kiosk = await startKiosk({ appointments: { configFile }, idleTimeoutS: 20, idleWarningS: 5 });
  const page = await pageWithCamera(qrVideo('not a booking code'));
  const driver = new KioskDriver(page, { mode: 'pointer', audit: false });
  await driver.openStart(kiosk.url);
  await driver.activate(page.getByTestId('manage-entry'));
  await driver.activate(driver.button(ui('de', 'manageCamera.open')));
  await expect(page.locator('video[data-ready="true"]')).toBeVisible({ timeout: 20_000 });
  expect((await cameraState(page)).allEnded).toBe(false);
  await expect(driver.h1()).toHaveText(ui('de', 'start.title'), { timeout: 60_000 });
  expect(await cameraState(page)).toEqual({ opened: 1, kinds: ['video'], allEnded: true });

  await driver.activate(page.getByTestId('manage-entry'));
  await driver.activate(driver.button(ui('de', 'manageCamera.open')));
  await expect(page.locator('video[data-ready="true"]')).toBeVisible({ timeout: 20_000 });
  await driver.activate(driver.button(ui('de', 'nav.back')));
  await expect(driver.h1()).toHaveText(ui('de', 'start.title'));
  expect(await cameraState(page)).toEqual({ opened: 2, kinds: ['video'], allEnded: true });
});

test('a terminal with "codeCamera": false in branding.json offers no camera, even with one', async () => {
  const branding = join(dir, 'branding');
  cpSync('resources/branding', branding, { recursive: true });
  const settings = JSON.parse(readFileSync(join(branding, 'branding.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(branding, 'branding.json'), JSON.stringify({ ...settings, codeCamera: false }));
  await kiosk!.dispose();
  // The kiosk process inherits this test's environment (tests/e2e/support/child-process.ts).
  process.env.KIOSK_BRANDING_DIR = branding;
  try {
    kiosk = await startKiosk({ appointments: { configFile } });
  } finally {
    delete process.env.KIOSK_BRANDING_DIR;
  }
  const page = await pageWithCamera(qrVideo('not a booking code'));
  const driver = new KioskDriver(page, { mode: 'pointer', audit: false });
  await driver.openStart(kiosk.url);
  await driver.activate(page.getByTestId('manage-entry'));
  await expect(driver.h1()).toHaveText(ui('de', 'manageBooking.codeTitle'));
  expect(
    await page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).map((d) => d.kind)),
  ).toContain('videoinput');
  await expect(page.getByTestId('camera-open')).toHaveCount(0);
  expect((await cameraState(page)).opened).toBe(0);
});

test('without a camera there is no camera button, and typing the code works', async ({ page }) => {
  const booked = await bookThroughApi();
  const driver = new KioskDriver(page, { mode: 'pointer', audit: false });
  await driver.openStart(kiosk!.url);
  await driver.activate(page.getByTestId('manage-entry'));
  await expect(driver.h1()).toHaveText(ui('de', 'manageBooking.codeTitle'));
  const field = page.getByRole('textbox', { name: ui('de', 'manageBooking.codeLabel') });
  await field.fill(booked.code);
  await expect(page.getByTestId('camera-open')).toHaveCount(0);
  expect(
    await page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).map((d) => d.kind)),
  ).not.toContain('videoinput');
  await driver.activate(driver.button(ui('de', 'manageBooking.find')));
  await expect(driver.h1()).toHaveText(ui('de', 'manageBooking.foundTitle'));
});
