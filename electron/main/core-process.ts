import type { CoreProcess } from '../../core/host/supervisor';

/** Shaped like Electron's utilityProcess module and the UtilityProcess it forks. */
export interface UtilityChildLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
  readonly pid?: number | undefined;
}

export interface UtilityProcessLike {
  fork(
    modulePath: string,
    args: string[],
    options: { serviceName: string; stdio: 'inherit'; env: Record<string, string> },
  ): UtilityChildLike;
}

/**
 * The environment a core process starts with: the main process's, without the kiosk's own
 * settings (KIOSK_PORTAL_CLIENT_SECRET among them) and Node's option switches. Whatever the core
 * needs comes in frames over its port.
 */
export function coreProcessEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || name.startsWith('KIOSK_') || name === 'NODE_OPTIONS') continue;
    kept[name] = value;
  }
  return kept;
}

/** The core in an Electron utilityProcess, as the supervisor's CoreProcess. */
export function utilityCoreProcess(
  utilityProcess: UtilityProcessLike,
  entry: string,
  env: NodeJS.ProcessEnv,
): CoreProcess {
  const child = utilityProcess.fork(entry, [], {
    serviceName: 'Bürgerkiosk core',
    stdio: 'inherit',
    env: coreProcessEnv(env),
  });
  let exited = false;
  const exitListeners: ((code: number | null) => void)[] = [];
  child.on('exit', (code) => {
    exited = true;
    for (const listener of exitListeners.splice(0)) listener(code);
  });
  return {
    send(frame) {
      if (exited) throw new Error('the core process is gone');
      child.postMessage(frame);
    },
    onFrame(listener) {
      child.on('message', listener);
    },
    onExit(listener) {
      exitListeners.push(listener);
    },
    kill() {
      child.kill();
    },
    get pid() {
      return child.pid;
    },
  };
}
