// @vitest-environment node
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addonAbis, electronAbi, nativeAbiProblems, REQUIRED_ADDON } from '../../build/native-abi.mjs';
import { patchAbi } from './native-abi-patch';

/**
 * The ABI check that refuses a package (build/check-natives.mjs), on the real better_sqlite3.node
 * installed here, which npm built for this Node, and on a copy whose registration symbol is patched
 * to Electron's ABI: the stand-in for a rebuild, which needs Electron's headers from the network.
 */

const root = path.join(import.meta.dirname, '../..');
const addon = path.join(root, REQUIRED_ADDON);
const require = createRequire(import.meta.url);
const electronVersion = (require('electron/package.json') as { version: string }).version;
const nodeAbi = Number(process.versions.modules);

const dirs: string[] = [];
function unpackedWith(binary: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-abi-'));
  dirs.push(dir);
  mkdirSync(path.dirname(path.join(dir, REQUIRED_ADDON)), { recursive: true });
  writeFileSync(path.join(dir, REQUIRED_ADDON), binary);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('native addon ABI check', () => {
  it("reads Electron's ABI from node-abi, the same number the electron package states", async () => {
    const abi = await electronAbi(electronVersion);
    const stated = Number(readFileSync(path.join(root, 'node_modules/electron/abi_version'), 'utf8').trim());
    expect(abi).toBe(stated);
    expect(abi).not.toBe(nodeAbi);
  });

  it("finds Node's ABI in the better_sqlite3.node npm built here", () => {
    expect(addonAbis(readFileSync(addon))).toEqual([nodeAbi]);
  });

  it('refuses the Node build for Electron, saying it is Node’s ABI', async () => {
    const expected = await electronAbi(electronVersion);
    const problems = nativeAbiProblems(unpackedWith(readFileSync(addon)), expected);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`better_sqlite3.node is built for ABI ${nodeAbi} (the ABI of this Node`);
    expect(problems[0]).toContain(`Electron needs ${expected}`);
  });

  it("accepts a copy that registers itself for Electron's ABI", async () => {
    const expected = await electronAbi(electronVersion);
    const patched = patchAbi(readFileSync(addon), nodeAbi, expected);
    expect(addonAbis(patched)).toEqual([expected]);
    expect(nativeAbiProblems(unpackedWith(patched), expected)).toEqual([]);
  });

  it('refuses a package without better-sqlite3', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-abi-'));
    dirs.push(dir);
    expect(nativeAbiProblems(dir, await electronAbi(electronVersion))).toEqual([
      expect.stringContaining('better_sqlite3.node is missing'),
    ]);
  });

  it('checks every V8 addon in the folder, and leaves Node-API addons (any ABI) alone', async () => {
    const expected = await electronAbi(electronVersion);
    const dir = unpackedWith(patchAbi(readFileSync(addon), nodeAbi, expected));
    const other = path.join(dir, 'node_modules/other/build/Release/other.node');
    mkdirSync(path.dirname(other), { recursive: true });
    copyFileSync(addon, other);
    writeFileSync(path.join(dir, 'node_modules/other/napi.node'), 'ELF… napi_register_module_v1 …');
    expect(nativeAbiProblems(dir, expected)).toEqual([
      expect.stringMatching(/^node_modules\/other\/build\/Release\/other\.node is built for ABI /),
    ]);
  });
});
