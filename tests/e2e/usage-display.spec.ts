import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DB_FILE } from './support/db-inspect';
import { setDisplay } from './support/display';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { loadService } from './support/service-data';

/**
 * Issue 18: text size, contrast and speech settings live in the page, so the page tells the core which a
 * session used; the core counts each once per session in the day's anonymous totals (kiosk.db, usage_days).
 * Real kiosk server, real Chromium.
 */

test.describe.configure({ timeout: 120_000 });

const service = loadService('meldebescheinigung');

function usageTotals(dataDir: string): { sessions: number; settings: Record<string, number> } | undefined {
  const db = new Database(join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT totals FROM usage_days').get() as { totals: string } | undefined;
    return row && (JSON.parse(row.totals) as { sessions: number; settings: Record<string, number> });
  } finally {
    db.close();
  }
}

test('large text chosen on the start screen, high contrast and "Vorlesen" in the session are counted once', async ({
  page,
  kiosk,
}) => {
  const driver = new KioskDriver(page, { auditWalk: false });
  await driver.openStart(kiosk.url);
  await setDisplay(page, { textSize: 'large' });
  await driver.chooseService(service);
  await setDisplay(page, { contrast: 'high' });
  await setDisplay(page, { textSize: 'xlarge' });
  await driver.endSession();
  await expect
    .poll(() => usageTotals(kiosk.dataDir))
    .toMatchObject({ sessions: 1, settings: { largeText: 1, highContrast: 1, speech: 0 } });

  // The next resident starts with the defaults (the end reset them) and presses "Vorlesen": only speech counts.
  await driver.chooseService(service);
  // The page reports "Vorlesen" on the socket that carries the end too, so ending at once is counted all the same.
  await driver.button(driver.t('speech.readAloud')).click();
  await driver.endSession();
  await expect
    .poll(() => usageTotals(kiosk.dataDir))
    .toMatchObject({ sessions: 2, settings: { largeText: 1, highContrast: 1, speech: 1 } });
});
