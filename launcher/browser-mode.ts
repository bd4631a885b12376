import { existsSync } from 'node:fs';
import path from 'node:path';
import { startHttpServer } from '../core/transport/http-server';
import type { ServerApi } from '../core/transport/server-api';
import type { KioskFlags } from './args';
import { findChromium, hasDisplay, launchKioskBrowser, type KioskBrowser } from './chromium';
import type { KioskBackend } from './kiosk-backend';
import type { ProjectPaths } from './paths';
import { StartupError } from './startup-error';

export { StartupError };

function describeListenError(error: unknown, port: number): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return `port ${port} on 127.0.0.1 is already in use (choose another with --port)`;
  if (code === 'EACCES') return `not allowed to listen on port ${port}`;
  return `could not listen on port ${port} (${code ?? 'unknown error'})`;
}

/**
 * Browser kiosk mode: HTTP/WebSocket server + core + (optionally) Chromium --kiosk. Resolves to a
 * stop function once the core is open; a core that cannot open rejects with a StartupError.
 *
 * The server listens first, with only itself loaded (about 16 kB of code), and the core (most of
 * the code, the data and the catalog) is loaded and opened after that: a browser can start on the
 * page meanwhile, and the page's first calls wait for the core inside the server.
 */
export async function runBrowserMode(
  flags: KioskFlags,
  paths: ProjectPaths,
  say: (line: string) => void,
): Promise<() => Promise<void>> {
  if (!existsSync(path.join(paths.rendererDir, 'index.html'))) {
    throw new StartupError(`the renderer is not built (${paths.rendererDir}); run npm run build`);
  }
  const dataDir = path.resolve(flags.dataDir ?? paths.defaultDataDir);
  // Settled once the core is open, after the server listens. Not `import(...).then(open)` here and now:
  // the import would then be evaluated (about 100 ms of code) before the server is listening.
  let backendReady: (api: Promise<ServerApi>) => void = () => undefined;
  const api = new Promise<ServerApi>((resolve) => {
    backendReady = (opened) => resolve(opened);
  });

  let server: Awaited<ReturnType<typeof startHttpServer>>;
  try {
    server = await startHttpServer({ api, port: flags.port, host: '127.0.0.1', rendererDir: paths.rendererDir });
  } catch (error) {
    throw new StartupError(describeListenError(error, flags.port));
  }
  say(`Bürgerkiosk listening on ${server.url}`);

  let browser: KioskBrowser | undefined;
  if (!flags.noOpen) {
    const executable = findChromium();
    if (!hasDisplay())
      say('No display is available (DISPLAY/WAYLAND_DISPLAY unset); not opening a browser, still serving.');
    else if (!executable) say('No Chromium found (set KIOSK_BROWSER); not opening a browser, still serving.');
    else browser = launchKioskBrowser(executable, server.url, say);
  }

  let backend: KioskBackend;
  try {
    const { openKioskBackend } = await import('./kiosk-backend');
    backend = openKioskBackend(flags, paths, dataDir, say);
  } catch (error) {
    backendReady(Promise.reject(error));
    await browser?.stop();
    await server.close();
    throw error;
  }
  backendReady(Promise.resolve(backend.api));

  return async () => {
    await browser?.stop();
    await server.close();
    await backend.stop();
  };
}
