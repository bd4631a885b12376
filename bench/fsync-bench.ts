import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { msSince } from './stats';

export interface CommitProbe {
  /** One timed operation, in milliseconds. */
  sample(): number;
  close(): void;
}

/**
 * The floor for a durable commit on this disk: write 4 KiB and fsync, the same
 * way SQLite's WAL commit with synchronous=FULL ends in one fsync.
 */
export function openRawFsyncProbe(dir: string): CommitProbe {
  const fd = openSync(join(dir, 'fsync-probe.bin'), 'w');
  const block = Buffer.alloc(4096, 0x5a);
  let i = 0;
  return {
    sample() {
      const start = process.hrtime.bigint();
      writeSync(fd, block, 0, block.length, (i++ % 256) * block.length);
      fsyncSync(fd);
      return msSince(start);
    },
    close: () => closeSync(fd),
  };
}

/**
 * Takes `iterations` samples from each probe, alternating between them, so a
 * burst of load from elsewhere on the machine lands on both series alike
 * instead of on whichever happened to run at that moment.
 */
export function sampleInterleaved(probes: CommitProbe[], iterations: number): number[][] {
  const series = probes.map(() => [] as number[]);
  try {
    for (let i = 0; i < iterations; i++) probes.forEach((probe, index) => series[index]!.push(probe.sample()));
  } finally {
    for (const probe of probes) probe.close();
  }
  return series;
}
