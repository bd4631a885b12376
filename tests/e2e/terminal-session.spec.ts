import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { makeCanary } from './support/canary-scan';
import { CHROMIUM_PATH } from './support/chromium-launch';
import { launchUntilReady, stopChild, type Running } from './support/child-process';
import { expect, test } from './support/fixtures';
import { connectOverCdpWithRetry } from './support/cdp-attach';
import { KioskDriver } from './support/journey-driver';
import { START_SCRIPT } from './support/paths';
import { loadService, startsWith, svcText } from './support/service-data';
import { startXvfb, type Xvfb } from './support/xvfb';

/**
 * The terminal as it runs: the launcher (`start.mjs --browser`, with its own Chromium in `--kiosk --app`,
 * not Playwright's) on an X display of its own. KIOSK_BROWSER points the launcher at a wrapper that
 * records each Chromium's pid and opens the DevTools port, so the test drives the launcher's own window
 * over CDP. Then Chromium is killed mid-journey: the launcher starts it again, and the new window shows
 * the resident's session where it was, with the answers given.
 */

test.describe.configure({ mode: 'serial', timeout: 240_000 });

const service = loadService('meldebescheinigung');
const title = (id: string) =>
  svcText(service, 'de', service.definition.journey.steps.find((step) => step.id === id)!.titleKey);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A process that exists and is not a zombie. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

interface Terminal {
  kiosk: Running;
  url: string;
  log: string[];
  /** Pids of every Chromium the launcher started, in order. */
  browserPids(): number[];
  /** Connects to the current Chromium's DevTools port and returns the kiosk's window. */
  attach(): Promise<{ browser: Browser; page: Page }>;
  dispose(): Promise<void>;
}

async function startTerminal(xvfb: Xvfb): Promise<Terminal> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-terminal-'));
  const cdpPort = await freePort();
  const pidFile = join(dir, 'browser-pids');
  const wrapper = join(dir, 'chromium-with-devtools.sh');
  // exec: the pid the launcher holds is Chromium's own (Debian's /usr/bin/chromium execs as well).
  writeFileSync(
    wrapper,
    `#!/bin/sh\necho $$ >> '${pidFile}'\nexec '${CHROMIUM_PATH}' --remote-debugging-port=${cdpPort} "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  const log: string[] = [];
  const { WAYLAND_DISPLAY: _wayland, ...env } = process.env;
  const kiosk = await launchUntilReady(
    'launcher',
    [START_SCRIPT, '--browser', '--port', '0', '--data-dir', join(dir, 'data'), '--no-portal', '--no-hub'],
    {
      ready: /Bürgerkiosk listening on (http:\/\/127\.0\.0\.1:(\d+)\/)/,
      timeoutMs: 30_000,
      log,
      env: { ...env, DISPLAY: xvfb.display, KIOSK_BROWSER: wrapper },
    },
  );
  const browserPids = () =>
    existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim().split('\n').filter(Boolean).map(Number) : [];
  let connected: Browser | undefined;
  return {
    kiosk,
    url: kiosk.url,
    log,
    browserPids,
    async attach() {
      await connected?.close().catch(() => undefined);
      // Chromium opens its DevTools port a moment after it starts.
      await expect
        .poll(
          async () =>
            fetch(`http://127.0.0.1:${cdpPort}/json/version`).then(
              (response) => response.ok,
              () => false,
            ),
          { timeout: 30_000 },
        )
        .toBe(true);
      const browser = await connectOverCdpWithRetry(cdpPort);
      connected = browser;
      const kioskPage = () =>
        browser
          .contexts()
          .flatMap((context) => context.pages())
          .find((page) => page.url().startsWith(kiosk.url));
      await expect.poll(() => kioskPage() !== undefined, { timeout: 30_000 }).toBe(true);
      return { browser, page: kioskPage()! };
    },
    async dispose() {
      await connected?.close().catch(() => undefined);
      await stopChild(kiosk.child, 'SIGTERM', 10_000);
      // The launcher ends its Chromium when it stops: none of them may be left running (a zombie has ended).
      for (const pid of browserPids())
        await expect
          .poll(() => running(pid), { message: `Chromium ${pid} still running`, timeout: 15_000 })
          .toBe(false);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let xvfb: Xvfb;
test.beforeAll(async () => {
  xvfb = await startXvfb();
});
test.afterAll(async () => {
  await xvfb?.stop();
});

test("the launcher's own kiosk window: one service to its confirmation over the DevTools protocol", async () => {
  const terminal = await startTerminal(xvfb);
  try {
    const { page } = await terminal.attach();
    const driver = new KioskDriver(page, { audit: false });
    await expect(driver.h1()).toHaveText(driver.t('start.title'), { timeout: 30_000 });
    await driver.chooseService(service);
    await driver.walkToCheck(service);
    await driver.submit();
    expect(terminal.browserPids()).toHaveLength(1);
  } finally {
    await terminal.dispose();
  }
});

test('Chromium killed mid-journey: the launcher brings it back to the resumed session', async () => {
  const terminal = await startTerminal(xvfb);
  try {
    const canary = makeCanary();
    let { page } = await terminal.attach();
    let driver = new KioskDriver(page, { audit: false });
    await expect(driver.h1()).toHaveText(driver.t('start.title'), { timeout: 30_000 });
    await driver.chooseService(service);
    await driver.walkToStep(service, 'date-of-birth', { familyName: canary });

    const [killed] = terminal.browserPids();
    process.kill(killed!, 'SIGKILL');
    await expect.poll(() => terminal.browserPids().length, { timeout: 30_000 }).toBe(2);
    expect(terminal.log.join('')).toMatch(/Chromium exited \(signal SIGKILL\); starting it again/);

    ({ page } = await terminal.attach());
    driver = new KioskDriver(page, { audit: false });
    // A fresh Chromium loads everything anew (the journey's chunk too): on a busy machine that takes a while.
    await expect(driver.h1()).toHaveText(title('date-of-birth'), { timeout: 30_000 });
    await driver.activate(driver.button(driver.t('nav.back')));
    await expect(driver.h1()).toHaveText(title('given-names'));
    await expect(page.getByRole('textbox', { name: startsWith(title('given-names')) })).toHaveValue('Anna Maria');
    await driver.activate(driver.button(driver.t('nav.back')));
    await expect(driver.h1()).toHaveText(title('family-name'));
    await expect(page.getByRole('textbox', { name: startsWith(title('family-name')) })).toHaveValue(canary);

    await driver.walkToCheck(service, { familyName: canary });
    await expect(page.getByRole('main')).toContainText(canary);
    await driver.submit();
  } finally {
    await terminal.dispose();
  }
});
