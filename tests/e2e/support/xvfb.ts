import { spawn, type ChildProcess } from 'node:child_process';
import { stopChild } from './child-process';

/**
 * An X server of its own for a test that starts a browser the way a terminal does (visible, not
 * headless). Xvfb picks a free display number itself and writes it to fd 3 (-displayfd), so tests
 * running side by side never share one.
 */
export interface Xvfb {
  display: string;
  stop(): Promise<void>;
}

export function startXvfb(): Promise<Xvfb> {
  const child: ChildProcess = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-noreset'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
  );
  // Never outlives the test runner.
  process.once('exit', () => child.kill('SIGKILL'));
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    let written = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Xvfb gave no display number:\n${errors}`));
    }, 15_000);
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      written += chunk.toString();
      const number = /^(\d+)\n/.exec(written)?.[1];
      if (number === undefined) return;
      clearTimeout(timer);
      resolve({ display: `:${number}`, stop: () => stopChild(child, 'SIGTERM', 5_000) });
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (code ${code}):\n${errors}`));
    });
  });
}
