import { fork } from 'node:child_process';
import type { CoreProcess } from './supervisor';

/**
 * The core process as a plain Node child (child_process.fork of the built core-host entry), with the
 * same frames as Electron's utilityProcess: what the tests and the benchmark run in place of Electron.
 */
export function forkCoreProcess(entry: string, options: { silent?: boolean } = {}): CoreProcess {
  const child = fork(entry, [], {
    // Nothing of the configuration in argv or the environment but what Node itself needs.
    env: { PATH: process.env.PATH ?? '' },
    stdio: options.silent ? ['ignore', 'ignore', 'ignore', 'ipc'] : ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  return {
    send(frame) {
      if (!child.connected) throw new Error('the core process is gone');
      child.send(frame);
    },
    onFrame(listener) {
      child.on('message', listener);
    },
    onExit(listener) {
      child.once('exit', (code) => listener(code));
    },
    kill() {
      child.kill('SIGKILL');
    },
    get pid() {
      return child.pid;
    },
  };
}
