// @vitest-environment node
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../contract/events';
import type { Result } from '../../contract/result';
import { createMemoryLogger } from '../../core/logging';
import { UpdatePolicy } from '../../electron/main/update-policy';
import { runKioskUpdates, updateFeedUrl, type UpdaterLike } from '../../electron/main/updates';

/**
 * When a terminal checks for and installs updates: the pure policy with a fake clock, and its
 * wiring with a fake electron-updater and a fake core (electron-updater needs the real Electron,
 * which cannot run here; the hub side is tested for real in hub-updates.test.ts).
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
/** 2026-12-07 at local hour `hour` (the policy's clock is injected, so no time zone matters). */
const at = (hour: number, minute = 0) => Date.UTC(2026, 11, 7, hour, minute);
const hourOf = (time: number) => new Date(time).getUTCHours();

describe('update policy', () => {
  it('checks first a while after start-up, spread per terminal, then at each interval', () => {
    const start = at(9);
    const early = new UpdatePolicy(start, 0, { hourOf });
    const late = new UpdatePolicy(start, 0.5, { hourOf });
    expect(early.isCheckDue(start)).toBe(false);
    expect(early.isCheckDue(start + 15 * MIN - 1)).toBe(false);
    expect(early.isCheckDue(start + 15 * MIN)).toBe(true);
    expect(late.isCheckDue(start + 15 * MIN)).toBe(false);
    expect(late.isCheckDue(start + 30 * MIN)).toBe(true);
    early.checkStarted(start + 15 * MIN);
    expect(early.isCheckDue(start + 15 * MIN + 6 * HOUR - 1)).toBe(false);
    expect(early.isCheckDue(start + 15 * MIN + 6 * HOUR)).toBe(true);
  });

  it('stops checking once an update waits to be installed', () => {
    const policy = new UpdatePolicy(at(9), 0, { hourOf });
    policy.downloaded('0.2.0');
    expect(policy.isCheckDue(at(23))).toBe(false);
    expect(policy.pending).toBe('0.2.0');
  });

  it('installs nothing without a download', () => {
    const policy = new UpdatePolicy(at(9), 0, { hourOf });
    expect(policy.installDecision(at(12), false)).toEqual({ install: false, why: 'nothing-downloaded' });
  });

  it('never installs while the core reports a session, by day or at night', () => {
    const policy = new UpdatePolicy(at(0), 0, { hourOf });
    policy.downloaded('0.2.0');
    expect(policy.installDecision(at(3), true)).toEqual({ install: false, why: 'session-active' });
    expect(policy.installDecision(at(14), true)).toEqual({ install: false, why: 'session-active' });
  });

  it('by day, waits until no session has been seen for 10 minutes', () => {
    const policy = new UpdatePolicy(at(8), 0, { hourOf });
    policy.downloaded('0.2.0');
    expect(policy.installDecision(at(10), true).install).toBe(false);
    // The idle wipe ended the session: the terminal is free, but someone may still stand there.
    policy.sessionEnded(at(10, 1));
    expect(policy.installDecision(at(10, 5), false)).toEqual({ install: false, why: 'recent-activity' });
    expect(policy.installDecision(at(10, 10), false)).toEqual({ install: false, why: 'recent-activity' });
    expect(policy.installDecision(at(10, 11), false)).toEqual({ install: true, why: 'quiet' });
  });

  it('counts start-up as activity: a restart may have cut a session short, which resumes', () => {
    const policy = new UpdatePolicy(at(11), 0, { hourOf });
    policy.downloaded('0.2.0');
    expect(policy.installDecision(at(11, 9), false).install).toBe(false);
    expect(policy.installDecision(at(11, 10), false).install).toBe(true);
  });

  it('at night (1–5 h), installs after 2 quiet minutes', () => {
    const policy = new UpdatePolicy(at(0), 0, { hourOf });
    policy.downloaded('0.2.0');
    policy.sessionEnded(at(2, 0));
    expect(policy.installDecision(at(2, 1), false)).toEqual({ install: false, why: 'recent-activity' });
    expect(policy.installDecision(at(2, 2), false)).toEqual({ install: true, why: 'night' });
    const dawn = new UpdatePolicy(at(0), 0, { hourOf });
    dawn.downloaded('0.2.0');
    dawn.sessionEnded(at(5, 0));
    expect(dawn.installDecision(at(5, 2), false).install).toBe(false);
  });

  it('takes a night window across midnight', () => {
    const policy = new UpdatePolicy(at(20), 0, { hourOf, night: { fromHour: 22, toHour: 4 } });
    policy.downloaded('0.2.0');
    policy.sessionEnded(at(23));
    expect(policy.installDecision(at(23, 3), false)).toEqual({ install: true, why: 'night' });
    const evening = new UpdatePolicy(at(20), 0, { hourOf, night: { fromHour: 22, toHour: 4 } });
    evening.downloaded('0.2.0');
    evening.sessionEnded(at(21));
    expect(evening.installDecision(at(21, 3), false)).toEqual({ install: false, why: 'recent-activity' });
  });
});

