// @vitest-environment node
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchKioskBrowser, restartDelayMs, type KioskBrowser, type RestartPolicy } from '../../launcher/chromium';

/**
 * The launcher keeps its kiosk Chromium alive. A small shell script stands in for Chromium here (a real
 * process that records its pid and arguments); tests/e2e/terminal-session.spec.ts does the same with the
 * real Chromium under Xvfb.
 */

const dirs: string[] = [];
const browsers: KioskBrowser[] = [];
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((browser) => browser.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const QUICK: RestartPolicy = { firstDelayMs: 20, maxDelayMs: 80, stableAfterMs: 60_000, maxQuickExits: 3 };

/** A stand-in browser: appends "<pid> <args…>" to a log, then sleeps (or exits at once). */
function fakeBrowser(behaviour: 'sleep' | 'exit'): { executable: string; starts(): { pid: number; args: string }[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-fake-browser-'));
  dirs.push(dir);
  const log = path.join(dir, 'starts.log');
  const executable = path.join(dir, 'browser.sh');
  writeFileSync(
    executable,
    `#!/bin/sh\necho "$$ $*" >> '${log}'\n${behaviour === 'sleep' ? 'exec sleep 60' : 'exit 3'}\n`,
  );
  chmodSync(executable, 0o755);
  return {
    executable,
    // Only whole lines: the shell creates the file for `>>` before echo has written to it.
    starts: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .slice(0, -1)
            .map((line) => ({ pid: Number(line.split(' ')[0]), args: line.slice(line.indexOf(' ') + 1) }))
        : [],
  };
}

async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const profileOf = (args: string) => /--user-data-dir=(\S+)/.exec(args)![1]!;

describe('the launcher keeps its kiosk Chromium alive', () => {
  it('waits longer after each quick exit, up to a cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => restartDelayMs(n))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
    expect([1, 2, 3, 4].map((n) => restartDelayMs(n, QUICK))).toEqual([20, 40, 80, 80]);
  });

  it('starts a killed Chromium again, on the same page, with a fresh profile, and deletes the old one', async () => {
    const fake = fakeBrowser('sleep');
    const lines: string[] = [];
    const browser = launchKioskBrowser(fake.executable, 'http://127.0.0.1:9/', (line) => lines.push(line), QUICK);
    browsers.push(browser);
    const first = await waitFor(() => fake.starts()[0], 'the first start');
    expect(first.args).toContain('--app=http://127.0.0.1:9/');
    expect(existsSync(profileOf(first.args))).toBe(true);

    process.kill(first.pid, 'SIGKILL');
    const second = await waitFor(() => fake.starts()[1], 'the restart');
    expect(second.pid).not.toBe(first.pid);
    expect(second.args).toContain('--app=http://127.0.0.1:9/');
    expect(profileOf(second.args)).not.toBe(profileOf(first.args));
    expect(existsSync(profileOf(first.args))).toBe(false);
    expect(lines.some((line) => /Chromium exited \(signal SIGKILL\); starting it again/.test(line))).toBe(true);

    await browser.stop();
    expect(existsSync(profileOf(second.args))).toBe(false);
    expect(() => process.kill(second.pid, 0)).toThrow();
  });

  it('gives up on a Chromium that keeps exiting, says so, and keeps no profile behind', async () => {
    const fake = fakeBrowser('exit');
    const lines: string[] = [];
    browsers.push(launchKioskBrowser(fake.executable, 'http://127.0.0.1:9/', (line) => lines.push(line), QUICK));
    await waitFor(() => lines.find((line) => line.includes('not starting it again')), 'giving up');
    // One start and maxQuickExits restarts; none after giving up.
    expect(fake.starts()).toHaveLength(QUICK.maxQuickExits + 1);
    await new Promise((resolve) => setTimeout(resolve, 4 * QUICK.maxDelayMs));
    expect(fake.starts()).toHaveLength(QUICK.maxQuickExits + 1);
    for (const start of fake.starts()) expect(existsSync(profileOf(start.args))).toBe(false);
  });

  it('does not start it again once stopped', async () => {
    const fake = fakeBrowser('sleep');
    const browser = launchKioskBrowser(fake.executable, 'http://127.0.0.1:9/', () => undefined, QUICK);
    const first = await waitFor(() => fake.starts()[0], 'the first start');
    await browser.stop();
    expect(() => process.kill(first.pid, 0)).toThrow();
    await new Promise((resolve) => setTimeout(resolve, 4 * QUICK.maxDelayMs));
    expect(fake.starts()).toHaveLength(1);
  });
});
