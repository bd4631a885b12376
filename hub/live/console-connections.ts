import type { WebSocket } from 'ws';
import type { AlertView, HelpRequestView, HubToConsole, TerminalView } from '../../contract/hub';
import { OPEN, send } from './send';

interface ConsoleClient {
  socket: WebSocket;
  staffId: string;
  sessionHash: string;
  /** Until its first lists are sent, lists pushed to the others are not sent to it (they could arrive first). */
  starting: boolean;
  /** A list was pushed while it was starting: it gets the lists again. */
  missed: boolean;
}

const QUEUE_COALESCE_MS = 100;
export const DEFAULT_STAFF_GONE_GRACE_MS = 20_000;
const TERMINALS_COALESCE_MS = 1_000;

/**
 * The staff consoles connected to the hub, by staff member and login session: what they are sent,
 * and the queue and terminal overview pushed to all of them.
 */
export class ConsoleConnections {
  private readonly clients = new Set<ConsoleClient>();
  private readonly timers = new Map<'queue' | 'terminals', ReturnType<typeof setTimeout>>();
  /** Staff members whose last console closed, until the grace ends or one of theirs comes back. */
  private readonly goneTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private closing = false;
  private readonly pushed = new Map<'queue' | 'terminals', { started: number; sent: number }>();
  /** A list could not be read (the database is unreachable): logged by the owner, the next change pushes again. */
  onError?: (error: Error) => void;

  constructor(
    private readonly lists: {
      queue(): Promise<HelpRequestView[]>;
      terminals(): Promise<TerminalView[]>;
      alerts?(): Promise<AlertView[]>;
    },
    private readonly presence: { graceMs: number; onStaffGone(staffId: string): void } = {
      graceMs: DEFAULT_STAFF_GONE_GRACE_MS,
      onStaffGone: () => undefined,
    },
  ) {}

  async attach(socket: WebSocket, staffId: string, sessionHash: string): Promise<void> {
    const client: ConsoleClient = { socket, staffId, sessionHash, starting: true, missed: false };
    this.clients.add(client);
    // Back within the grace (a reload, a short network gap): nothing ends.
    clearTimeout(this.goneTimers.get(staffId));
    this.goneTimers.delete(staffId);
    socket.on('close', () => {
      this.clients.delete(client);
      this.watchGone(staffId);
    });
    // Consoles only listen; anything they send is ignored (actions go through the CSRF-checked routes).
    try {
      const [requests, terminals, alerts] = await Promise.all([
        this.lists.queue(),
        this.lists.terminals(),
        this.lists.alerts?.(),
      ]);
      send(socket, { type: 'queue', requests });
      send(socket, { type: 'terminals', terminals });
      if (alerts) send(socket, { type: 'alerts', alerts });
    } finally {
      client.starting = false;
    }
    if (client.missed) {
      this.pushQueue();
      this.pushTerminals();
    }
  }

  /** Logout or an expired session: its sockets close at once. */
  closeSession(sessionHash: string): void {
    for (const client of this.clients)
      if (client.sessionHash === sessionHash) client.socket.close(4401, 'session ended');
  }

  /** Closes consoles whose session is no longer valid (idle or absolute timeout). */
  async sweep(isValid: (sessionHash: string) => Promise<boolean>): Promise<void> {
    for (const client of [...this.clients])
      if (!(await isValid(client.sessionHash))) client.socket.close(4401, 'session ended');
  }

  broadcast(message: HubToConsole): void {
    const text = JSON.stringify(message);
    for (const client of this.clients) {
      if (client.starting) client.missed = true;
      else if (client.socket.readyState === OPEN) client.socket.send(text);
    }
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
    this.push('queue', QUEUE_COALESCE_MS, async () => ({ type: 'queue', requests: await this.lists.queue() }));
  }

  pushTerminals(): void {
    this.push('terminals', TERMINALS_COALESCE_MS, async () => ({
      type: 'terminals',
      terminals: await this.lists.terminals(),
    }));
  }

  /** Whether any console of this staff member is connected. */
  isPresent(staffId: string): boolean {
    for (const client of this.clients) if (client.staffId === staffId && client.socket.readyState === OPEN) return true;
    return false;
  }

  /** Pending pushes are dropped (the hub is closing). */
  cancelPushes(): void {
    this.closing = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const timer of this.goneTimers.values()) clearTimeout(timer);
    this.goneTimers.clear();
  }

  /** The staff member's last console closed: after the grace, unless one came back, they are gone. */
  private watchGone(staffId: string): void {
    if (this.closing || this.isPresent(staffId) || this.goneTimers.has(staffId)) return;
    const timer = setTimeout(() => {
      this.goneTimers.delete(staffId);
      if (!this.isPresent(staffId)) this.presence.onStaffGone(staffId);
    }, this.presence.graceMs);
    timer.unref?.();
    this.goneTimers.set(staffId, timer);
  }

  closeAll(): void {
    this.closing = true;
    for (const client of this.clients) client.socket.terminate();
    this.clients.clear();
  }

  private push(list: 'queue' | 'terminals', delayMs: number, message: () => Promise<HubToConsole>): void {
    if (this.clients.size === 0 || this.timers.has(list)) return;
    this.timers.set(
      list,
      setTimeout(() => {
        // The slot is freed before the read: a change during it schedules the next push. Reads may end out of
        // order (PostgreSQL), so an older one that ends later is not sent over a newer one.
        this.timers.delete(list);
        const sequence = (this.pushed.get(list)?.started ?? 0) + 1;
        this.pushed.set(list, { started: sequence, sent: this.pushed.get(list)?.sent ?? 0 });
        message().then(
          (built) => {
            const state = this.pushed.get(list)!;
            if (sequence < state.sent || this.closing || this.clients.size === 0) return;
            state.sent = sequence;
            this.broadcast(built);
          },
          (error: Error) => this.onError?.(error),
        );
      }, delayMs),
    );
  }
}
