import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { fail, MAX_SOCKET_CALL_BYTES, SocketCallSchema, type Result, type SocketReply } from '../../contract';
import type { KioskCore } from '../types';
import { hostAllowed, originRequired } from './request-guard';
import { EVENTS_PATH } from './respond';

const PING_INTERVAL_MS = 15_000;

export interface EventsSocket {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, port: number): void;
  close(): void;
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function createEventsSocket(core: KioskCore): EventsSocket {
  // A bigger frame closes the socket (1009); the renderer sends big input by POST instead.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_CALL_BYTES });
  const alive = new WeakSet<WebSocket>();

  const unsubscribe = core.onEvent((event) => {
    const text = JSON.stringify(event);
    for (const client of wss.clients) {
      if (client.readyState === client.OPEN) client.send(text);
    }
  });

  // Pings find thin clients that vanished without a close frame.
  const pinger = setInterval(() => {
    for (const client of wss.clients) {
      if (!alive.has(client)) {
        client.terminate();
        continue;
      }
      alive.delete(client);
      client.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  wss.on('connection', (client) => {
    alive.add(client);
    client.on('pong', () => alive.add(client));
    client.on('message', (data, isBinary) => {
      const call = isBinary ? undefined : parseCall(String(data));
      if (!call) {
        client.close(1008, 'not a call');
        return;
      }
      void answer(core, call.method, call.input).then((result) => {
        const reply: SocketReply = { reply: call.call, result };
        if (client.readyState === client.OPEN) client.send(JSON.stringify(reply));
      });
    });
    client.on('error', () => client.terminate());
  });

  return {
    handleUpgrade(request, socket, head, port) {
      const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      if (pathname !== EVENTS_PATH) return refuse(socket, '404 Not Found');
      if (!hostAllowed(request, port) || !originRequired(request)) return refuse(socket, '403 Forbidden');
      wss.handleUpgrade(request, socket, head, (client) => wss.emit('connection', client, request));
    },
    close() {
      clearInterval(pinger);
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

function parseCall(text: string) {
  try {
    const parsed = SocketCallSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** core.dispatch validates method and input; it promises never to throw, and no stack trace crosses anyway. */
async function answer(core: KioskCore, method: string, input: unknown): Promise<Result<unknown>> {
  try {
    return await core.dispatch(method, input);
  } catch {
    return fail('internal');
  }
}
