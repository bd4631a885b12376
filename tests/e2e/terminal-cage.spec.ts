import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { DISPLAY_UNIT, unitCommand } from '../fixtures/systemd-unit';
import { stopChild } from './support/child-process';
import { expect, test } from './support/fixtures';
import { connectOverCdpWithRetry } from './support/cdp-attach';
import { KioskDriver } from './support/journey-driver';
import { loadService, svcText } from './support/service-data';

/**
 * The screen of a Linux terminal exactly as resources/terminal/buergerkiosk-display.service starts it
 * (its ExecStart: cage, Chromium on Wayland, the kiosk switches), on cage's headless backend, as an
 * unprivileged user (cage refuses root). Only the page's port, the profile folder and a DevTools port
 * differ. Killing Chromium ends cage, which is what lets systemd's Restart=always bring the screen back;
 * the test starts the command again, as systemd would, and finds the session where it was.
 */

test.describe.configure({ timeout: 300_000 });
test.skip(
  !existsSync('/usr/bin/cage') || !existsSync('/usr/bin/Xwayland'),
  'cage and xwayland are not installed (apt-get install cage xwayland)',
);

const service = loadService('meldebescheinigung');
const firstStep = service.definition.journey.steps[0]!;

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

const NOBODY = { uid: 65534, gid: 65534 };
const asRoot = process.getuid?.() === 0;

/** The unit's command line with this test's page, profile and DevTools port; under cage's headless backend. */
function startScreen(url: string, runtimeDir: string, cdpPort: number): ChildProcess {
  const command = unitCommand(DISPLAY_UNIT).map((arg) =>
    arg.startsWith('--app=')
      ? `--app=${url}`
      : arg.startsWith('--user-data-dir=')
        ? `--user-data-dir=${join(runtimeDir, 'profile')}`
        : arg,
  );
  command.push(`--remote-debugging-port=${cdpPort}`);
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: runtimeDir,
    XDG_RUNTIME_DIR: runtimeDir,
    WLR_BACKENDS: 'headless',
    WLR_LIBINPUT_NO_DEVICES: '1',
  };
  const [program, ...args] = asRoot
    ? ['setpriv', `--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups', '--', ...command]
    : command;
  const child = spawn(program!, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => process.env.CAGE_DEBUG && process.stderr.write(chunk));
  process.once('exit', () => child.kill('SIGKILL'));
  return child;
}

async function attach(cdpPort: number, url: string): Promise<{ browser: Browser; page: Page }> {
  await expect
    .poll(
      () =>
        fetch(`http://127.0.0.1:${cdpPort}/json/version`).then(
          (response) => response.ok,
          () => false,
        ),
      { timeout: 60_000 },
    )
    .toBe(true);
  const browser = await connectOverCdpWithRetry(cdpPort);
  const kioskPage = () =>
    browser
      .contexts()
      .flatMap((context) => context.pages())
      .find((page) => page.url().startsWith(url));
  await expect.poll(() => kioskPage() !== undefined, { timeout: 30_000 }).toBe(true);
  return { browser, page: kioskPage()! };
}

/** cage's one child is Chromium's browser process. */
function childPids(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM to cage, as systemd stops the unit; then Chromium, which goes with its display, must be gone too. */
async function stopScreen(screen: ChildProcess): Promise<void> {
  const browsers = screen.exitCode === null && screen.signalCode === null ? childPids(screen.pid!) : [];
  await stopChild(screen, 'SIGTERM', 5_000);
  for (const pid of browsers) {
    await expect
      .poll(() => alive(pid), { timeout: 10_000 })
      .toBe(false)
      .catch(() => process.kill(pid, 'SIGKILL'));
  }
}

test('the display unit’s cage + Chromium shows the kiosk; Chromium killed ends cage, and a new start resumes', async ({
  kiosk,
}) => {
  const runtimeDir = mkdtempSync(join(tmpdir(), 'kiosk-cage-'));
  if (asRoot) chownSync(runtimeDir, NOBODY.uid, NOBODY.gid);
  const cdpPort = await freePort();
  let screen: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    screen = startScreen(kiosk.url, runtimeDir, cdpPort);
    let page: Page;
    ({ browser, page } = await attach(cdpPort, kiosk.url));
    let driver = new KioskDriver(page, { audit: false });
    await expect(driver.h1()).toHaveText(driver.t('start.title'), { timeout: 30_000 });
    await driver.chooseService(service);
    await expect(driver.h1()).toHaveText(svcText(service, 'de', firstStep.titleKey));
    await driver.answerStep(service, firstStep);
    const secondTitle = await driver.h1().innerText();

    const [browserPid] = childPids(screen.pid!);
    expect(browserPid).toBeDefined();
    const cageEnded = new Promise<void>((resolve) => screen!.once('exit', () => resolve()));
    process.kill(browserPid!, 'SIGKILL');
    await cageEnded;
    await browser.close().catch(() => undefined);

    // What systemd's Restart=always does next: the same command again, with an empty profile.
    rmSync(join(runtimeDir, 'profile'), { recursive: true, force: true, maxRetries: 5 });
    screen = startScreen(kiosk.url, runtimeDir, cdpPort);
    ({ browser, page } = await attach(cdpPort, kiosk.url));
    driver = new KioskDriver(page, { audit: false });
    // A fresh Chromium loads everything anew (the journey's chunk too): on a busy machine that takes a while.
    await expect(driver.h1()).toHaveText(secondTitle, { timeout: 30_000 });
    await driver.activate(driver.button(driver.t('nav.back')));
    await expect(driver.h1()).toHaveText(svcText(service, 'de', firstStep.titleKey));
  } finally {
    await browser?.close().catch(() => undefined);
    if (screen) await stopScreen(screen);
    rmSync(runtimeDir, { recursive: true, force: true, maxRetries: 5 });
  }
});