describe('update feed URL', () => {
  it("is the hub's /updates/ folder, https only (loopback excepted)", () => {
    expect(updateFeedUrl('https://hub.stade.local:8443')).toBe('https://hub.stade.local:8443/updates/');
    expect(updateFeedUrl('https://hub.stade.local/kiosk/')).toBe('https://hub.stade.local/kiosk/updates/');
    expect(updateFeedUrl('http://127.0.0.1:8090')).toBe('http://127.0.0.1:8090/updates/');
    expect(() => updateFeedUrl('http://hub.stade.local')).toThrow(/https/);
  });
});

class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  allowDowngrade = true;
  allowPrerelease = true;
  logger: unknown = console;
  feed: unknown;
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  setFeedURL(options: unknown) {
    this.feed = options;
  }
  async checkForUpdates() {
    this.checks += 1;
    return null;
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

function fakeCore() {
  const listeners: Array<(event: KioskEvent) => void> = [];
  const core = {
    session: null as unknown,
    calls: [] as string[],
    async dispatch(method: unknown): Promise<Result<unknown>> {
      core.calls.push(String(method));
      return { ok: true, value: { active: core.session !== null } };
    },
    onEvent(listener: (event: KioskEvent) => void) {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
    emit(event: KioskEvent) {
      for (const listener of [...listeners]) listener(event);
    },
    listeners,
  };
  return core;
}

describe('kiosk updates wiring (fake electron-updater, fake core)', () => {
  function setup() {
    let now = at(9);
    const updater = new FakeUpdater();
    const core = fakeCore();
    const logger = createMemoryLogger();
    const updates = runKioskUpdates({
      updater,
      core,
      hubUrl: 'https://hub.stade.local:8443',
      logger,
      now: () => now,
      spread: 0,
      policy: { hourOf },
    });
    return { updater, core, logger, updates, advance: (ms: number) => (now += ms) };
  }

  it('points electron-updater at the hub, downloads in the background, never installs on quit', () => {
    const { updater, updates } = setup();
    expect(updater.feed).toEqual({
      provider: 'generic',
      url: 'https://hub.stade.local:8443/updates/',
      useMultipleRangeRequest: false,
    });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.allowDowngrade).toBe(false);
    expect(updater.allowPrerelease).toBe(false);
    expect(updater.logger).toBeNull();
    updates.stop();
  });

  it('checks when due, then installs only once the core reports no session and the kiosk was quiet', async () => {
    const { updater, core, logger, updates, advance } = setup();
    await updates.tick();
    expect(updater.checks).toBe(0);
    advance(15 * MIN);
    await updates.tick();
    expect(updater.checks).toBe(1);
    expect(core.calls).toEqual([]);

    updater.emit('update-downloaded', { version: '0.2.0' });
    core.session = { sessionId: 'a-session' };
    await updates.tick();
    expect(core.calls).toEqual(['session.active']);
    expect(updater.installs).toEqual([]);

    // The idle wipe: no session any more, but the install waits for the quiet time.
    core.session = null;
    core.emit({ type: 'session.ended', sessionId: 'a-session', reason: 'idle' });
    advance(5 * MIN);
    await updates.tick();
    expect(updater.installs).toEqual([]);
    advance(5 * MIN);
    await updates.tick();
    expect(updater.installs).toEqual([[true, true]]);
    expect(logger.lines.map((line) => line.event)).toEqual(['update.check', 'update.downloaded', 'update.install']);
    // Installing once is enough: the app is quitting.
    advance(HOUR);
    await updates.tick();
    expect(updater.installs).toHaveLength(1);
    updates.stop();
    expect(core.listeners).toHaveLength(0);
  });

  it('takes a core that cannot answer as busy', async () => {
    const { updater, core, updates, advance } = setup();
    core.dispatch = async (method: unknown) => {
      core.calls.push(String(method));
      return { ok: false, error: { code: 'internal' } } as Result<unknown>;
    };
    updater.emit('update-downloaded', { version: '0.2.0' });
    advance(2 * HOUR);
    await updates.tick();
    expect(core.calls).toContain('session.active');
    expect(updater.installs).toEqual([]);
    updates.stop();
  });

  it('logs a failed check by its error class only, and tries again at the next interval', async () => {
    const { updater, logger, updates, advance } = setup();
    updater.checkForUpdates = async () => {
      updater.checks += 1;
      throw new TypeError('net::ERR_CERT_AUTHORITY_INVALID https://hub.stade.local:8443/updates/latest.yml');
    };
    advance(15 * MIN);
    await updates.tick();
    advance(HOUR);
    await updates.tick();
    expect(updater.checks).toBe(1);
    advance(5 * HOUR);
    await updates.tick();
    expect(updater.checks).toBe(2);
    const failed = logger.lines.filter((line) => line.event === 'update.failed');
    expect(failed).toHaveLength(2);
    expect(JSON.stringify(failed)).not.toContain('hub.stade.local');
    updates.stop();
  });

  it('is plain Node: neither file loads electron or electron-updater at import', () => {
    for (const file of ['update-policy.ts', 'updates.ts']) {
      const source = readFileSync(path.join(import.meta.dirname, '../../electron/main', file), 'utf8');
      expect(source).not.toMatch(/from 'electron'|require\('electron'\)|from 'electron-updater'/);
    }
  });
});
