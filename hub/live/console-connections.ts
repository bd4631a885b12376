import type { WebSocket } from 'ws';
import type { HelpRequestView, HubToConsole, TerminalView } from '../../contract/hub';
import { OPEN, send } from './send';

interface ConsoleClient {
  socket: WebSocket;
  staffId: string;
  sessionHash: string;
}

const QUEUE_COALESCE_MS = 100;
const TERMINALS_COALESCE_MS = 1_000;

/**
 * The staff consoles connected to the hub, by staff member and login session: what they are sent,
 * and the queue and terminal overview pushed to all of them.
 */
export class ConsoleConnections {
  private readonly clients = new Set<ConsoleClient>();
  private readonly timers = new Map<'queue' | 'terminals', ReturnType<typeof setTimeout>>();

  constructor(private readonly lists: { queue(): HelpRequestView[]; terminals(): TerminalView[] }) {}

  attach(socket: WebSocket, staffId: string, sessionHash: string): void {
    const client = { socket, staffId, sessionHash };
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    // Consoles only listen; anything they send is ignored (actions go through the CSRF-checked routes).
    send(socket, { type: 'queue', requests: this.lists.queue() });
    send(socket, { type: 'terminals', terminals: this.lists.terminals() });
  }

  /** Logout or an expired session: its sockets close at once. */
  closeSession(sessionHash: string): void {
    for (const client of this.clients)
      if (client.sessionHash === sessionHash) client.socket.close(4401, 'session ended');
  }

  /** Closes consoles whose session is no longer valid (idle or absolute timeout). */
  sweep(isValid: (sessionHash: string) => boolean): void {
    for (const client of this.clients) if (!isValid(client.sessionHash)) client.socket.close(4401, 'session ended');
  }

  broadcast(message: HubToConsole): void {
    const text = JSON.stringify(message);
    for (const client of this.clients) if (client.socket.readyState === OPEN) client.socket.send(text);
  }

  /** To every console of one staff member; how many got it. */
  toStaff(staffId: string, message: HubToConsole): number {
    let delivered = 0;
    for (const client of this.clients) {
      if (client.staffId === staffId && client.socket.readyState === OPEN) {
        client.socket.send(JSON.stringify(message));
        delivered += 1;
      }
    }
    return delivered;
  }

  /** Queue and overview are sent as whole lists: changes close together go out as one message (help.new is never delayed). */
  pushQueue(): void {
    this.push('queue', QUEUE_COALESCE_MS, () => ({ type: 'queue', requests: this.lists.queue() }));
  }

  pushTerminals(): void {
    this.push('terminals', TERMINALS_COALESCE_MS, () => ({ type: 'terminals', terminals: this.lists.terminals() }));
  }

  /** Pending pushes are dropped (the hub is closing). */
  cancelPushes(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
  }

  closeAll(): void {
    for (const client of this.clients) client.socket.terminate();
    this.clients.clear();
  }

  private push(list: 'queue' | 'terminals', delayMs: number, message: () => HubToConsole): void {
    if (this.clients.size === 0 || this.timers.has(list)) return;
    this.timers.set(
      list,
      setTimeout(() => {
        this.timers.delete(list);
        if (this.clients.size > 0) this.broadcast(message());
      }, delayMs),
    );
  }
}
