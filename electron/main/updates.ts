import { createRequire } from 'node:module';
import type { KioskEvent } from '../../contract/events';
import type { Result } from '../../contract/result';
import type { Logger } from '../../core/types';
import { UpdatePolicy, type UpdatePolicyOptions } from './update-policy';

/** The part of electron-updater's AppUpdater the kiosk uses (a fake in tests). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  logger: unknown;
  setFeedURL(options: { provider: 'generic'; url: string; useMultipleRangeRequest: boolean }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The part of the core the updater asks (in this process or behind the core host's channel). */
export interface CoreLike {
  dispatch(method: unknown, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: KioskEvent) => void): () => void;
}

export interface KioskUpdatesOptions {
  updater: UpdaterLike;
  core: CoreLike;
  /** The town's hub, as --hub-url gave it; updates come from <hub>/updates/. */
  hubUrl: string;
  logger: Logger;
  now?: () => number;
  /** This terminal's place in the spread of check times, in [0, 1). */
  spread?: number;
  /** How often the policy is asked (a check or an install due). Default 1 min. */
  tickMs?: number;
  policy?: UpdatePolicyOptions;
}

export interface KioskUpdates {
  /** One round: check if due; install if downloaded and allowed. The timer calls it. */
  tick(): Promise<void>;
  stop(): void;
}

/**
 * The feed URL for electron-updater's generic provider: <hub>/updates/. Only https, except on
 * this machine: latest.yml carries the installers' SHA-512, so it must come over TLS.
 */
export function updateFeedUrl(hubUrl: string): string {
  const url = new URL(hubUrl);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new Error(`updates need an https hub, not ${url.protocol}//${url.host}`);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/updates/`;
  url.search = '';
  url.hash = '';
  return url.href;
}

/**
 * Updates from the town's hub: electron-updater downloads in the background (staged per
 * terminal by latest.yml's stagingPercentage, against the install id electron-updater keeps in
 * userData), and the restart that installs waits for update-policy.ts to allow it: never while
 * the core reports a session.
 */
export function runKioskUpdates(options: KioskUpdatesOptions): KioskUpdates {
  const { updater, core, logger } = options;
  const now = options.now ?? Date.now;
  const policy = new UpdatePolicy(now(), options.spread ?? Math.random(), options.policy);
  updater.autoDownload = true;
  // Installing on quit could restart into an update while a session waits to resume.
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  // Its lines carry URLs and file paths; the kiosk logs its own, below.
  updater.logger = null;
  // The hub's static files answer single ranges; a multi-range request would fall back to a full download.
  updater.setFeedURL({ provider: 'generic', url: updateFeedUrl(options.hubUrl), useMultipleRangeRequest: false });
  updater.on('update-downloaded', (info) => {
    policy.downloaded(info.version);
    logger.info('update.downloaded', { version: info.version });
  });
  updater.on('error', (error) => logger.warn('update.failed', { errorClass: error.name }));
  const unsubscribe = core.onEvent((event) => {
    if (event.type === 'session.ended' || event.type === 'session.idle' || event.type === 'session.changed')
      policy.sessionSeen(now());
  });

  let running = false;
  let installing = false;
  async function tick(): Promise<void> {
    if (running || installing) return;
    running = true;
    try {
      if (policy.isCheckDue(now())) {
        policy.checkStarted(now());
        logger.info('update.check');
        await updater
          .checkForUpdates()
          .catch((error: Error) => logger.warn('update.failed', { errorClass: error.name }));
      }
      if (policy.pending === undefined) return;
      // Only whether a session is open: the answers never need to reach this process for it.
      const current = await core.dispatch('session.active', {});
      // A core that cannot say counts as busy: better a late update than a lost session.
      const sessionActive = !current.ok || (current.value as { active: boolean }).active;
      const decision = policy.installDecision(now(), sessionActive);
      if (!decision.install) return;
      installing = true;
      logger.info('update.install', { version: policy.pending, why: decision.why });
      updater.quitAndInstall(true, true);
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void tick(), options.tickMs ?? 60_000);
  timer.unref?.();
  return {
    tick,
    stop() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}

/**
 * The packaged kiosk's updates, when it has a town hub. electron-updater is loaded only here:
 * it reads the app's own update settings and needs the real Electron.
 */
export async function startElectronUpdates(core: CoreLike, hubUrl: string, logger: Logger): Promise<KioskUpdates> {
  // A CommonJS require from node_modules (in app.asar), kept out of the main bundle by build/build.mjs.
  const { autoUpdater } = createRequire(import.meta.url)('electron-updater') as typeof import('electron-updater');
  return runKioskUpdates({ updater: autoUpdater as unknown as UpdaterLike, core, hubUrl, logger });
}
