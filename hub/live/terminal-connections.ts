import type { WebSocket } from 'ws';
import type { HubToTerminal, TerminalActivity, TerminalView } from '../../contract/hub';
import type { Logger } from '../../core/types';
import type { TerminalStore } from '../stores/terminal-store';
import { terminalView } from '../views';
import { OPEN, send } from './send';

interface Reported {
  lastContact: number;
  activity?: TerminalActivity;
  outboxBacklog?: number;
}

/**
 * The kiosks connected to the hub, one socket each, and what they reported since their hello: kept in
 * memory, written to the database on hello and close.
 */
export class TerminalConnections {
  private readonly sockets = new Map<string, WebSocket>();
  private readonly reported = new Map<string, Reported>();

  constructor(private readonly parts: { now: () => number; terminals: TerminalStore; logger: Logger }) {}

  /** `onGone` runs when this socket (not a newer one of the same terminal) closes. */
  /** `onGone` when the socket closes; `onReplaced` when a newer socket of the same terminal takes its place. */
  async attach(
    terminalId: string,
    socket: WebSocket,
    welcome: HubToTerminal,
    hooks: { onGone: () => void; onReplaced: () => void },
  ): Promise<void> {
    // A newer connection of the same terminal replaces the old one.
    const previous = this.sockets.get(terminalId);
    this.sockets.set(terminalId, socket);
    if (previous && previous !== socket) {
      previous.close(4409, 'replaced');
      hooks.onReplaced();
    }
    socket.on('close', () => {
      if (this.sockets.get(terminalId) !== socket) return;
      this.sockets.delete(terminalId);
      // What it reported is taken now: a new socket of the same terminal starts afresh while this is written.
      const written = this.persist(terminalId);
      this.reported.delete(terminalId);
      written.catch((error: Error) =>
        this.parts.logger.warn('hub.terminal_persist_failed', { errorClass: error.name }),
      );
      hooks.onGone();
    });
    this.remember(terminalId);
    await this.parts.terminals.report(terminalId, {});
    send(socket, welcome);
  }

  /** The admin revoked the terminal: tell it, then close. */
  revoke(terminalId: string): void {
    const socket = this.sockets.get(terminalId);
    if (!socket) return;
    send(socket, { type: 'revoked' });
    socket.close(4403, 'revoked');
    this.sockets.delete(terminalId);
  }

  /** The last contact of a connected terminal (newer than the database's); null when it is not connected. */
  lastContact(terminalId: string): number | null {
    return this.reported.get(terminalId)?.lastContact ?? null;
  }

  isOnline(terminalId: string): boolean {
    return this.sockets.has(terminalId);
  }

  /** Whether the terminal's socket was open to take it. */
  send(terminalId: string, message: HubToTerminal): boolean {
    const socket = this.sockets.get(terminalId);
    if (!socket || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  /** Every connected terminal gets it (a new catalogue bundle is active). */
  broadcast(message: HubToTerminal): void {
    for (const terminalId of this.sockets.keys()) this.send(terminalId, message);
  }

  /** Any message is contact; some carry the kiosk's activity and backlog too. */
  remember(terminalId: string, fields: { activity?: TerminalActivity; outboxBacklog?: number } = {}): void {
    const entry = this.reported.get(terminalId) ?? { lastContact: this.parts.now() };
    entry.lastContact = this.parts.now();
    if (fields.activity) entry.activity = fields.activity;
    if (fields.outboxBacklog !== undefined) entry.outboxBacklog = fields.outboxBacklog;
    this.reported.set(terminalId, entry);
  }

  async views(): Promise<TerminalView[]> {
    // What a connected kiosk reported since its hello is newer than the database (written on hello and close).
    return (await this.parts.terminals.list()).map((record) => {
      const reported = this.reported.get(record.terminalId);
      const current = reported
        ? {
            ...record,
            lastContact: reported.lastContact,
            activity: reported.activity ?? record.activity,
            outboxBacklog: reported.outboxBacklog ?? record.outboxBacklog,
          }
        : record;
      return terminalView(current, this.sockets.has(record.terminalId));
    });
  }

  /** Writes what the connected kiosks reported, then closes their sockets. */
  async closeAll(): Promise<void> {
    const sockets = [...this.sockets.values()];
    this.sockets.clear();
    await Promise.all([...this.reported.keys()].map((terminalId) => this.persist(terminalId)));
    this.reported.clear();
    for (const socket of sockets) socket.terminate();
  }

  private async persist(terminalId: string): Promise<void> {
    const entry = this.reported.get(terminalId);
    if (!entry) return;
    await this.parts.terminals.report(terminalId, {
      ...(entry.activity ? { activity: entry.activity } : {}),
      ...(entry.outboxBacklog !== undefined ? { outboxBacklog: entry.outboxBacklog } : {}),
    });
  }
}
