// Builds everything `npm start` and the tests need:
//   dist/node/start.mjs, dist/node/bench.mjs, dist/node/receiver.mjs, dist/node/hub.mjs  (esbuild, Node 20, ESM, native modules external)
//   dist/electron/main.cjs, preload.cjs        (esbuild, CJS; the sandboxed preload may only require 'electron')
//   dist/electron/core-host.cjs, dist/node/core-host.mjs  (the core process: Electron's utilityProcess, a Node fork)
//   dist/renderer/                             (Vite, using ../vite.config.ts)
//   dist/console/                              (Vite, using ../console/vite.config.ts; the hub serves it at /)
//   the service files, checked and compiled    (core/catalog/precompile.ts; bundled into the Node and Electron bundles)
// `--if-stale` skips the build when every output is newer than every source file.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';
import { openDataWorkerPlugin } from './open-data-worker.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(root, ...parts);
const args = new Set(process.argv.slice(2));

const SOURCE_DIRS = [
  'contract',
  'core',
  'hub',
  'electron',
  'renderer',
  'console',
  'launcher',
  'receiver',
  'appointments',
  'bench',
  'build',
  'resources',
];
const SOURCE_FILES = ['package.json', 'vite.config.ts', 'tsconfig.json'];
const OUTPUTS = [
  'dist/node/start.mjs',
  'dist/node/receiver.mjs',
  'dist/node/appointments.mjs',
  'dist/node/hub.mjs',
  'dist/electron/main.cjs',
  'dist/electron/preload.cjs',
  'dist/electron/core-host.cjs',
  'dist/node/core-host.mjs',
  'dist/renderer/index.html',
  'dist/console/index.html',
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
  // pdfkit reads its standard fonts and ICC profile from files next to itself.
  'pdfkit',
  '@echogarden/*',
  // argon2 (the hub's password hashing) is a native module; npm start's local hub loads it.
  '@node-rs/*',
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
  minifyIdentifiers: true,
  // Class and function names stay right despite the short identifiers: logs name error classes.
  keepNames: true,
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
};

/**
 * What a start-up would otherwise check and compile again (core/catalog/precompile.ts): each service
 * file's contract check, and each schema as Ajv standalone code, keyed by the file's SHA-256. A file
 * changed after the build, or a service added, is checked at start-up as before. A file that fails
 * its check here is left out; the start-up check then refuses it with its file and path.
 */
async function precompileCatalog() {
  // Inside the project, so that the generator finds Ajv in node_modules.
  mkdirSync(at('dist'), { recursive: true });
  const scratch = mkdtempSync(at('dist', '.precompile-'));
  try {
    const generator = path.join(scratch, 'precompile.mjs');
    await esbuild({
      ...common,
      entryPoints: [at('core/catalog/precompile.ts')],
      outfile: generator,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      banner: nodeEsm.banner,
    });
    const { checkedDefinitionJson, precompiledCatalogSource, standaloneBody } = await import(
      pathToFileURL(generator).href
    );
    const servicesDir = at('resources/services');
    const files = { services: [], schemas: [] };
    const leaveOut = (file, error) =>
      console.warn(`build: ${file} is checked at start-up, not here (${error?.message?.slice(0, 200) ?? error})`);
    for (const folder of existsSync(servicesDir) ? readdirSync(servicesDir).sort() : []) {
      const serviceFile = path.join(servicesDir, folder, 'service.json');
      if (!existsSync(serviceFile)) continue;
      const serviceText = readFileSync(serviceFile, 'utf8');
      let schemaName;
      try {
        schemaName = JSON.parse(checkedDefinitionJson(serviceText)).schema;
        files.services.push(serviceText);
      } catch (error) {
        leaveOut(`services/${folder}/service.json`, error);
        continue;
      }
      try {
        const schemaText = readFileSync(path.join(servicesDir, folder, schemaName), 'utf8');
        standaloneBody(schemaText);
        files.schemas.push(schemaText);
      } catch (error) {
        leaveOut(`services/${folder}/${schemaName}`, error);
      }
    }
    return { source: precompiledCatalogSource(files), count: files.services.length + files.schemas.length };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const precompiled = await precompileCatalog();
// Swaps the placeholder module (nothing precompiled, as the unbundled tests use) for the generated one.
const precompiledCatalogPlugin = {
  name: 'precompiled-catalog',
  setup(build) {
    build.onLoad({ filter: /[\\/]core[\\/]catalog[\\/]precompiled-catalog\.ts$/ }, () => ({
      contents: precompiled.source,
      loader: 'js',
      resolveDir: at('core/catalog'),
    }));
  },
};

// zod's classic API re-exports all ~50 of its error-message locales (z.locales), which keeps them in the
// bundle although the core never switches zod's language: half of zod's size, parsed at every start.
// Only English (zod's default, set by zod itself) stays.
// The hub's open data worker as a string (build/open-data-worker.mjs), in every bundle that holds the hub.
const openDataWorker = openDataWorkerPlugin(root);

const zodEnglishOnlyPlugin = {
  name: 'zod-english-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      loader: 'js',
    }));
  },
};

