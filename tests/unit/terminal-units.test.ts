// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chromiumArgs } from '../../launcher/chromium';
import { DISPLAY_UNIT, KIOSK_UNIT, TERMINAL_DIR, unitCommand, unitValue } from '../fixtures/systemd-unit';

/**
 * The systemd units of a Linux terminal (resources/terminal/): checked by systemd itself
 * (`systemd-analyze verify`, `systemd-analyze security --offline`, `systemd-sysusers --root`), and their
 * Chromium switches against the launcher's own, so the two ways of running the screen cannot drift apart.
 */

const dir = TERMINAL_DIR;
const KIOSK = KIOSK_UNIT;
const DISPLAY = DISPLAY_UNIT;
const hasSystemd = spawnSync('systemd-analyze', ['--version']).status === 0;
if (!hasSystemd) console.log('systemd-analyze not installed: the systemd checks of resources/terminal are skipped.');

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((temp) => rmSync(temp, { recursive: true, force: true })));

const value = unitValue;

describe('the Linux terminal units (resources/terminal)', () => {
  it.skipIf(!hasSystemd)('pass systemd-analyze verify without a word', () => {
    const result = spawnSync('systemd-analyze', ['verify', KIOSK, DISPLAY], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.skipIf(!hasSystemd)('are hardened: systemd rates both services OK or better', () => {
    for (const unit of [KIOSK, DISPLAY]) {
      const result = spawnSync('systemd-analyze', ['security', '--offline=true', '--no-pager', unit], {
        encoding: 'utf8',
      });
      const level = /Overall exposure level for \S+: ([\d.]+) (\S+)/.exec(result.stdout);
      expect(level, result.stdout + result.stderr).not.toBeNull();
      // systemd's scale: 0–10, "OK" up to 4.9, "MEDIUM" above. The kiosk, which holds the data, is held tighter.
      expect(Number(level![1])).toBeLessThanOrEqual(unit === KIOSK ? 2 : 4.9);
    }
  });

  it.skipIf(!hasSystemd)('create their two unprivileged users with systemd-sysusers', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'kiosk-sysusers-'));
    temps.push(root);
    mkdirSync(path.join(root, 'etc'));
    const result = spawnSync('systemd-sysusers', ['--root', root, path.join(dir, 'buergerkiosk.sysusers')], {
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    const passwd = readFileSync(path.join(root, 'etc', 'passwd'), 'utf8');
    for (const user of ['buergerkiosk', 'buergerkiosk-display']) {
      const [, , uid, , , , shell] = new RegExp(`^${user}:.*$`, 'm').exec(passwd)![0].split(':');
      expect(Number(uid)).toBeGreaterThan(0);
      expect(shell).toBe('/usr/sbin/nologin');
    }
    expect(readFileSync(path.join(root, 'etc', 'group'), 'utf8')).toMatch(/^video:x:\d+:buergerkiosk-display$/m);
  });

  it('run as their own unprivileged users, restart on any exit, and keep to themselves', () => {
    expect(value(KIOSK, 'User')).toBe('buergerkiosk');
    expect(value(DISPLAY, 'User')).toBe('buergerkiosk-display');
    for (const unit of [KIOSK, DISPLAY]) {
      expect(value(unit, 'Restart')).toBe('always');
      for (const key of ['NoNewPrivileges', 'ProtectHome', 'PrivateTmp']) expect(value(unit, key), key).toBe('yes');
      expect(value(unit, 'ProtectSystem')).toMatch(/^(strict|full)$/);
      expect(value(unit, 'CapabilityBoundingSet')).toBe('');
    }
    expect(value(KIOSK, 'ProtectSystem')).toBe('strict');
    expect(value(KIOSK, 'StateDirectoryMode')).toBe('0700');
    expect(value(DISPLAY, 'Conflicts')).toBe('getty@tty1.service');
  });

  it('serve in production mode on the port the screen opens, and open it with the launcher’s Chromium switches', () => {
    const serve = unitCommand(KIOSK);
    expect(serve).toEqual(expect.arrayContaining(['--browser', '--no-open', '--production']));
    const port = serve[serve.indexOf('--port') + 1];
    expect(port).toMatch(/^\d+$/);
    expect(value(KIOSK, 'ExecStartPost')).toContain(`/dev/tcp/127.0.0.1/${port}`);

    const [cage, ...rest] = unitCommand(DISPLAY);
    expect(cage).toBe('/usr/bin/cage');
    const browser = rest.slice(rest.indexOf('--') + 1);
    expect(browser[0]).toBe('/usr/bin/chromium');
    const url = `http://127.0.0.1:${port}/`;
    const profile = browser.find((arg) => arg.startsWith('--user-data-dir='))!.slice('--user-data-dir='.length);
    // Its profile lives in the unit's runtime directory, which systemd removes with every stop.
    expect(profile.startsWith(`/run/${value(DISPLAY, 'RuntimeDirectory')}/`)).toBe(true);
    // The service user is never root, so the sandbox stays on.
    expect(browser.slice(1).sort()).toEqual([...chromiumArgs(url, profile, false), '--ozone-platform=x11'].sort());
  });

  it('let the kiosk page, and only it, use the camera without a prompt (the booking code shown as a QR code)', () => {
    const port = unitCommand(KIOSK)[unitCommand(KIOSK).indexOf('--port') + 1];
    const policy = JSON.parse(readFileSync(path.join(dir, 'chromium-policy.json'), 'utf8')) as Record<string, unknown>;
    expect(policy).toEqual({ VideoCaptureAllowedUrls: [`http://127.0.0.1:${port}`], AudioCaptureAllowed: false });
  });
});
