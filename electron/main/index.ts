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
  utilityProcess,
} from 'electron';
import { fileMasterKeyProvider } from '../../core/crypto/master-key';
import { createCoreSupervisor, type CoreSupervisor } from '../../core/host/supervisor';
import { createJsonLogger } from '../../core/logging';
import { idleOptions, parseFlags } from '../../launcher/args';
import { readPackageVersion } from '../../core/version';
import { hubForKiosk, type KioskHub } from '../../launcher/hub-settings';
import { appointmentsForKiosk, type KioskAppointments } from '../../launcher/appointment-settings';
import { portalForKiosk, type KioskPortal } from '../../launcher/portal-settings';
import { safeStoragePortalSecret } from './portal-secret';
import { serveAppRequest } from './app-protocol';
import { APP_SCHEME, APP_START_URL } from './app-url';
import { utilityCoreProcess } from './core-process';
import { CALL_CHANNEL, CONNECTION_CHANNEL, createCallHandler, EVENT_CHANNEL } from './ipc';
import { createCrashTracker } from './lockdown';
import { lockDownContents, lockDownSession } from './lockdown-wiring';
import { safeStorageMasterKeyProvider } from './master-key';
import { startModeLine } from '../../launcher/production';
import { debugEnabled, debugSwitchRefusal, isProductionStart, keyStoreRefusal } from './startup-guards';
import { openPrintWindow } from './print-window';
import { electronReceiptPrinter } from './receipt-printer';
import { startElectronUpdates } from './updates';
import { freshPartitionName, kioskWindowOptions } from './window-options';

/**
 * The thin Electron shell: one locked-down kiosk window, the renderer from
 * app://kiosk/, behind one IPC channel the core in a utilityProcess of its own
 * (core/host/), so SQLite's fsyncs, Ajv, PDFs and JWEs never hold up this thread.
 * This process keeps the window, the lockdown, the printer and the key store.
 */

const root = path.resolve(__dirname, '..', '..');
const rendererDir = path.join(root, 'dist', 'renderer');
const resourcesDir = path.join(root, 'resources');
const preloadPath = path.join(__dirname, 'preload.cjs');
const coreHostPath = path.join(__dirname, 'core-host.cjs');
const startFacts = {
  packaged: app.isPackaged,
  argv: process.argv.slice(1),
  env: process.env,
  platform: process.platform,
};
// Before anything else: an installed kiosk refuses debugging switches and ignores KIOSK_DEBUG.
const switchRefusal = debugSwitchRefusal(startFacts);
if (switchRefusal) fatal(switchRefusal);
const debug = debugEnabled(startFacts);

// Must happen before 'ready': app:// behaves like https (secure context, fetch, relative URLs).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
app.commandLine.appendSwitch('disable-pinch');
app.commandLine.appendSwitch('overscroll-history-navigation', '0');

let mainWindow: BrowserWindow | undefined;
let core: CoreSupervisor | undefined;
let portal: KioskPortal | undefined;
let hub: KioskHub | undefined;
let appointments: KioskAppointments | undefined;

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

/**
 * The core process, supervised: this process unwraps the master key (safeStorage) and reads the
 * portal's secret, and hands both over in frames on the process's port, never in argv or env.
 */
