import type { WebSocket } from 'ws';
import type { AlertView, HelpRequestView, HubToConsole, TerminalView } from '../../contract/hub';
import { OPEN, send } from './send';

interface ConsoleClient {
  socket: WebSocket;
  staffId: string;
  sessionHash: string;
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

  constructor(
    private readonly lists: { queue(): HelpRequestView[]; terminals(): TerminalView[]; alerts?(): AlertView[] },
    private readonly presence: { graceMs: number; onStaffGone(staffId: string): void } = {
      graceMs: DEFAULT_STAFF_GONE_GRACE_MS,
      onStaffGone: () => undefined,
    },
  ) {}

  attach(socket: WebSocket, staffId: string, sessionHash: string): void {
    const client = { socket, staffId, sessionHash };
    this.clients.add(client);
    // Back within the grace (a reload, a short network gap): nothing ends.
    clearTimeout(this.goneTimers.get(staffId));
    this.goneTimers.delete(staffId);
    socket.on('close', () => {
      this.clients.delete(client);
      this.watchGone(staffId);
    });
    // Consoles only listen; anything they send is ignored (actions go through the CSRF-checked routes).
    send(socket, { type: 'queue', requests: this.lists.queue() });
    send(socket, { type: 'terminals', terminals: this.lists.terminals() });
    if (this.lists.alerts) send(socket, { type: 'alerts', alerts: this.lists.alerts() });
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
