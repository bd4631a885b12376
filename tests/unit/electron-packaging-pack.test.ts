// @vitest-environment node
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { build, Platform, type AfterPackContext } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronAbi, REQUIRED_ADDON } from '../../build/native-abi.mjs';
import { patchAbi } from './native-abi-patch';

/**
 * A real electron-builder pack of this project (`--dir`, Linux, build/electron-builder.yml), with
 * the two things that need the network replaced by stand-ins:
 * - the Electron binary, which cannot be downloaded: a file holding Electron's fuse sentinel and a
 *   fuse wire in Electron's default state, so electron-builder writes app.asar and flips the fuses
 *   as for a real one (electronDist);
 * - the native rebuild (build/rebuild-natives.mjs, skipped with KIOSK_PACK_SKIP_REBUILD=1): the
 *   afterPack step first runs the real check on the packed Node build of better-sqlite3, which it
 *   must refuse, then patches the packed copy's ABI as a rebuild would and runs the check again.
 * Then app.asar, the unpacked files, the fuses and the entry point are read back.
 */

const root = path.join(import.meta.dirname, '../..');
const configFile = path.join(root, 'build/electron-builder.yml');
const config = readFileSync(configFile, 'utf8');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults, as its binaries ship: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges on. */
const DEFAULT_WIRE = '10110001';

let work: string;
let appOutDir: string;
let files: string[];
const checks: { refusal?: string; accepted?: boolean } = {};

function standInElectron(dir: string): void {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const binary = path.join(dir, 'electron');
  writeFileSync(
    binary,
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in Electron binary for the packaging test" >&2; exit 1\n'),
      Buffer.from(SENTINEL),
      Buffer.from([1, DEFAULT_WIRE.length]),
      Buffer.from(DEFAULT_WIRE),
    ]),
  );
  chmodSync(binary, 0o755);
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in');
}

const asar = () => path.join(appOutDir, 'resources', 'app.asar');
const unpacked = () => path.join(appOutDir, 'resources', 'app.asar.unpacked');

