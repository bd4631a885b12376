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

/** How the launcher brings a dead Chromium back: doubling waits, and a limit for one that keeps dying. */
export interface RestartPolicy {
  /** Wait before the first restart; each further quick exit doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A Chromium that ran this long was fine: its exit starts the count again. */
  stableAfterMs: number;
  /** Exits in a row, each before `stableAfterMs`, after which it is not started again. */
  maxQuickExits: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  maxQuickExits: 8,
};

/** The wait before restart number `quickExits` (1-based): 1 s, 2 s, 4 s … up to the cap. */
export function restartDelayMs(quickExits: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, quickExits - 1));
}

/**
 * Starts Chromium in kiosk mode with a throw-away profile, and starts it again, with a fresh
 * profile, when it exits while we are still serving: a kiosk recovers by itself. The page it opens
 * asks the core for the running session (session.resume), so the resident finds their answers again.
 */
export function launchKioskBrowser(
  executable: string,
  url: string,
  say: (line: string) => void,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): KioskBrowser {
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (runningAsRoot) say('Warning: running as root, so Chromium starts without its sandbox.');
  let child: ChildProcess | undefined;
  let profile: string | undefined;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let quickExits = 0;

  // The profile may hold the resident's traces (cache, storage): it goes with each browser. Helpers of a
  // killed Chromium may still write into it for a moment: then it is removed a little later, never thrown.
  const removeProfile = (dir: string, attempt = 1): void => {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      if (attempt < 5) setTimeout(() => removeProfile(dir, attempt + 1), 1000 * attempt).unref();
      else say(`Chromium's old profile ${dir} could not be removed.`);
    }
  };
  const dropProfile = () => {
    if (profile) removeProfile(profile);
    profile = undefined;
  };

  const start = () => {
    restartTimer = undefined;
    if (stopped) return;
    const startedAt = Date.now();
    profile = mkdtempSync(path.join(tmpdir(), 'buergerkiosk-browser-'));
    const running = spawn(executable, chromiumArgs(url, profile, runningAsRoot), { stdio: 'ignore' });
    child = running;
    running.on('error', () => say('Chromium could not be started; the kiosk keeps serving.'));
    running.on('exit', (code, signal) => {
      if (child === running) child = undefined;
      if (stopped) return;
      dropProfile();
      quickExits = Date.now() - startedAt < policy.stableAfterMs ? quickExits + 1 : 1;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (quickExits > policy.maxQuickExits) {
        say(`Chromium exited (${how}) ${quickExits} times in a row; not starting it again. The kiosk keeps serving.`);
        return;
      }
      const delay = restartDelayMs(quickExits, policy);
      say(`Chromium exited (${how}); starting it again in ${Math.round(delay / 100) / 10} s.`);
      restartTimer = setTimeout(start, delay);
      restartTimer.unref();
    });
  };
  start();

  return {
    async stop() {
      stopped = true;
      clearTimeout(restartTimer);
      const running = child;
      if (running && running.exitCode === null && running.signalCode === null) {
        await new Promise<void>((resolve) => {
          // A Chromium that does not end on SIGTERM within 3 s is killed; its exit is awaited either way.
          const timers = [setTimeout(() => running.kill('SIGKILL'), 3000), setTimeout(resolve, 5000)];
          running.once('exit', () => {
            timers.forEach(clearTimeout);
            resolve();
          });
          running.kill('SIGTERM');
        });
      }
      dropProfile();
    },
  };
}
