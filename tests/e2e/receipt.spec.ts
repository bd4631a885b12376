import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { normalizeReference } from '../../core/reference';
import { checkA11y, MIN_PRIMARY_HEIGHT_PX } from './support/a11y';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { loadServices } from './support/service-data';
import { snap } from './support/snap';

/**
 * "Beleg drucken" on the confirmation page, browser kiosk mode: the page
 * fetches the receipt PDF from the core (session.receipt), shows it in a
 * hidden frame from a blob: URL under the real CSP, and calls print() on it.
 *
 * What is stubbed, and only that: window.print in every frame, because the
 * OS print dialog cannot be driven (headless Chromium has none). The stub
 * records which document it was asked to print. The PDF, the blob: frame,
 * Chromium's PDF viewer and the Content-Security-Policy are all real.
 */

test.describe.configure({ timeout: 180_000 });

const service = loadServices().find((candidate) => candidate.definition.id === 'maengel-melden')!;

interface PrintRecord {
  href: string;
  contentType: string;
}

/** Runs in the page and in every frame, before any of their scripts. */
function stubPrint(): void {
  const top = window.top as unknown as { receiptPrints?: PrintRecord[] };
  top.receiptPrints ??= [];
  window.print = () => {
    top.receiptPrints!.push({ href: location.href, contentType: document.contentType });
  };
  if (window === window.top) {
    // Keep each PDF blob the page makes, so the test can read what went to the printer.
    const blobs: Blob[] = [];
    (window as unknown as { receiptBlobs: Blob[] }).receiptBlobs = blobs;
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (object: Blob | MediaSource) => {
      if (object instanceof Blob && object.type === 'application/pdf') blobs.push(object);
      return create(object);
    };
  }
}

function printCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { receiptPrints: PrintRecord[] }).receiptPrints.length);
}

async function printedPdfText(page: Page): Promise<string> {
  const base64 = await page.evaluate(async () => {
    const blobs = (window as unknown as { receiptBlobs: Blob[] }).receiptBlobs;
    const bytes = new Uint8Array(await blobs.at(-1)!.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  });
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-receipt-'));
  try {
    const file = join(dir, 'receipt.pdf');
    writeFileSync(file, Buffer.from(base64, 'base64'));
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A service sent, without auditing each question (services.spec does that): only the confirmation page. */
async function toConfirmation(driver: KioskDriver, url: string): Promise<string> {
  await driver.page.addInitScript(stubPrint);
  await driver.openStart(url);
  await driver.chooseService(service);
  await driver.walkToCheck(service);
  const reference = await driver.submit();
  await checkA11y(driver.page, 'confirmation', [driver.t('confirmation.done')]);
  await snap(driver.page, 'confirmation');
  return reference;
}

test('"Beleg drucken" fetches the receipt and offers it to the page\'s print', async ({ page, kiosk }) => {
  const driver = new KioskDriver(page, { mode: 'pointer', audit: false });
  const reference = await toConfirmation(driver, kiosk.url);
  const button = driver.button(driver.t('receipt.print'));
  await expect(button).toBeVisible();
  const box = (await button.boundingBox())!;
  expect(box.height, 'the print button is a large target').toBeGreaterThanOrEqual(MIN_PRIMARY_HEIGHT_PX);

  const cspErrors: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
  const fetched = page.waitForResponse((response) => response.url().endsWith('/api/call/session.receipt'));
  await driver.activate(button);
  const response = await fetched;
  expect(JSON.parse(response.request().postData()!)).toMatchObject({ layout: 'a4' });
  const body = (await response.json()) as { ok: boolean; value: { fileName: string } };
  expect(body).toMatchObject({ ok: true, value: { fileName: `receipt-${reference}-a4.pdf` } });

  await expect(page.getByRole('status').filter({ hasText: driver.t('receipt.offered') })).toBeVisible();
  const prints = await page.evaluate(() => (window as unknown as { receiptPrints: PrintRecord[] }).receiptPrints);
  expect(prints).toHaveLength(1);
  expect(prints[0]!.href).toMatch(/^blob:http:\/\/127\.0\.0\.1:\d+\//);
  expect(prints[0]!.contentType).toBe('application/pdf');
  const frame = page.locator('iframe.print-frame');
  await expect(frame).toHaveAttribute('src', prints[0]!.href);
  await expect(frame).toBeHidden();
  expect(cspErrors, 'the CSP lets the receipt frame load').toEqual([]);

  const text = await printedPdfText(page);
  expect(text.split('\n').some((line) => normalizeReference(line.trim()) === reference)).toBe(true);

  await checkA11y(page, 'confirmation-receipt-offered', [driver.t('confirmation.done')]);
  await snap(page, 'confirmation-receipt-offered');

  // A second press replaces the frame instead of piling them up; "Fertig" removes it.
  await driver.activate(button);
  await expect.poll(() => printCount(page)).toBe(2);
  await expect(page.locator('iframe.print-frame')).toHaveCount(1);
  await driver.finish();
  await expect(page.locator('iframe.print-frame')).toHaveCount(0);
});

test('a receipt that cannot be made is explained in plain words', async ({ page, kiosk }) => {
  const driver = new KioskDriver(page, { mode: 'keyboard', audit: false });
  await toConfirmation(driver, kiosk.url);
  // The core answers with its typed error, as it would for a broken receipt text or font; held back
  // until the busy state has been seen.
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  await page.route('**/api/call/session.receipt', async (route) => {
    await answered;
    await route.fulfill({ json: { ok: false, error: { code: 'internal' } } });
  });
  const button = driver.button(driver.t('receipt.print'));
  await driver.activate(button);
  await expect(page.getByRole('status').filter({ hasText: driver.t('receipt.busy') })).toBeVisible();
  await expect(button).toHaveAttribute('aria-disabled', 'true');
  await expect(button).toBeFocused();
  await snap(page, 'confirmation-receipt-busy');
  answer();
  await expect(page.getByRole('status').filter({ hasText: driver.t('receipt.failed') })).toBeVisible();
  await expect(button).not.toHaveAttribute('aria-disabled', 'true');
  expect(await printCount(page)).toBe(0);
  await expect(page.locator('iframe.print-frame')).toHaveCount(0);
  await checkA11y(page, 'confirmation-receipt-failed', [driver.t('confirmation.done')]);
  await snap(page, 'confirmation-receipt-failed');
});
