import { existsSync } from 'node:fs';
import path from 'node:path';
import { openKioskCore } from '../core/kiosk-core';
import { readPackageVersion } from '../core/version';
import { startHttpServer } from '../core/transport';
import type { KioskCore } from '../core/types';
import { idleOptions, type KioskFlags } from './args';
import { hubForKiosk } from './hub-settings';
import { findChromium, hasDisplay, launchKioskBrowser, type KioskBrowser } from './chromium';
import type { ProjectPaths } from './paths';
import { portalForKiosk } from './portal-settings';
import { StartupError } from './startup-error';

export { StartupError };

function describeListenError(error: unknown, port: number): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return `port ${port} on 127.0.0.1 is already in use (choose another with --port)`;
  if (code === 'EACCES') return `not allowed to listen on port ${port}`;
  return `could not listen on port ${port} (${code ?? 'unknown error'})`;
}

/** See runBrowserMode: how long after the ready line the demo receiver starts. */
const DEMO_PORTAL_DELAY_MS = 3_000;
const DEMO_HUB_DELAY_MS = 5_000;

/** Browser kiosk mode: core + HTTP/WebSocket server + (optionally) Chromium --kiosk. Resolves to a stop function. */
export async function runBrowserMode(
  flags: KioskFlags,
  paths: ProjectPaths,
  say: (line: string) => void,
): Promise<() => Promise<void>> {
  if (!existsSync(path.join(paths.rendererDir, 'index.html'))) {
    throw new StartupError(`the renderer is not built (${paths.rendererDir}); run npm run build`);
  }
  const dataDir = path.resolve(flags.dataDir ?? paths.defaultDataDir);
  const portal = portalForKiosk(flags, process.env, dataDir, paths.resourcesDir, say);
  const hub = hubForKiosk(
    flags,
    {
      dataDir,
      resourcesDir: paths.resourcesDir,
      consoleDir: paths.consoleDir,
      appVersion: readPackageVersion(paths.resourcesDir),
      portal: portal.option,
    },
    say,
  );
  let core: KioskCore;
  try {
    core = openKioskCore({
      dataDir,
      resourcesDir: paths.resourcesDir,
      mode: 'browser',
      ...idleOptions(flags),
      ...(hub.option ? { hub: hub.option } : {}),
      ...(portal.option ? { portal: portal.option } : {}),
    });
  } catch (error) {
    throw new StartupError(`the kiosk core could not open its data: ${(error as Error)?.message ?? String(error)}`);
  }
  for (const problem of core.catalogProblems) {
    say(`Catalog problem: ${problem.file} at ${problem.path || '/'}: ${problem.message}`);
  }

  let server: Awaited<ReturnType<typeof startHttpServer>>;
  try {
    server = await startHttpServer({ core, port: flags.port, host: '127.0.0.1', rendererDir: paths.rendererDir });
  } catch (error) {
    core.close();
    throw new StartupError(describeListenError(error, flags.port));
  }
  say(`Bürgerkiosk listening on ${server.url}`);
  // The demo receiver generates its keys for some seconds, on every core a small terminal has: it starts
  // after the first screen has had time to come up, so that the screen neither waits nor shares the CPU
  // with it. Applications sent before it is up wait in the outbox.
  const portalTimer = setTimeout(() => portal.start(), DEMO_PORTAL_DELAY_MS);
  // The local hub likewise, a little later still: the two would otherwise make their keys at once.
  const hubTimer = setTimeout(() => hub.start(), DEMO_HUB_DELAY_MS);

  let browser: KioskBrowser | undefined;
  if (!flags.noOpen) {
    const executable = findChromium();
    if (!hasDisplay())
      say('No display is available (DISPLAY/WAYLAND_DISPLAY unset); not opening a browser, still serving.');
    else if (!executable) say('No Chromium found (set KIOSK_BROWSER); not opening a browser, still serving.');
    else browser = launchKioskBrowser(executable, server.url, say);
  }

  return async () => {
    clearTimeout(portalTimer);
    clearTimeout(hubTimer);
    await hub.stop();
    await browser?.stop();
    await server.close();
    core.close();
    await portal.stop();
  };
}
