import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { KioskCore } from '../types';
import { handleCall } from './api-route';
import { createEventsSocket } from './events-socket';
import { PageHolders } from './page-holder';
import type { WebSocket } from 'ws';

/** What the browser-mode server hands to the core: calls by POST and the event/call socket. */
export interface ServerApi {
  call(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void>;
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, port: number): void;
  close(): void;
}

export function createServerApi(core: KioskCore): ServerApi {
  const holders = new PageHolders<WebSocket>(core);
  const events = createEventsSocket(core, holders);
  return {
    call: (request, response, pathname) => handleCall(core, request, response, pathname, holders),
    upgrade: (request, socket, head, port) => events.handleUpgrade(request, socket, head, port),
    close: () => events.close(),
  };
}
