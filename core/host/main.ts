import { runCoreHost } from './core-host';
import type { FramePort } from './protocol';

/**
 * The core process's entry (dist/electron/core-host.cjs for Electron's utilityProcess,
 * dist/node/core-host.mjs for a child_process.fork): the same host on whichever port the
 * process was started with. Nothing comes from argv or the environment.
 */

interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function parentPort(): FramePort | undefined {
  // Set by Electron in a utilityProcess; reading it needs no import of 'electron'.
  const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (!port) return undefined;
  return {
    send: (frame) => port.postMessage(frame),
    onFrame: (listener) => port.on('message', (event) => listener(event.data)),
  };
}

function forkChannel(): FramePort | undefined {
  if (typeof process.send !== 'function') return undefined;
  return {
    send: (frame) => void process.send?.(frame),
    onFrame: (listener) => process.on('message', (message) => listener(message)),
  };
}

const port = parentPort() ?? forkChannel();
if (!port) {
  process.stderr.write('core-host: start me as a utilityProcess or with child_process.fork\n');
  process.exit(2);
}
// The parent going away ends the core: a fork's channel closes, a utility process is ended by Electron.
process.on('disconnect', () => process.exit(0));
runCoreHost(port, { onClosed: () => setImmediate(() => process.exit(0)) });
