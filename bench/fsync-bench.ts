import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { msSince } from './stats';

/**
 * The floor for a durable commit on this disk: write 4 KiB and fsync, the same
 * way SQLite's WAL commit with synchronous=FULL ends in one fsync.
 */
export function measureRawFsync(dir: string, iterations: number): number[] {
  const fd = openSync(join(dir, 'fsync-probe.bin'), 'w');
  const block = Buffer.alloc(4096, 0x5a);
  const samples: number[] = [];
  try {
    for (let i = 0; i < iterations; i++) {
      const start = process.hrtime.bigint();
      writeSync(fd, block, 0, block.length, (i % 256) * block.length);
      fsyncSync(fd);
      samples.push(msSince(start));
    }
  } finally {
    closeSync(fd);
  }
  return samples;
}
