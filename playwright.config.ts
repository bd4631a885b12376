import { defineConfig } from '@playwright/test';
import { findElectronBinary } from './launcher/electron-binary';
import { CHROMIUM_PATH, CHROMIUM_TEST_ARGS } from './tests/e2e/support/chromium-launch';
import { testDay } from './tests/e2e/support/daily-rotation';

// Fixed in the runner before any worker starts: the daily samples stay the same for the whole run.
testDay();

/**
 * End-to-end tests drive the browser kiosk mode with the system Chromium (no
 * browser download). Each test file starts its own server with its own temp
 * data dir, so there is no shared webServer here.
 */

// Said once, in the runner (workers have TEST_WORKER_INDEX): skipped tests must never look as if they ran.
if (!process.env.TEST_WORKER_INDEX && findElectronBinary(process.cwd()) === null) {
  console.log(
    'Electron binary not available on this machine: the Electron suite (tests/electron) is skipped, not run.',
  );
}

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  timeout: 60_000,
  workers: 2,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  use: {
    browserName: 'chromium',
    locale: 'de-DE',
    // The kiosk's portrait screen (terminals are 1080×1920 or 1920×1080; specs that check layout set
    // their own). At Playwright's default 1280×720, a window no terminal has, the open on-screen keyboard
    // and the action dock leave too little room to tap a date's second field with a mouse.
    viewport: { width: 1080, height: 1920 },
    timezoneId: 'Europe/Berlin',
    // Recording a trace costs every action a DOM snapshot: on CI's 2 cores that is minutes a run, so CI keeps
    // only the failure's error context; a local run keeps the trace of a failed test.
    trace: process.env.CI ? 'off' : 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_TEST_ARGS,
    },
  },
  projects: [
    { name: 'e2e', testDir: 'tests/e2e', testMatch: '**/*.spec.ts' },
    { name: 'electron', testDir: 'tests/electron', testMatch: '**/*.spec.ts' },
  ],
});
