// electron-builder `afterPack` hook: refuses the package (the build fails, before fuses, signing and
// installers) when a native addon in it is not built for the Electron it is packed with. The packaged
// core would otherwise fail to open its database on the terminal. Reads the unpacked copies, which are
// what Electron loads (native modules cannot load from inside app.asar).
import path from 'node:path';
import { electronAbi, nativeAbiProblems } from './native-abi.mjs';

export default async function checkNatives(context) {
  const electronVersion = context.packager.info.framework.version;
  const expected = await electronAbi(electronVersion);
  const unpacked = path.join(context.packager.getResourcesDir(context.appOutDir), 'app.asar.unpacked');
  const problems = nativeAbiProblems(unpacked, expected);
  if (problems.length > 0)
    throw new Error(
      `Refusing to pack for Electron ${electronVersion} (ABI ${expected}):\n  ${problems.join('\n  ')}\n` +
        'Rebuild the natives for Electron (build/rebuild-natives.mjs, run as beforePack without KIOSK_PACK_SKIP_REBUILD).',
    );
  console.log(`  • native addons checked: built for Electron ${electronVersion} (ABI ${expected})`);
}
