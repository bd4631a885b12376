import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  clipboard,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
} from 'electron';
import { fileMasterKeyProvider } from '../../core/crypto/master-key';
import { createJsonLogger } from '../../core/logging';
import { openKioskCore } from '../../core/kiosk-core';
import type { KioskCore } from '../../core/types';
import { idleOptions, parseFlags } from '../../launcher/args';
import { readPackageVersion } from '../../core/version';
import { hubForKiosk, type KioskHub } from '../../launcher/hub-settings';
import { portalForKiosk, type KioskPortal } from '../../launcher/portal-settings';
import { safeStoragePortalSecret } from './portal-secret';
import { serveAppRequest } from './app-protocol';
import { APP_SCHEME, APP_START_URL } from './app-url';
import { CALL_CHANNEL, createCallHandler, EVENT_CHANNEL } from './ipc';
import { createCrashTracker } from './lockdown';
import { lockDownContents, lockDownSession } from './lockdown-wiring';
import { safeStorageMasterKeyProvider } from './master-key';
import { openPrintWindow } from './print-window';
import { electronReceiptPrinter } from './receipt-printer';
import { startElectronUpdates } from './updates';
import { freshPartitionName, kioskWindowOptions } from './window-options';

/**
 * The thin Electron shell: one locked-down kiosk window, the renderer from
 * app://kiosk/, the core in this process behind one IPC channel.
 */

const root = path.resolve(__dirname, '..', '..');
const rendererDir = path.join(root, 'dist', 'renderer');
const resourcesDir = path.join(root, 'resources');
const preloadPath = path.join(__dirname, 'preload.cjs');
const debug = Boolean(process.env.KIOSK_DEBUG) && process.env.KIOSK_DEBUG !== '0';

// Must happen before 'ready': app:// behaves like https (secure context, fetch, relative URLs).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
app.commandLine.appendSwitch('disable-pinch');
app.commandLine.appendSwitch('overscroll-history-navigation', '0');

let mainWindow: BrowserWindow | undefined;
let core: KioskCore | undefined;
let portal: KioskPortal | undefined;
let hub: KioskHub | undefined;

function fatal(message: string): never {
  process.stderr.write(`Bürgerkiosk could not start: ${message}\n`);
  app.exit(1);
  process.exit(1);
}

function createWindow(partition: string): BrowserWindow {
  const window = new BrowserWindow(kioskWindowOptions({ preloadPath, partition, debug }));
  const crashes = createCrashTracker();
  window.once('ready-to-show', () => window.show());
  // A crashed or hung renderer is reloaded; the renderer resumes its session via session.resume.
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const delay = crashes.nextReloadDelay(Date.now());
    setTimeout(() => {
      if (!window.isDestroyed()) void window.loadURL(APP_START_URL);
    }, delay);
  });
  window.on('unresponsive', () => window.webContents.forcefullyCrashRenderer());
  void window.loadURL(APP_START_URL);
  return window;
}

function openCore(): KioskCore {
  const flags = parseFlags(process.argv.slice(1), process.env, false);
  const dataDir = path.resolve(flags.dataDir ?? path.join(app.getPath('userData'), 'kiosk-data'));
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const say = (line: string) => process.stdout.write(`${line}\n`);
    portal = portalForKiosk(
      flags,
      process.env,
      dataDir,
      resourcesDir,
      say,
      safeStoragePortalSecret(dataDir, safeStorage),
    );
    hub = hubForKiosk(
      flags,
      {
        dataDir,
        resourcesDir,
        consoleDir: path.join(root, 'dist', 'console'),
        appVersion: readPackageVersion(resourcesDir),
        portal: portal.option,
      },
      say,
    );
    return openKioskCore({
      dataDir,
      resourcesDir,
      mode: 'electron',
      masterKeyProvider: safeStorageMasterKeyProvider(dataDir, safeStorage, fileMasterKeyProvider(dataDir)),
      ...idleOptions(flags),
      ...(hub.option ? { hub: hub.option } : {}),
      ...(portal.option ? { portal: portal.option } : {}),
      receiptPrinter: electronReceiptPrinter({ printer: flags.printer, openWindow: openPrintWindow }),
    });
  } catch (error) {
    fatal(`the kiosk core could not open its data: ${(error as Error)?.message ?? String(error)}`);
  }
}

function start(): void {
  const kioskCore = openCore();
  core = kioskCore;
  for (const problem of kioskCore.catalogProblems) {
    process.stdout.write(`Catalog problem: ${problem.file} at ${problem.path || '/'}: ${problem.message}\n`);
  }

  Menu.setApplicationMenu(null);
  const partition = freshPartitionName(randomUUID());
  const kioskSession = session.fromPartition(partition, { cache: false });
  lockDownSession(kioskSession);
  // Custom partitions do not inherit protocol handlers: register on the kiosk session itself.
  kioskSession.protocol.handle(APP_SCHEME, async (request) => {
    const answer = await serveAppRequest(rendererDir, request.url, request.method);
    return new Response(answer.body ? new Uint8Array(answer.body) : null, {
      status: answer.status,
      headers: answer.headers,
    });
  });

  const handleCall = createCallHandler(kioskCore);
  ipcMain.handle(CALL_CHANNEL, (event, method: unknown, input: unknown) => handleCall(event, method, input));

  mainWindow = createWindow(partition);
  kioskCore.onEvent((event) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, event);
    if (event.type === 'session.ended') {
      // The wipe after each resident: renderer storage and the clipboard.
      clipboard.clear();
      void kioskSession.clearStorageData();
      void kioskSession.clearCache();
    }
  });
  powerSaveBlocker.start('prevent-display-sleep');
  portal?.start();
  // Updates come from the town's hub only; a checkout or the demo hub never updates itself.
  const updateHub = parseFlags(process.argv.slice(1), process.env, false).hubUrl;
  if (app.isPackaged && updateHub)
    startElectronUpdates(kioskCore, updateHub, createJsonLogger()).catch((error: unknown) =>
      process.stdout.write(`Updates are off: ${error instanceof Error ? error.message : String(error)}\n`),
    );
  // Like the demo portal, the local demo hub comes up once the first screen is there (see launcher/hub-settings.ts).
  setTimeout(() => hub?.start(), 5_000).unref();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    core?.close();
    core = undefined;
    void portal?.stop();
    void hub?.stop();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fatal(error instanceof Error ? error.message : String(error)));
}
