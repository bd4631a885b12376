import { WS_PATH, type HubToConsole } from './protocol';

const RETRY_MS = [1000, 2000, 5000, 10000];

export interface SocketHandlers {
  onEvent: (event: HubToConsole) => void;
  onOpenChange: (open: boolean) => void;
  /** The socket closed: the app checks whether the session still holds before the next try. */
  onClosed: () => Promise<'retry' | 'stop'>;
}

/**
 * The hub's live events. Same origin, so the session cookie goes with the upgrade; reconnects by itself
 * with a growing pause, and stops once the session has ended.
 */
export function connectSocket(handlers: SocketHandlers): () => void {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const open = () => {
    if (stopped) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${location.host}${WS_PATH}`);
    socket.onopen = () => {
      if (stopped) return;
      attempt = 0;
      handlers.onOpenChange(true);
    };
    socket.onmessage = (message) => {
      try {
        handlers.onEvent(JSON.parse(String(message.data)) as HubToConsole);
      } catch {
        // A malformed event is dropped; the next full 'queue' event puts the view right again.
      }
    };
    socket.onclose = () => {
      // A socket closed by the cleanup (logout, or React's double effect in development) reports nothing.
      if (stopped) return;
      handlers.onOpenChange(false);
      void handlers.onClosed().then((next) => {
        if (next === 'stop' || stopped) return;
        timer = setTimeout(open, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
        attempt += 1;
      });
    };
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket?.close();
  };
}
