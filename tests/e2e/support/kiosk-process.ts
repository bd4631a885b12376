import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchUntilReady, stopChild, type Running } from './child-process';
import { START_SCRIPT } from './paths';

/**
 * Runs the real browser-mode kiosk (`dist/node/start.mjs`) as a child process on
 * 127.0.0.1, each with its own fresh data directory, so specs can kill -9 it,
 * restart it on the same data and scan every file it left behind.
 */

export interface KioskOptions {
  /** Reuse an existing data dir (otherwise a fresh mkdtemp). */
  dataDir?: string;
  idleTimeoutS?: number;
  idleWarningS?: number;
  /** `--services-dir`: the town's own services, next to the shipped ones. */
  servicesDir?: string;
  /** Fixed port; default 0 (the kiosk picks a free one). */
  port?: number;
  /**
   * 'demo' runs `npm start`'s default, the local reference receiver; default 'none' (--no-portal):
   * specs about journeys need no delivery, and its RSA-4096 key generation costs seconds of CPU.
   */
  portal?: 'demo' | 'none';
  /** The help-desk hub (`--hub-url`, `--hub-enrolment-code`); default none. */
  hub?: { url: string; enrolmentCode?: string };
  /**
   * `--production` with neither portal nor hub flags, as an operator who forgot them would start it:
   * `portal` and `hub` are then ignored.
   */
  productionUnconfigured?: boolean;
  /**
   * Booking a time (issue 16): `--appointments-config <file>` (a reference server the spec runs), 'off'
   * (`--no-appointments`); default the embedded reference server of `npm start`.
   */
  appointments?: { configFile: string } | 'off';
  /** Another built kiosk (tests/e2e/support/services-root.ts), for another services folder. */
  startScript?: string;
}

export interface KioskHandle {
  url: string;
  port: number;
  dataDir: string;
  pid: number;
  /** Everything the process wrote to stdout and stderr so far (all runs). */
  output(): string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for exit: a crash, no shutdown code runs. */
  kill9(): Promise<void>;
  /** Starts again on the same data dir; `samePort` keeps the origin so an open page can reload. */
  restart(options?: { samePort?: boolean }): Promise<void>;
  /** Stops the process (if running) and deletes the data dir if this helper created it. */
  dispose(): Promise<void>;
}

const READY = /Bürgerkiosk listening on (http:\/\/127\.0\.0\.1:(\d+)\/)/;
const START_TIMEOUT_MS = 20_000;
/** A kiosk that does not stop on SIGTERM within this is killed. */
const STOP_TIMEOUT_MS = 10_000;

function launch(dataDir: string, options: KioskOptions, port: number, log: string[]): Promise<Running> {
  const args = [
    options.startScript ?? START_SCRIPT,
    '--browser',
    '--no-open',
    '--port',
    String(port),
    '--data-dir',
    dataDir,
  ];
  if (options.idleTimeoutS !== undefined) args.push('--idle-timeout', String(options.idleTimeoutS));
  if (options.idleWarningS !== undefined) args.push('--idle-warning', String(options.idleWarningS));
  if (options.servicesDir !== undefined) args.push('--services-dir', options.servicesDir);
  if (options.appointments === 'off') args.push('--no-appointments');
  else if (options.appointments) args.push('--appointments-config', options.appointments.configFile);
  if (options.productionUnconfigured) {
    args.push('--production');
    return launchUntilReady('kiosk', args, { ready: READY, timeoutMs: START_TIMEOUT_MS, log });
  }
  if (options.portal !== 'demo') args.push('--no-portal');
  // Without a hub given, none: the local demo hub of npm start would only cost the tests CPU.
  args.push(...(options.hub ? ['--hub-url', options.hub.url] : ['--no-hub']));
  if (options.hub?.enrolmentCode) args.push('--hub-enrolment-code', options.hub.enrolmentCode);
  return launchUntilReady('kiosk', args, { ready: READY, timeoutMs: START_TIMEOUT_MS, log });
}

export async function startKiosk(options: KioskOptions = {}): Promise<KioskHandle> {
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const log: string[] = [];
  let running: Running | undefined;
  try {
    running = await launch(dataDir, options, options.port ?? 0, log);
  } catch (error) {
    if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const handle: KioskHandle = {
    url: running.url,
    port: running.port,
    dataDir,
    pid: running.child.pid!,
    output: () => log.join(''),
    async stop() {
      if (running) await stopChild(running.child, 'SIGTERM', STOP_TIMEOUT_MS);
    },
    async kill9() {
      if (running) await stopChild(running.child, 'SIGKILL', STOP_TIMEOUT_MS);
    },
    async restart(restartOptions = {}) {
      if (running) await stopChild(running.child, 'SIGTERM', STOP_TIMEOUT_MS);
      running = await launch(dataDir, options, restartOptions.samePort ? handle.port : 0, log);
      handle.url = running.url;
      handle.port = running.port;
      handle.pid = running.child.pid!;
    },
    async dispose() {
      if (running) await stopChild(running.child, 'SIGTERM', STOP_TIMEOUT_MS);
      running = undefined;
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}
