import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default is one worker fewer than the CPUs: one on a 2-core runner. Most tests wait on
    // fsync, sockets and child processes, so two keep both cores busy (npm test must stay under 20 min).
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
