import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { bundleOpenDataWorker, OPEN_DATA_WORKER_MODULE } from './build/open-data-worker.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // The hub's open data worker runs from a string (build/open-data-worker.mjs), bundled here as in the build.
  plugins: [
    {
      name: 'open-data-worker',
      resolveId: (id) => (id === OPEN_DATA_WORKER_MODULE ? `\0${OPEN_DATA_WORKER_MODULE}` : undefined),
      load: async (id) =>
        id === `\0${OPEN_DATA_WORKER_MODULE}`
          ? `export default ${JSON.stringify(await bundleOpenDataWorker(root))};`
          : undefined,
    },
  ],
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
