import { spawn, type ChildProcess } from 'node:child_process';

const READY = /Bürgerkiosk listening on (http:\/\/127\.0\.0\.1:\d+\/)/;

export interface SpawnedKiosk {
  child: ChildProcess;
  url: string;
}

/**
 * Starts dist/node/start.mjs in browser mode and resolves on its ready line. Without the demo portal
 * and demo hub: on a terminal both are other machines, and their first start makes RSA keys for
 * seconds on every core, which would be measured as the kiosk's own slowness.
 */
export function spawnKiosk(
  startScript: string,
  dataDir: string,
  timeoutMs = 20_000,
  /** More launcher flags, e.g. `--services-dir`. */
  extraArgs: readonly string[] = [],
): Promise<SpawnedKiosk> {
  const args = [
    startScript,
    '--browser',
    '--no-open',
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--no-portal',
    '--no-hub',
    ...extraArgs,
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kiosk not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const match = READY.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.stderr!.resume();
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk exited with ${code} before ready`));
    });
  });
}

export function stopKiosk(kiosk: SpawnedKiosk): Promise<void> {
  if (kiosk.child.exitCode !== null || kiosk.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    kiosk.child.once('exit', () => resolve());
    kiosk.child.kill('SIGTERM');
  });
}