beforeAll(async () => {
  expect(existsSync(path.join(root, pkg.main)), `${pkg.main} missing: run npm run build first`).toBe(true);
  work = mkdtempSync(path.join(tmpdir(), 'kiosk-pack-'));
  standInElectron(path.join(work, 'electron-dist'));
  const checkNatives = (await import('../../build/check-natives.mjs')).default as (
    c: AfterPackContext,
  ) => Promise<void>;
  const skipBefore = process.env.KIOSK_PACK_SKIP_REBUILD;
  process.env.KIOSK_PACK_SKIP_REBUILD = '1';
  try {
    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir'),
      publish: 'never',
      config: {
        extends: configFile,
        electronDist: path.join(work, 'electron-dist'),
        directories: { output: path.join(work, 'release') },
        // The configured hook (checked below to be build/check-natives.mjs), with the rebuild's stand-in around it.
        afterPack: async (context) => {
          await checkNatives(context).catch((error: Error) => (checks.refusal = error.message));
          const packed = path.join(context.appOutDir, 'resources/app.asar.unpacked', REQUIRED_ADDON);
          const expected = await electronAbi(context.packager.info.framework.version);
          writeFileSync(packed, patchAbi(readFileSync(packed), Number(process.versions.modules), expected));
          await checkNatives(context);
          checks.accepted = true;
        },
      },
    });
  } finally {
    if (skipBefore === undefined) delete process.env.KIOSK_PACK_SKIP_REBUILD;
    else process.env.KIOSK_PACK_SKIP_REBUILD = skipBefore;
  }
  appOutDir = path.join(work, 'release', 'linux-unpacked');
  files = listPackage(asar(), { isPack: false }).map((file) => file.replace(/\\/g, '/').replace(/^\//, ''));
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electron-builder pack (stand-in Electron binary)', () => {
  it('runs the native rebuild before packing and the ABI check after, as the configuration says', () => {
    expect(config).toMatch(/^beforePack: build\/rebuild-natives\.mjs$/m);
    expect(config).toMatch(/^afterPack: build\/check-natives\.mjs$/m);
    expect(config).toMatch(/^npmRebuild: false$/m);
  });

  it("refuses the packed better-sqlite3 built for Node's ABI, and accepts it built for Electron's", () => {
    expect(checks.refusal).toMatch(/^Refusing to pack for Electron /);
    expect(checks.refusal).toContain(`built for ABI ${process.versions.modules} (the ABI of this Node`);
    expect(checks.accepted).toBe(true);
  });

  it('packs the Electron bundle as the entry point', () => {
    const packedPkg = JSON.parse(extractFile(asar(), 'package.json').toString('utf8')) as typeof pkg;
    expect(packedPkg.main).toBe('dist/electron/main.cjs');
    expect(files).toContain(packedPkg.main);
    const entry = extractFile(asar(), packedPkg.main);
    expect(entry.equals(readFileSync(path.join(root, packedPkg.main)))).toBe(true);
    expect(entry.toString('utf8')).toMatch(/require\("electron"\)/);
    expect(packedPkg.devDependencies ?? {}).toEqual({});
  });

  it('packs every file of the Electron bundles and the renderer', () => {
    for (const dir of ['dist/electron', 'dist/renderer'])
      for (const file of readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true }))
        if (file.isFile()) {
          const relative = path.relative(root, path.join(file.parentPath, file.name)).replace(/\\/g, '/');
          if (!relative.endsWith('.map')) expect(files).toContain(relative);
        }
    expect(files).toContain('resources/services/meldebescheinigung/service.json');
  });

  it('leaves out tests, sources, source maps, Node-only bundles and dev dependencies', () => {
    const own = files.filter((file) => !file.startsWith('node_modules/'));
    expect(
      own.filter((file) => /^(tests|core|electron|renderer|launcher|hub|receiver|bench|build)\//.test(file)),
    ).toEqual([]);
    expect(own.filter((file) => /\.(tsx?|map)$/.test(file))).toEqual([]);
    expect(files.filter((file) => file.startsWith('dist/node/'))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(
      files.filter((file) => /(^|\/)(__tests__|tests?)\//.test(file) && !file.startsWith('node_modules/')),
    ).toEqual([]);
    const devOnly = Object.keys(pkg.devDependencies).filter((name) => !(name in pkg.dependencies));
    for (const name of devOnly) expect(files.filter((file) => file.startsWith(`node_modules/${name}/`))).toEqual([]);
    expect(files.filter((file) => /better-sqlite3\/(deps|src)\/|test_extension\.node$|sqlite3\.a$/.test(file))).toEqual(
      [],
    );
  });

  it("packs what the entry point and the core process require at run time, with each package's own dependencies", () => {
    // The main process and the core's utilityProcess (core/host) are separate bundles with their own requires.
    const entry = [pkg.main, 'dist/electron/core-host.cjs']
      .map((bundle) => readFileSync(path.join(root, bundle), 'utf8'))
      .join('\n');
    // ws loads these optional speed-ups in a try/catch; the kiosk runs without them.
    const optional = new Set(['electron', 'bufferutil', 'utf-8-validate']);
    const specs = [...new Set([...entry.matchAll(/require\("([^".][^"]*)"\)/g)].map((match) => match[1]!))].filter(
      (spec) => !isBuiltin(spec) && !optional.has(spec),
    );
    expect(specs).toEqual(expect.arrayContaining(['better-sqlite3', 'pdfkit']));
    const packageOf = (spec: string) =>
      spec
        .split('/')
        .slice(0, spec.startsWith('@') ? 2 : 1)
        .join('/');
    for (const spec of specs) {
      const name = packageOf(spec);
      expect(files, `${name} (required by the Electron bundles)`).toContain(`node_modules/${name}/package.json`);
      if (spec !== name) expect(files, spec).toContain(`node_modules/${spec}.js`);
    }
    // Each packed package's dependencies, found as Node would: nested first, then hoisted.
    const seen = new Set<string>();
    const visit = (dir: string) => {
      if (seen.has(dir)) return;
      seen.add(dir);
      const manifest = JSON.parse(extractFile(asar(), `${dir}/package.json`).toString('utf8')) as {
        dependencies?: Record<string, string>;
      };
      for (const dep of Object.keys(manifest.dependencies ?? {})) {
        const found = [`${dir}/node_modules/${dep}`, `node_modules/${dep}`].find((candidate) =>
          files.includes(`${candidate}/package.json`),
        );
        expect(found, `${dep} (a dependency of ${dir})`).toBeDefined();
        visit(found!);
      }
    };
    for (const spec of specs) visit(`node_modules/${packageOf(spec)}`);
    visit('node_modules/@echogarden/espeak-ng-emscripten');
    visit('node_modules/electron-updater');
    expect(seen.size).toBeGreaterThan(10);
  });

  it('leaves out the libraries the renderer bundle already holds', () => {
    for (const name of ['react', 'react-dom', 'react-aria', 'react-aria-components', 'react-stately', 'react-i18next'])
      expect(files.filter((file) => file.startsWith(`node_modules/${name}/`))).toEqual([]);
  });

  it('keeps the natives and the espeak-ng package with its voice data unpacked next to app.asar', () => {
    for (const file of [
      REQUIRED_ADDON,
      'node_modules/@echogarden/espeak-ng-emscripten/espeak-ng.js',
      'node_modules/@echogarden/espeak-ng-emscripten/espeak-ng.data',
    ]) {
      expect(files).toContain(file);
      expect(statFile(asar(), file, false)).toMatchObject({ unpacked: true });
      expect(existsSync(path.join(unpacked(), file))).toBe(true);
    }
    expect(readdirSync(unpacked(), { recursive: true }).filter((f) => String(f).endsWith('.node')).length).toBe(
      files.filter((f) => f.endsWith('.node')).length,
    );
  });

  it("writes electron-updater's app-update.yml (generic provider; the kiosk sets the hub's URL at run time)", () => {
    const settings = readFileSync(path.join(appOutDir, 'resources', 'app-update.yml'), 'utf8');
    expect(settings).toMatch(/^provider: generic$/m);
    expect(settings).toMatch(/^useMultipleRangeRequest: false$/m);
    expect(settings).toMatch(/^updaterCacheDirName: \S+$/m);
  });

  it('flips the fuses in the packed binary as the configuration says', async () => {
    const wire = await getCurrentFuseWire(path.join(appOutDir, 'buergerkiosk'));
    const ON = 49;
    const OFF = 48;
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(OFF);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF);
  });
});
