import { spawn as nodeSpawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ReceiptPrinter } from '../../core/types';

/** The part of a child process the printer waits on. */
export interface ChildLike {
  once(event: 'error', listener: (error: Error) => void): unknown;
  once(event: 'close', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  kill(signal?: NodeJS.Signals): boolean;
}

export type SpawnLike = (command: string, args: readonly string[], options: { stdio: 'ignore' }) => ChildLike;

export interface LpPrinterOptions {
  /** CUPS destination; none: the system's default printer. */
  printer?: string;
  spawn?: SpawnLike;
  /** Where the short-lived PDF goes; default the OS temp dir. */
  tempDir?: string;
  /** A printer system that does not answer must not keep the resident waiting for ever. */
  timeoutMs?: number;
}

export class PrintError extends Error {}

/** The terminal's receipt printer holds an 80 mm roll. */
export const KIOSK_PRINTER_LAYOUT = 'receipt80';

export function lpArgs(file: string, printer?: string): string[] {
  return [...(printer ? ['-d', printer] : []), file];
}

function run(spawn: SpawnLike, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('lp', args, { stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new PrintError(`lp did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new PrintError(`lp could not start: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new PrintError(`lp failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/**
 * Prints through CUPS: the PDF goes to a private temp folder, `lp` hands it
 * to the spooler, and the file is deleted whatever happened (DESIGN §5: no
 * print files left behind). No shell is involved, so the name cannot inject.
 */
export function lpReceiptPrinter(options: LpPrinterOptions = {}): ReceiptPrinter {
  const spawn = options.spawn ?? (nodeSpawn as SpawnLike);
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    layout: KIOSK_PRINTER_LAYOUT,
    async print(pdf) {
      // mkdtemp makes the folder 0700: no other user of the machine can read the job.
      const dir = await mkdtemp(path.join(options.tempDir ?? tmpdir(), 'kiosk-receipt-'));
      try {
        const file = path.join(dir, 'receipt.pdf');
        await writeFile(file, pdf, { mode: 0o600 });
        await run(spawn, lpArgs(file, options.printer), timeoutMs);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
