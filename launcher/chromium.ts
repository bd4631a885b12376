import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { disableFeaturesSwitch, KIOSK_DISABLED_FEATURES } from './chromium-features';

/** Where thin-client kiosks usually have their browser; $KIOSK_BROWSER wins. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.KIOSK_BROWSER) return isExecutable(env.KIOSK_BROWSER) ? env.KIOSK_BROWSER : null;
  return CANDIDATES.find(isExecutable) ?? null;
}

/** Linux needs a display server; Windows and macOS always have one. */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  if (platform !== 'linux') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export function chromiumArgs(url: string, userDataDir: string, runningAsRoot: boolean): string[] {
  return [
    '--kiosk',
    // Receipts print straight to the default printer: the print preview's "Save as PDF" would open
    // a file dialog, a way out of the kiosk.
    '--kiosk-printing',
    `--app=${url}`,
    '--incognito',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-pinch',
    '--disable-translate',
    disableFeaturesSwitch(KIOSK_DISABLED_FEATURES),
    '--overscroll-history-navigation=0',
    // The terminal speaks every screen as it appears, before anyone has touched it (the idle warning too).
    '--autoplay-policy=no-user-gesture-required',
    '--noerrdialogs',
    `--user-data-dir=${userDataDir}`,
    // Chromium refuses to start as root with its sandbox on; a kiosk should not run as root at all.
    ...(runningAsRoot ? ['--no-sandbox'] : []),
  ];
}

export interface KioskBrowser {
  /** Ends Chromium and deletes its profile. */
  stop(): Promise<void>;
}

/**
 * Starts Chromium in kiosk mode with a throw-away profile, and starts it
 * again if it exits while we are still serving (a kiosk recovers by itself).
 */
export function launchKioskBrowser(executable: string, url: string, say: (line: string) => void): KioskBrowser {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'buergerkiosk-browser-'));
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (runningAsRoot) say('Warning: running as root, so Chromium starts without its sandbox.');
  let child: ChildProcess | undefined;
  let stopped = false;
  let quickExits = 0;

  const start = () => {
    const startedAt = Date.now();
    child = spawn(executable, chromiumArgs(url, userDataDir, runningAsRoot), { stdio: 'ignore' });
    child.on('error', () => say('Chromium could not be started; the kiosk keeps serving.'));
    child.on('exit', () => {
      child = undefined;
      if (stopped) return;
      quickExits = Date.now() - startedAt < 10_000 ? quickExits + 1 : 0;
      if (quickExits >= 5) {
        say('Chromium keeps exiting; not starting it again. The kiosk keeps serving.');
        return;
      }
      setTimeout(() => !stopped && start(), 1000).unref();
    });
  };
  start();

  return {
    async stop() {
      stopped = true;
      const running = child;
      if (running && running.exitCode === null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            running.kill('SIGKILL');
            resolve();
          }, 3000);
          running.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          running.kill('SIGTERM');
        });
      }
      // The profile may hold the resident's traces (cache, storage): it goes with the browser.
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
