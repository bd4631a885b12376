import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  fail,
  MAX_SOCKET_CALL_BYTES,
  SocketBindSchema,
  SocketCallSchema,
  type KioskEvent,
  type Result,
  type SocketCall,
  type SocketReply,
} from '../../contract';
import { SESSION_TOKEN_FIELD, isSessionToken } from '../../contract/session-token';
import type { KioskCore } from '../types';
import type { PageHolders } from './page-holder';
import { loopbackPeerUid } from './peer-user';
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

/** The session an event is about, if any: such an event goes only to the sockets of that session's page. */
function eventSession(event: KioskEvent): string | undefined {
  if (event.type === 'session.changed') return event.view.sessionId;
  if (event.type === 'session.ended' || event.type === 'session.idle') return event.sessionId;
  return undefined;
}

export function createEventsSocket(core: KioskCore, holders: PageHolders<WebSocket>): EventsSocket {
  // A bigger frame closes the socket (1009); the renderer sends big input by POST instead.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_CALL_BYTES });
  const alive = new WeakSet<WebSocket>();

  const unsubscribe = core.onEvent((event) => {
    const text = JSON.stringify(event);
    const sessionId = eventSession(event);
    for (const client of wss.clients) {
      if (client.readyState !== client.OPEN) continue;
      // Another local process may open this socket too (it can send any Origin): a session's events,
      // a takeover's views with the answers among them, need the session's token.
      if (sessionId !== undefined && !core.sessionTokenMatches(sessionId, holders.tokenOf(client))) continue;
      client.send(text);
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

  wss.on('connection', (client, request) => {
    alive.add(client);
    // Who is at the other end (Linux): read once, when a bind or a take-over asks.
    let peer: { uid: number | undefined } | undefined;
    const peerUid = () => (peer ??= { uid: loopbackPeerUid(request.socket) }).uid;
    client.on('pong', () => alive.add(client));
    client.on('message', (data, isBinary) => {
      const frame = isBinary ? undefined : parseFrame(String(data));
      if (!frame) {
        client.close(1008, 'not a call');
        return;
      }
      if ('bind' in frame) {
        holders.bind(client, frame.bind ?? undefined, peerUid());
        return;
      }
      const call = frame;
      if (call.token !== undefined) holders.bind(client, call.token, peerUid());
      const caller = {
        ...(call.token !== undefined ? { sessionToken: call.token } : {}),
        ownPage: holders.mayTakeOver(call.method, peerUid),
      };
      void answer(core, call.method, call.input, caller).then((result) => {
        // A new session's token (session.start), or the one handed back: this socket holds the session now.
        const token = result.ok ? (result.value as Record<string, unknown> | null)?.[SESSION_TOKEN_FIELD] : undefined;
        if (isSessionToken(token)) holders.bind(client, token, peerUid());
        const reply: SocketReply = { reply: call.call, result };
        if (client.readyState === client.OPEN) client.send(JSON.stringify(reply));
      });
    });
    client.on('close', () => holders.release(client));
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

function parseFrame(text: string): SocketCall | { bind: string | null } | undefined {
  try {
    const json: unknown = JSON.parse(text);
    const parsed =
      typeof json === 'object' && json !== null && 'bind' in json
        ? SocketBindSchema.safeParse(json)
        : SocketCallSchema.safeParse(json);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** core.dispatch validates method and input; it promises never to throw, and no stack trace crosses anyway. */
async function answer(
  core: KioskCore,
  method: string,
  input: unknown,
  caller: { sessionToken?: string; ownPage: boolean },
): Promise<Result<unknown>> {
  try {
    return await core.dispatch(method, input, caller);
  } catch {
    return fail('internal');
  }
}
