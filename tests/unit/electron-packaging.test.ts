// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackedPath } from '../../core/speech/espeak-engine';

/**
 * The packaged app (build/electron-builder.yml) keeps outside app.asar what cannot run from inside
 * it: espeak-ng's WebAssembly package, loaded by import() in a worker thread, and the native
 * modules. The Electron binary and electron-builder cannot run here, so the config is read and
 * its entries checked against the files they must cover.
 */

const root = join(import.meta.dirname, '../..');
const config = readFileSync(join(root, 'build/electron-builder.yml'), 'utf8');

/** The items of a top-level YAML block list ("key:" then "  - item" lines); enough for this file. */
function topLevelList(yaml: string, key: string): string[] {
  const lines = yaml.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === `${key}:`);
  if (start === -1) return [];
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const item = /^\s+-\s+(.+?)\s*$/.exec(line);
    if (!item) break;
    items.push(item[1]!.replace(/^(['"])(.*)\1$/, '$2'));
  }
  return items;
}

describe('electron-builder packaging', () => {
  it('packs the app into an asar archive', () => {
    expect(config).toMatch(/^asar: true$/m);
  });

  it('unpacks the espeak-ng WebAssembly package and the native modules', () => {
    const unpack = topLevelList(config, 'asarUnpack');
    expect(unpack).toEqual(
      expect.arrayContaining([
        'node_modules/@echogarden/espeak-ng-emscripten/**',
        'node_modules/better-sqlite3/**',
        '**/*.node',
      ]),
    );
  });

  it('names files that exist: the espeak module with its voice data, better-sqlite3 with its .node', () => {
    const espeak = join(root, 'node_modules/@echogarden/espeak-ng-emscripten');
    expect(existsSync(join(espeak, 'espeak-ng.js'))).toBe(true);
    expect(existsSync(join(espeak, 'espeak-ng.data'))).toBe(true);
    expect(existsSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
  });

  it('points the speech worker at the unpacked copy in a packaged app, and nowhere else', () => {
    expect(
      unpackedPath('/opt/Bürgerkiosk/resources/app.asar/node_modules/@echogarden/espeak-ng-emscripten/espeak-ng.js'),
    ).toBe('/opt/Bürgerkiosk/resources/app.asar.unpacked/node_modules/@echogarden/espeak-ng-emscripten/espeak-ng.js');
    expect(unpackedPath('C:\\Kiosk\\resources\\app.asar\\node_modules\\x\\y.js')).toBe(
      'C:\\Kiosk\\resources\\app.asar.unpacked\\node_modules\\x\\y.js',
    );
    const plain = join(root, 'node_modules/@echogarden/espeak-ng-emscripten/espeak-ng.js');
    expect(unpackedPath(plain)).toBe(plain);
  });
});
