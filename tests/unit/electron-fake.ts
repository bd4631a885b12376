import { fork, type ChildProcess } from 'node:child_process';
import { vi } from 'vitest';

/**
 * A stand-in for the 'electron' module, so the bundled main process can be
 * loaded in plain Node and its wiring checked. Records what the shell asks of
 * Electron; the real thing is exercised by tests/electron when a binary exists.
 */
export type Listener = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

export class FakeEmitter {
  listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler?: Listener;
  sent: Array<{ channel: string; payload: unknown }> = [];
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
  setVisualZoomLevelLimits = vi.fn(async () => undefined);
  setZoomLevel = vi.fn();
  forcefullyCrashRenderer = vi.fn();
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
}

/**
 * Electron's UtilityProcess played by a real child_process.fork: the core host speaks the same
 * frames over a fork's IPC channel as over a utility process's parentPort.
 */
export class FakeUtilityProcess extends FakeEmitter {
  readonly child: ChildProcess;
  constructor(modulePath: string, env: Record<string, string> | undefined) {
    super();
    this.child = fork(modulePath, [], { env, stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced' });
    this.child.on('message', (message) => this.emit('message', message));
    this.child.on('exit', (code) => this.emit('exit', code ?? -1));
  }
  get pid() {
    return this.child.pid;
  }
  postMessage(message: unknown) {
    this.child.send(message as never);
  }
  kill() {
    return this.child.kill();
  }
}

export function createFakeElectron(userDataDir: string) {
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const state = {
    privilegedSchemes: [] as unknown[],
    schemesRegisteredBeforeReady: false,
    isReady: false,
    menu: 'default' as unknown,
    windows: [] as FakeBrowserWindow[],
    partitions: [] as string[],
    protocolHandlers: new Map<string, (request: { url: string; method: string }) => Promise<Response>>(),
    ipcHandlers: new Map<string, Listener>(),
    appListeners: new FakeEmitter(),
    powerSaveBlocker: [] as string[],
    clipboardCleared: 0,
    storageCleared: 0,
    sandboxEnabled: false,
    permissionRequestHandler: undefined as Listener | undefined,
    permissionCheckHandler: undefined as Listener | undefined,
    session: new FakeEmitter(),
    utilityForks: [] as Array<{ modulePath: string; args: string[]; options: Record<string, unknown> }>,
    utilityProcesses: [] as FakeUtilityProcess[],
    fireReady() {
      state.isReady = true;
      resolveReady();
    },
  };

  class FakeBrowserWindow extends FakeEmitter {
    webContents = new FakeWebContents();
    loadedUrls: string[] = [];
    constructor(public options: Record<string, unknown>) {
      super();
      state.windows.push(this);
    }
    loadURL(url: string) {
      this.loadedUrls.push(url);
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
  }

  const kioskSession = Object.assign(state.session, {
    protocol: {
      handle(scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) {
        state.protocolHandlers.set(scheme, handler);
      },
    },
    setPermissionRequestHandler(handler: Listener) {
      state.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Listener) {
      state.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler: vi.fn(),
    clearStorageData: async () => {
      state.storageCleared += 1;
    },
    clearCache: async () => undefined,
  });

  const electron = {
    app: Object.assign(state.appListeners, {
      enableSandbox: () => {
        state.sandboxEnabled = true;
      },
      commandLine: { appendSwitch: vi.fn() },
      requestSingleInstanceLock: vi.fn(() => true),
      whenReady: () => ready,
      getPath: () => userDataDir,
      quit: vi.fn(),
      exit: vi.fn(),
    }),
    protocol: {
      registerSchemesAsPrivileged(schemes: unknown[]) {
        state.privilegedSchemes = schemes;
        state.schemesRegisteredBeforeReady = !state.isReady;
      },
    },
    session: {
      fromPartition(name: string) {
        state.partitions.push(name);
        return kioskSession;
      },
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle(channel: string, handler: Listener) {
        state.ipcHandlers.set(channel, handler);
      },
    },
    Menu: {
      setApplicationMenu(menu: unknown) {
        state.menu = menu;
      },
    },
    powerSaveBlocker: {
      start(type: string) {
        state.powerSaveBlocker.push(type);
        return 1;
      },
    },
    clipboard: {
      clear() {
        state.clipboardCleared += 1;
      },
    },
    utilityProcess: {
      fork(modulePath: string, args: string[], options: { env?: Record<string, string> } & Record<string, unknown>) {
        state.utilityForks.push({ modulePath, args, options });
        const child = new FakeUtilityProcess(modulePath, options.env);
        state.utilityProcesses.push(child);
        return child;
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
  };
  return { electron, state };
}
