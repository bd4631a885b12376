import type { KioskBridge } from '../../contract';
import { createHttpBridge } from './http-bridge';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser kiosk mode. */
    kiosk?: KioskBridge;
  }
}

let bridge: KioskBridge | undefined;

/** The one way the renderer reaches the core: Electron IPC when present, else HTTP + WebSocket. */
export function getBridge(): KioskBridge {
  bridge ??= window.kiosk ?? createHttpBridge(new URL('./', window.location.href));
  return bridge;
}
