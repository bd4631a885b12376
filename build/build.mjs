// Builds everything `npm start` and the tests need:
//   dist/node/start.mjs, dist/node/bench.mjs   (esbuild, Node 20, ESM, native modules external)
//   dist/electron/main.cjs, preload.cjs        (esbuild, CJS; the sandboxed preload may only require 'electron')
//   dist/renderer/                             (Vite, using ../vite.config.ts)
// `--if-stale` skips the build when every output is newer than every source file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(root, ...parts);
const args = new Set(process.argv.slice(2));

const SOURCE_DIRS = ['contract', 'core', 'electron', 'renderer', 'launcher', 'bench', 'build'];
const SOURCE_FILES = ['package.json', 'vite.config.ts', 'tsconfig.json'];
const OUTPUTS = [
  'dist/node/start.mjs',
  'dist/electron/main.cjs',
  'dist/electron/preload.cjs',
  'dist/renderer/index.html',
];

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === 'node_modules' || child.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

function isStale() {
  const outputs = OUTPUTS.map((file) => at(file));
  if (outputs.some((file) => !existsSync(file))) return true;
  const oldestOutput = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const newestSource = Math.max(...[...SOURCE_DIRS, ...SOURCE_FILES].map((entry) => newestMtime(at(entry))));
  return newestSource >= oldestOutput;
}

if (args.has('--if-stale') && !isStale()) {
  console.log('build: dist is up to date, skipped');
  process.exit(0);
}

const started = Date.now();
// Code written for ESM (import.meta.url) still works in the CommonJS Electron bundle.
const importMetaShim = {
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__importMetaUrl' },
};
const common = { bundle: true, logLevel: 'warning', legalComments: 'none', sourcemap: false, absWorkingDir: root };
// Native modules and packages that load files next to themselves stay in node_modules;
// ws's optional native helpers are loaded in a try/catch and may be absent.
const NATIVE_EXTERNALS = [
  'better-sqlite3',
  'better-sqlite3-multiple-ciphers',
  '@echogarden/*',
  'bufferutil',
  'utf-8-validate',
];
// Everything else is bundled (deep imports like 'ajv/dist/2020' do not resolve from ESM otherwise);
// bundled CommonJS packages need a real `require` inside the ESM output.
const nodeEsm = {
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: NATIVE_EXTERNALS,
  // Smaller source parses faster: cold start is a figure residents feel after every restart.
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
};

const jobs = [
  esbuild({
    ...common,
    entryPoints: [at('launcher/start.ts')],
    outfile: at('dist/node/start.mjs'),
    ...nodeEsm,
  }),
  esbuild({
    ...common,
    ...importMetaShim,
    entryPoints: [at('electron/main/index.ts')],
    outfile: at('dist/electron/main.cjs'),
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron', ...NATIVE_EXTERNALS],
  }),
  esbuild({
    ...common,
    entryPoints: [at('electron/preload/index.ts')],
    outfile: at('dist/electron/preload.cjs'),
    // A sandboxed preload runs in the renderer process: only 'electron' can be required, the rest is bundled.
    platform: 'browser',
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
  }),
];
if (existsSync(at('bench/bench.ts'))) {
  jobs.push(
    esbuild({
      ...common,
      entryPoints: [at('bench/bench.ts')],
      outfile: at('dist/node/bench.mjs'),
      ...nodeEsm,
      // Playwright finds its own files next to itself, so it cannot be bundled.
      external: [...NATIVE_EXTERNALS, '@playwright/test', 'playwright-core', 'playwright', '@axe-core/playwright'],
    }),
  );
}
await Promise.all(jobs);

const { build: viteBuild } = await import('vite');
await viteBuild({
  configFile: at('vite.config.ts'),
  base: './',
  logLevel: 'warn',
  build: { outDir: at('dist/renderer'), emptyOutDir: true },
});

const size = (file) => `${(statSync(at(file)).size / 1024).toFixed(0)} KiB`;
const built = [...OUTPUTS, ...(existsSync(at('dist/node/bench.mjs')) ? ['dist/node/bench.mjs'] : [])];
console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const file of built) console.log(`  ${file.padEnd(28)} ${size(file)}`);
