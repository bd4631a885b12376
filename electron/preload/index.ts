import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  fail,
  isApiMethod,
  KioskEventSchema,
  type ApiInput,
  type ApiMethod,
  type ApiResult,
  type KioskBridge,
  type KioskEvent,
} from '../../contract';
import { takeSessionToken } from '../../contract/session-token';

/**
 * Sandboxed preload: exposes exactly one object, `window.kiosk`, and nothing
 * of ipcRenderer itself. The main process checks the sender and the contract
 * validates every payload; this side only filters what it passes on.
 */
const CALL_CHANNEL = 'kiosk:call';
const EVENT_CHANNEL = 'kiosk:event';
const CONNECTION_CHANNEL = 'kiosk:connection';

/**
 * The session's token (contract/session-token.ts), in this preload's memory only: the page's scripts never
 * see it. After a reload the main process's answer to session.resume brings it back (electron/main/ipc.ts).
 */
let sessionToken: string | undefined;

const bridge = {
  async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<M>> {
    if (!isApiMethod(method)) return fail('unknown_method');
    const result = (await ipcRenderer.invoke(CALL_CHANNEL, method, input, sessionToken)) as ApiResult<M>;
    const token = result?.ok ? takeSessionToken(result.value) : undefined;
    if (token !== undefined) sessionToken = token;
    return result;
  },
  onEvent(listener: (event: KioskEvent) => void): () => void {
    const handler = (_event: IpcRendererEvent, payload: unknown) => {
      const parsed = KioskEventSchema.safeParse(payload);
      if (parsed.success) listener(parsed.data);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  // The core runs in a process of its own: while it restarts after a crash the main process says
  // false, and true once it is back (the renderer then waits, and resumes the session).
  onConnectionChange(listener: (connected: boolean) => void): () => void {
    const handler = (_event: IpcRendererEvent, payload: unknown) => {
      if (typeof payload === 'boolean') listener(payload);
    };
    ipcRenderer.on(CONNECTION_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(CONNECTION_CHANNEL, handler);
    };
  },
} satisfies KioskBridge;

contextBridge.exposeInMainWorld('kiosk', bridge);
