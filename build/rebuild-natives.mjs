// electron-builder `beforePack` hook: rebuilds better-sqlite3 for the Electron version and the
// platform and architecture being packed, before the app files are copied. It needs the network
// (a prebuilt binary from better-sqlite3's releases, or Electron's headers to compile against), so
// it runs on the packaging machine. It rebuilds node_modules in place: afterwards the checkout's
// better-sqlite3 no longer loads in Node, and `npm rebuild better-sqlite3` brings it back for tests.
// KIOSK_PACK_SKIP_REBUILD=1 skips it (the packaging test here, which has no network); check-natives.mjs
// then still refuses a package whose better-sqlite3 is not built for Electron.
import { rebuild } from '@electron/rebuild';

/** builder-util's Arch enum, by value. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export default async function rebuildNatives(context) {
  const electronVersion = context.packager.info.framework.version;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const platform = context.electronPlatformName;
  if (process.env.KIOSK_PACK_SKIP_REBUILD === '1') {
    console.log(
      `  • native rebuild skipped (KIOSK_PACK_SKIP_REBUILD=1) for Electron ${electronVersion} ${platform}-${arch}`,
    );
    return;
  }
  console.log(`  • rebuilding better-sqlite3 for Electron ${electronVersion} ${platform}-${arch}`);
  await rebuild({
    buildPath: context.packager.info.appDir,
    electronVersion,
    arch,
    platform,
    onlyModules: ['better-sqlite3'],
    // Always: node_modules may hold a Node build that @electron/rebuild's cache would take for current.
    force: true,
    mode: 'sequential',
  });
}
