// @vitest-environment node
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lpReceiptPrinter, PrintError, type SpawnLike } from '../../electron/main/receipt-printer';

/**
 * The Electron shell's receipt printer with a fake spawn in place of `lp`:
 * what it runs, that the PDF is there while lp reads it, and that no file
 * is left behind whatever happens.
 */

const PDF = Buffer.from('%PDF-1.7 fake receipt');

class FakeChild extends EventEmitter {
  killedWith: string | undefined;
  kill(signal?: string) {
    this.killedWith = signal;
    return true;
  }
}

interface Call {
  command: string;
  args: readonly string[];
  /** The job file as lp would have read it at spawn time. */
  content: Buffer | undefined;
  mode: number | undefined;
  dirMode: number | undefined;
}

/** A spawn that records the call and then ends the child as `outcome` says. */
function fakeSpawn(outcome: { code?: number; error?: Error; hang?: boolean } = { code: 0 }) {
  const calls: Call[] = [];
  const children: FakeChild[] = [];
  const spawn: SpawnLike = (command, args) => {
    const file = args.at(-1)!;
    const there = existsSync(file);
    calls.push({
      command,
      args,
      content: there ? readFileSync(file) : undefined,
      mode: there ? statSync(file).mode & 0o777 : undefined,
      dirMode: there ? statSync(path.dirname(file)).mode & 0o777 : undefined,
    });
    const child = new FakeChild();
    children.push(child);
    setImmediate(() => {
      if (outcome.hang) return;
      if (outcome.error) child.emit('error', outcome.error);
      else child.emit('close', outcome.code ?? 0, null);
    });
    return child;
  };
  return { spawn, calls, children };
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-print-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('lp receipt printer', () => {
  it('prints to the named printer with `lp -d`, from a private temp file, and deletes it afterwards', async () => {
    const dir = tempDir();
    const fake = fakeSpawn();
    const printer = lpReceiptPrinter({ printer: 'Bon_Drucker-1', spawn: fake.spawn, tempDir: dir });
    expect(printer.layout).toBe('receipt80');
    await printer.print(PDF);
    expect(fake.calls).toHaveLength(1);
    const [call] = fake.calls;
    expect(call!.command).toBe('lp');
    expect(call!.args.slice(0, 2)).toEqual(['-d', 'Bon_Drucker-1']);
    expect(call!.args).toHaveLength(3);
    expect(call!.args[2]).toMatch(new RegExp(`^${dir}/kiosk-receipt-[^/]+/receipt\\.pdf$`));
    expect(call!.content).toEqual(PDF);
    expect(call!.mode).toBe(0o600);
    expect(call!.dirMode).toBe(0o700);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("uses the system's default printer when none is named", async () => {
    const dir = tempDir();
    const fake = fakeSpawn();
    await lpReceiptPrinter({ spawn: fake.spawn, tempDir: dir }).print(PDF);
    expect(fake.calls[0]!.args).toHaveLength(1);
    expect(fake.calls[0]!.args[0]).toMatch(/receipt\.pdf$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails with a PrintError when lp exits non-zero, and still deletes the file', async () => {
    const dir = tempDir();
    const fake = fakeSpawn({ code: 1 });
    await expect(lpReceiptPrinter({ spawn: fake.spawn, tempDir: dir }).print(PDF)).rejects.toThrow(PrintError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails with a PrintError when lp is not installed, and still deletes the file', async () => {
    const dir = tempDir();
    const missing = Object.assign(new Error('spawn lp ENOENT'), { code: 'ENOENT' });
    const fake = fakeSpawn({ error: missing });
    await expect(lpReceiptPrinter({ spawn: fake.spawn, tempDir: dir }).print(PDF)).rejects.toThrow(/could not start/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('gives up on an lp that hangs: kills it, fails, deletes the file', async () => {
    const dir = tempDir();
    const fake = fakeSpawn({ hang: true });
    const printing = lpReceiptPrinter({ spawn: fake.spawn, tempDir: dir, timeoutMs: 50 }).print(PDF);
    await expect(printing).rejects.toThrow(/did not finish/);
    expect(fake.children[0]!.killedWith).toBe('SIGKILL');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is plain Node: it never loads electron', () => {
    const source = readFileSync(path.join(import.meta.dirname, '../../electron/main/receipt-printer.ts'), 'utf8');
    expect(source).not.toMatch(/from 'electron'|require\('electron'\)/);
  });
});
