import { chromium, type Browser } from '@playwright/test';

/**
 * Attaches Playwright to a Chromium the test started itself (the launcher's or cage's), by its debugging port.
 * A Chromium just started answers /json/version before its targets settle; on a busy runner the attach can then
 * hang past its timeout. A second or third attempt finds it settled.
 */
export async function connectOverCdpWithRetry(cdpPort: number): Promise<Browser> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await chromium.connectOverCDP(`http://127.0.0.1:${cdpPort}`, { timeout: 45_000 });
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}
