import type { ApiInput, ApiMethod, ApiResult, KioskBridge, KioskEvent } from '../../contract';
import {
  MAX_SOCKET_CALL_BYTES,
  SOCKET_CALL_METHODS,
  type SocketCall,
  type SocketReply,
} from '../../contract/socket-call';
import { SESSION_TOKEN_HEADER, takeSessionToken } from '../../contract/session-token';
import { SPEECH_AUDIO_CONTENT_TYPE, speechAudioFromWire } from '../../contract/speech';
import { NetworkError } from './network-error';
import { createSessionTokenStore } from './session-token-store';

const MAX_BACKOFF_MS = 5000;

type Listener<T> = (value: T) => void;

/** UTF-16 units that surely fit the socket's frame limit (at most 3 UTF-8 bytes each). */
const SOCKET_CALL_MAX_CHARS = Math.floor(MAX_SOCKET_CALL_BYTES / 3);

interface PendingCall {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/**
 * Browser kiosk mode: events arrive on a WebSocket at /api/events; the journey's calls
 * go on the same socket while it is open (contract/socket-call.ts), all others, and all
 * while it is down, as POST /api/call/<method>. The socket doubles as the liveness signal: while
 * it is down the renderer shows "Einen Moment bitte …" and keeps reconnecting.
 */
export function createHttpBridge(base: URL): KioskBridge {
  const eventListeners = new Set<Listener<KioskEvent>>();
  const connectionListeners = new Set<Listener<boolean>>();
  let connected = false;
  let socket: WebSocket | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let nextCall = 0;
  const pending = new Map<number, PendingCall>();
  // The session's token (contract/session-token.ts): sent with every call, and bound to the socket.
  const tokens = createSessionTokenStore();

  function bindSocket(ws: WebSocket): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ bind: tokens.get() ?? null }));
  }

  /** session.start and session.resume bring the token: kept here, taken off the value the renderer sees. */
  function keepToken(result: unknown): void {
    const value = (result as { ok?: boolean; value?: unknown } | null)?.value;
    const token = takeSessionToken(value);
    if (token === undefined || token === tokens.get()) return;
    tokens.set(token);
    if (socket) bindSocket(socket);
  }

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
      bindSocket(ws);
      setConnected(true);
    };
    ws.onmessage = (message) => {
      let frame: KioskEvent | SocketReply;
      try {
        frame = JSON.parse(String(message.data)) as KioskEvent | SocketReply;
      } catch {
        return;
      }
      if ('reply' in frame) {
        pending.get(frame.reply)?.resolve(frame.result);
        pending.delete(frame.reply);
        return;
      }
      for (const listener of eventListeners) listener(frame);
    };
    ws.onclose = () => {
      // Calls in flight on this socket get no answer now: the caller treats them like a failed fetch.
      for (const call of pending.values()) call.reject(new NetworkError('socket closed during a call'));
      pending.clear();
      if (socket !== ws) return;
      socket = undefined;
      setConnected(false);
      scheduleReconnect();
    };
    ws.onerror = () => ws.close();
  }

  connect();

  function callOnSocket(ws: WebSocket, method: string, input: unknown): Promise<unknown> | undefined {
    const token = tokens.get();
    const call: SocketCall = { call: nextCall++, method, input, ...(token ? { token } : {}) };
    const text = JSON.stringify(call);
    if (text.length > SOCKET_CALL_MAX_CHARS) return undefined;
    return new Promise((resolve, reject) => {
      pending.set(call.call, { resolve, reject });
      ws.send(text);
    });
  }

  return {
    async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<M>> {
      const onSocket =
        SOCKET_CALL_METHODS.has(method) && socket?.readyState === WebSocket.OPEN
          ? callOnSocket(socket, method, input)
          : undefined;
      if (onSocket) {
        const result = await onSocket;
        keepToken(result);
        return result as ApiResult<M>;
      }
      const token = tokens.get();
      let response: Response;
      try {
        response = await fetch(new URL(`api/call/${method}`, base), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { [SESSION_TOKEN_HEADER]: token } : {}) },
          body: JSON.stringify(input),
          cache: 'no-store',
        });
      } catch {
        // The socket will notice too; make sure a reconnect is under way.
        socket?.close();
        throw new NetworkError(`call ${method} failed`);
      }
      if (method === 'speech.synthesize' && response.headers.get('content-type') === SPEECH_AUDIO_CONTENT_TYPE) {
        return (await speechAudioResult(response)) as ApiResult<M>;
      }
      try {
        const result: unknown = await response.json();
        keepToken(result);
        return result as ApiResult<M>;
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

/** A prompt's audio: the body's bytes (read off the main thread by fetch) and its headers, checked. */
async function speechAudioResult(response: Response): Promise<ApiResult<'speech.synthesize'>> {
  let bytes: ArrayBuffer;
  try {
    bytes = await response.arrayBuffer();
  } catch {
    throw new NetworkError('call speech.synthesize: the audio broke off');
  }
  const audio = speechAudioFromWire(new Uint8Array(bytes), (name) => response.headers.get(name));
  if (!audio) throw new NetworkError('call speech.synthesize: unreadable audio');
  return { ok: true, value: audio };
}