function openCore(): CoreSupervisor {
  const parsed = parseFlags(process.argv.slice(1), process.env, false);
  const flags = { ...parsed, production: isProductionStart(app.isPackaged, parsed) };
  const say = (line: string) => process.stdout.write(`${line}\n`);
  // From a checkout the launcher has said it; an installed build has no launcher in front.
  const modeLine = app.isPackaged ? startModeLine(flags) : undefined;
  if (modeLine) say(modeLine);
  const keyStore = keyStoreRefusal({
    platform: process.platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
    allowPlaintext: flags.allowPlaintextKeyStore,
  });
  if (keyStore) fatal(keyStore);
  const dataDir = path.resolve(flags.dataDir ?? path.join(app.getPath('userData'), 'kiosk-data'));
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    portal = portalForKiosk(
      flags,
      process.env,
      dataDir,
      resourcesDir,
      say,
      safeStoragePortalSecret(dataDir, safeStorage),
    );
    // The appointment system (issue 16): the core process builds its client from these settings.
    const booking = appointmentsForKiosk({ ...flags }, dataDir, say);
    appointments = booking;
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
    const masterKey = safeStorageMasterKeyProvider(dataDir, safeStorage, fileMasterKeyProvider(dataDir)).load();
    const printer = electronReceiptPrinter({ printer: flags.printer, openWindow: openPrintWindow });
    const supervisor = createCoreSupervisor({
      spawn: () => utilityCoreProcess(utilityProcess, coreHostPath, process.env),
      masterKey,
      open: {
        dataDir,
        resourcesDir,
        ...(flags.servicesDir ? { servicesDir: flags.servicesDir } : {}),
        mode: 'electron',
        ...idleOptions(flags),
        printerLayout: printer.layout,
        printerFormat: 'html',
        portalLater: portal.option !== undefined,
        hubLater: hub.option !== undefined,
        appointmentsLater: booking.origin !== 'off',
        ...(portal.outOfService ? { outOfService: portal.outOfService } : {}),
        portalOrigin: portal.origin,
        production: flags.production,
      },
      printHtml: (html) => printer.printHtml(html),
      log: say,
    });
    void Promise.resolve(portal.option).then((config) => supervisor.setPortal(config));
    void Promise.resolve(hub.option).then((options) => supervisor.setHub(options));
    void booking.config.then((config) => supervisor.setAppointments(config));
    return supervisor;
  } catch (error) {
    fatal(`the kiosk core could not open its data: ${(error as Error)?.message ?? String(error)}`);
  }
}

function start(): void {
  const supervisor = openCore();
  core = supervisor;

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

  // Calls wait in the supervisor until the core process is ready: the window loads meanwhile.
  const handleCall = createCallHandler(supervisor);
  ipcMain.handle(CALL_CHANNEL, (event, method: unknown, input: unknown, sessionToken: unknown) =>
    handleCall(event, method, input, sessionToken),
  );

  mainWindow = createWindow(partition);
  const sendToWindow = (channel: string, payload: unknown) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
  };
  supervisor.onEvent((event) => {
    sendToWindow(EVENT_CHANNEL, event);
    if (event.type === 'session.ended') {
      // The wipe after each resident: renderer storage and the clipboard.
      clipboard.clear();
      void kioskSession.clearStorageData();
      void kioskSession.clearCache();
    }
  });
  // A crashed core process: "Einen Moment bitte …" until the restarted one is ready, then the
  // renderer resumes the session. A page loaded meanwhile learns it at once.
  supervisor.onConnectionChange((up) => sendToWindow(CONNECTION_CHANNEL, up));
  mainWindow.webContents.on('did-finish-load', () => {
    if (supervisor.state === 'restarting' || supervisor.state === 'out_of_service')
      sendToWindow(CONNECTION_CHANNEL, false);
  });
  powerSaveBlocker.start('prevent-display-sleep');
  supervisor.start().then(
    (catalogProblems) => {
      for (const problem of catalogProblems) {
        process.stdout.write(`Catalog problem: ${problem.file} at ${problem.path || '/'}: ${problem.message}\n`);
      }
      portal?.start();
      // Updates come from the town's hub only; a checkout or the demo hub never updates itself.
      const updateHub = parseFlags(process.argv.slice(1), process.env, false).hubUrl;
      if (app.isPackaged && updateHub)
        startElectronUpdates(supervisor, updateHub, createJsonLogger()).catch((error: unknown) =>
          process.stdout.write(`Updates are off: ${error instanceof Error ? error.message : String(error)}\n`),
        );
      // Like the demo portal, the local demo hub comes up once the first screen is there (see launcher/hub-settings.ts).
      setTimeout(() => hub?.start(), 5_000).unref();
      setTimeout(() => appointments?.start(), 2_000).unref();
    },
    (error: unknown) => fatal(`the kiosk core could not open its data: ${(error as Error)?.message ?? String(error)}`),
  );
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
    void appointments?.stop();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fatal(error instanceof Error ? error.message : String(error)));
}
