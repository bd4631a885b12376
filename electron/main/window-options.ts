import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  preloadPath: string;
  /** A fresh in-memory partition (no `persist:` prefix), so nothing survives the run. */
  partition: string;
  /** KIOSK_DEBUG: developer tools allowed. Never on a terminal. */
  debug: boolean;
}

export function kioskWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  if (input.partition.startsWith('persist:')) throw new Error('kiosk partitions must be in-memory');
  return {
    show: false,
    fullscreen: true,
    kiosk: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: input.preloadPath,
      partition: input.partition,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableDialogs: true,
      autoplayPolicy: 'no-user-gesture-required',
      devTools: input.debug,
    },
  };
}

/** In-memory partition name for one run; unguessable so nothing else can share it. */
export function freshPartitionName(randomId: string): string {
  return `kiosk-${randomId}`;
}
