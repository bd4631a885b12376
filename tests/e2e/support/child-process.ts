import { spawn, type ChildProcess } from 'node:child_process';

/** The kiosk and the hub as the town runs them: `node <script>` children that say when they listen. */

// Children never outlive the test runner.
const liveChildren = new Set<ChildProcess>();
process.once('exit', () => liveChildren.forEach((child) => child.kill('SIGKILL')));

export interface Running {
  child: ChildProcess;
  url: string;
  port: number;
}

/**
 * Starts `node args…` and resolves once its stdout matches `ready` (groups: the URL, the port).
 * Everything it writes goes to `log`; a child that exits first, or is not ready in time, rejects with it.
 */
export function launchUntilReady(
  name: string,
  args: string[],
  options: { ready: RegExp; timeoutMs: number; log: string[]; env?: NodeJS.ProcessEnv },
): Promise<Running> {
  const { ready, timeoutMs, log } = options;
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not report ready within ${timeoutMs} ms:\n${log.join('')}`));
    }, timeoutMs);
    child.stdout!.setEncoding('utf8');
    child.stderr!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      log.push(chunk);
      stdout += chunk;
      const match = ready.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, port: Number(match[2]) });
      }
    });
    child.stderr!.on('data', (chunk: string) => log.push(chunk));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before ready (code ${code}, signal ${signal}):\n${log.join('')}`));
    });
  });
}

/** Sends `signal` and waits for the exit; with `forceAfterMs`, one that does not go by then is killed. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals, forceAfterMs?: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = forceAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), forceAfterMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}
