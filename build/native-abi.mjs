// Which Node ABI a native addon was built for, and whether a packed app's addons match Electron's.
// Plain Node (no TypeScript): electron-builder loads the packaging hooks that use it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The addon the core cannot start without; a package without it is refused. */
export const REQUIRED_ADDON = path.join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/**
 * The NODE_MODULE_VERSIONs a V8 addon registers itself for. node-gyp builds export
 * `node_register_module_v<ABI>`; Node-API addons export `napi_register_module_v1` instead and
 * run on any ABI, so they give an empty list.
 */
export function addonAbis(binary) {
  const text = Buffer.from(binary).toString('latin1');
  const found = new Set();
  for (const match of text.matchAll(/node_register_module_v(\d+)/g)) found.add(Number(match[1]));
  return [...found].sort((a, b) => a - b);
}

/** Electron's NODE_MODULE_VERSION, from node-abi, the table @electron/rebuild builds against. */
export async function electronAbi(electronVersion) {
  // node-abi comes with @electron/rebuild; resolved from there so both read the same table.
  const fromRebuild = createRequire(createRequire(import.meta.url).resolve('@electron/rebuild'));
  const nodeAbi = await import(fromRebuild.resolve('node-abi'));
  return Number(nodeAbi.getAbi(electronVersion, 'electron'));
}

function nodeFiles(dir, base = dir) {
  if (!existsSync(dir)) return [];
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...nodeFiles(full, base));
    else if (entry.name.endsWith('.node')) files.push(path.relative(base, full));
  }
  return files.sort();
}

/**
 * Every .node file under the unpacked folder of a packed app (resources/app.asar.unpacked):
 * each V8 addon must be built for `expectedAbi`, and better-sqlite3 must be there.
 * Returns the problems, one line each; an empty list means the natives fit.
 */
export function nativeAbiProblems(unpackedDir, expectedAbi) {
  const problems = [];
  const files = nodeFiles(unpackedDir);
  if (!files.includes(REQUIRED_ADDON)) problems.push(`${REQUIRED_ADDON} is missing from ${unpackedDir}`);
  for (const file of files) {
    const abis = addonAbis(readFileSync(path.join(unpackedDir, file)));
    if (abis.length === 0) continue;
    if (abis.length !== 1 || abis[0] !== expectedAbi) {
      const nodeNote = abis.includes(Number(process.versions.modules))
        ? ` (the ABI of this Node, ${process.version})`
        : '';
      problems.push(`${file} is built for ABI ${abis.join(', ')}${nodeNote}, Electron needs ${expectedAbi}`);
    }
  }
  return problems;
}
