// The open data's worker (hub/open-data/publish-worker.ts) as one CommonJS script in a string, which the hub runs
// with `new Worker(source, { eval: true })`: the same code from the TypeScript sources (Vitest, through the plugin
// in vitest.config.ts) and from every bundle that holds the hub (the plugin below), with no file of its own to find.
import path from 'node:path';
import { build } from 'esbuild';

export const OPEN_DATA_WORKER_MODULE = 'virtual:open-data-worker';

/** The worker's bundled source (better-sqlite3 stays outside: the worker loads it from the hub's own folder). */
export async function bundleOpenDataWorker(root) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'hub/open-data/publish-worker.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
    minifyWhitespace: true,
    minifySyntax: true,
    external: ['better-sqlite3'],
  });
  return result.outputFiles[0].text;
}

/** esbuild: `import source from 'virtual:open-data-worker'` is the worker's source as a string. */
export function openDataWorkerPlugin(root) {
  let source;
  return {
    name: 'open-data-worker',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^virtual:open-data-worker$/ }, () => ({
        path: 'source',
        namespace: 'open-data-worker',
      }));
      esbuild.onLoad({ filter: /.*/, namespace: 'open-data-worker' }, async () => ({
        contents: `export default ${JSON.stringify(await (source ??= bundleOpenDataWorker(root)))};`,
        loader: 'js',
      }));
    },
  };
}