/**
 * start.mjs with what it imports only on demand (the demo receiver, receipts, the application PDF with
 * pdfkit) in chunks of their own, loaded when first used: at start-up Node neither parses nor loads them.
 * The chunks are named by their content and written before start.mjs, which replaces the old one in one
 * rename, so a kiosk starting during a build gets one consistent set. A chunk of an earlier build stays
 * for a day, for a kiosk still running from that build that loads it late.
 */
async function buildStart() {
  const chunksDir = at('dist/node/start-chunks');
  const result = await esbuild({
    ...common,
    entryPoints: { start: at('launcher/start.ts') },
    outdir: at('dist/node'),
    splitting: true,
    chunkNames: 'start-chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    write: false,
    ...nodeEsm,
    plugins: [precompiledCatalogPlugin, zodEnglishOnlyPlugin, openDataWorker],
  });
  mkdirSync(chunksDir, { recursive: true });
  const replace = (file) => {
    const staging = `${file.path}.${process.pid}.tmp`;
    writeFileSync(staging, file.contents);
    renameSync(staging, file.path);
  };
  const entry = result.outputFiles.find((file) => file.path === at('dist/node/start.mjs'));
  // A chunk's name says its content: one that exists is already right.
  for (const file of result.outputFiles) if (file !== entry && !existsSync(file.path)) replace(file);
  replace(entry);
  const current = new Set(result.outputFiles.map((file) => path.basename(file.path)));
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  for (const name of readdirSync(chunksDir)) {
    const file = path.join(chunksDir, name);
    if (!current.has(name) && statSync(file).mtimeMs < dayAgo) rmSync(file, { force: true });
  }
}

const jobs = [
  buildStart(),
  // The reference receiver on its own (`npm run receiver`), e.g. as a separate process in the benchmark.
  esbuild({
    ...common,
    entryPoints: [at('receiver/main.ts')],
    outfile: at('dist/node/receiver.mjs'),
    ...nodeEsm,
  }),
  // The reference appointment server (ZMS citizen API) on its own (`npm run appointments`).
  esbuild({
    ...common,
    entryPoints: [at('appointments/main.ts')],
    outfile: at('dist/node/appointments.mjs'),
    ...nodeEsm,
  }),
  // The help-desk hub (`npm run hub`): plain Node, fastify; the desk's kiosk core uses the precompiled catalog too.
  esbuild({
    ...common,
    entryPoints: [at('hub/cli.ts')],
    outfile: at('dist/node/hub.mjs'),
    ...nodeEsm,
    external: NATIVE_EXTERNALS,
    plugins: [precompiledCatalogPlugin, zodEnglishOnlyPlugin, openDataWorker],
  }),
  esbuild({
    ...common,
    ...importMetaShim,
    entryPoints: [at('electron/main/index.ts')],
    outfile: at('dist/electron/main.cjs'),
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    // electron-updater is loaded from node_modules when a packaged kiosk with a hub starts its updates,
    // not parsed at every start (electron/main/updates.ts).
    external: ['electron', 'electron-updater', ...NATIVE_EXTERNALS],
    plugins: [precompiledCatalogPlugin, zodEnglishOnlyPlugin, openDataWorker],
  }),
  // The core process (core/host/): a utilityProcess in Electron; the benchmark forks the Node build.
  esbuild({
    ...common,
    ...importMetaShim,
    entryPoints: [at('core/host/main.ts')],
    outfile: at('dist/electron/core-host.cjs'),
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: NATIVE_EXTERNALS,
    plugins: [precompiledCatalogPlugin, zodEnglishOnlyPlugin, openDataWorker],
  }),
  esbuild({
    ...common,
    entryPoints: [at('core/host/main.ts')],
    outfile: at('dist/node/core-host.mjs'),
    ...nodeEsm,
    plugins: [precompiledCatalogPlugin, zodEnglishOnlyPlugin, openDataWorker],
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
    plugins: [zodEnglishOnlyPlugin],
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
      // esbuild runs its own binary (the crash harness bundles the kiosk child with it).
      external: [
        ...NATIVE_EXTERNALS,
        '@playwright/test',
        'playwright-core',
        'playwright',
        '@axe-core/playwright',
        'esbuild',
      ],
      plugins: [precompiledCatalogPlugin, zodEnglishOnlyPlugin, openDataWorker],
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
// The staff console: its own page and bundle, served by the hub (never by a kiosk).
await viteBuild({
  configFile: at('console/vite.config.ts'),
  root: at('console'),
  base: './',
  logLevel: 'warn',
  build: { outDir: at('dist/console'), emptyOutDir: true },
});

const size = (file) => `${(statSync(at(file)).size / 1024).toFixed(0)} KiB`;
const built = [...OUTPUTS, ...(existsSync(at('dist/node/bench.mjs')) ? ['dist/node/bench.mjs'] : [])];
console.log(
  `build: done in ${((Date.now() - started) / 1000).toFixed(1)} s (${precompiled.count} service files precompiled)`,
);
for (const file of built) console.log(`  ${file.padEnd(28)} ${size(file)}`);
