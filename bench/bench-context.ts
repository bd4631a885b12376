import type { Browser } from '@playwright/test';
import type { LoadedService } from '../tests/e2e/support/service-data';

/** What every bench section gets: a temp folder, the services, the rows it adds to, and one Chromium. */

export interface Row {
  name: string;
  value: number;
  unit: string;
  target: string | null;
  pass?: boolean;
}

export function argValue(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** `--name <n>` overrides a count (e.g. `--crash-trials 100` for a quicker run); the defaults are the issue's. */
export function argNumber(flag: string, fallback: number): number {
  const value = Number(argValue(flag));
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export interface BenchContext {
  tmp: string;
  service: LoadedService;
  services: LoadedService[];
  rows: Row[];
  /** One Chromium for the browser sections, launched on first use. */
  browser(): Promise<Browser>;
}
