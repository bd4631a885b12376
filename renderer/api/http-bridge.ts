import type { ApiInput, ApiMethod, ApiResult, KioskBridge, KioskEvent } from '../../contract';
import { NetworkError } from './network-error';

const MAX_BACKOFF_MS = 5000;

type Listener<T> = (value: T) => void;

/**
 * Browser kiosk mode: calls go as POST /api/call/<method>, events arrive on a
 * WebSocket at /api/events. The socket doubles as the liveness signal: while it
 * is down the renderer shows "Einen Moment bitte …" and keeps reconnecting.
 */
export function createHttpBridge(base: URL): KioskBridge {
  const eventListeners = new Set<Listener<KioskEvent>>();
  const connectionListeners = new Set<Listener<boolean>>();
  let connected = false;
  let socket: WebSocket | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  function setConnected(next: boolean): void {
    if (next === connected) return;
    connected = next;
    for (const listener of connectionListeners) listener(next);
  }

  function scheduleReconnect(): void {
    if (retryTimer !== undefined) return;
    const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt);
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect();
    }, delay);
  }

  function connect(): void {
    const url = new URL('api/events', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setConnected(true);
    };
    ws.onmessage = (message) => {
      let event: KioskEvent;
      try {
        event = JSON.parse(String(message.data)) as KioskEvent;
      } catch {
        return;
      }
      for (const listener of eventListeners) listener(event);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      setConnected(false);
      scheduleReconnect();
    };
    ws.onerror = () => ws.close();
  }

  connect();

  return {
    async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<M>> {
      let response: Response;
      try {
        response = await fetch(new URL(`api/call/${method}`, base), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
          cache: 'no-store',
        });
      } catch {
        // The socket will notice too; make sure a reconnect is under way.
        socket?.close();
        throw new NetworkError(`call ${method} failed`);
      }
      try {
        return (await response.json()) as ApiResult<M>;
      } catch {
        throw new NetworkError(`call ${method}: unreadable response ${response.status}`);
      }
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnectionChange(listener) {
      // Only changes are reported: callers start optimistic and learn of trouble from a NetworkError.
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}
