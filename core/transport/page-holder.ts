import type { KioskCore } from '../types';

/**
 * Browser mode: which page holds the open session, so that the terminal's own page gets a session back
 * after it lost its token (Chromium was killed and started again with an empty profile, by the launcher
 * or by systemd), and nobody else does.
 *
 * A page holds the session while its events socket is open and bound to the session's token (the bridge
 * sends it on every connect). A page without the token may take the session over (`session.resume`
 * answers it with the token) only when it is orphaned: a page held it and that page's socket is gone, or
 * it survived a restart of the kiosk and no page has held it since. A session that is held, or that no
 * page ever held (started by a plain HTTP client), is never handed out. Where the kernel names the user
 * behind a loopback connection (Linux), an orphaned session goes only to a process of the same user as the
 * page that held it (the display's own user on a terminal), so another local user cannot take it in the
 * moment between Chromium's death and its restart.
 */
export class PageHolders<Socket extends object> {
  /** Open sockets and the token each one presented (only the open session's token is kept). */
  private readonly open = new Map<Socket, string>();
  /** The last session a page held (or the one that survived a restart): only it may be orphaned. */
  private held: string | undefined;
  /** The user behind the page that held it, where known (see peer-user.ts). */
  private heldBy: number | undefined;

  constructor(private readonly core: Pick<KioskCore, 'currentSessionToken'>) {
    this.held = core.currentSessionToken();
  }

  /** A socket presented `token`; it holds the session only if the token is the open session's. */
  bind(socket: Socket, token: string | undefined, peerUid?: number): void {
    const current = this.core.currentSessionToken();
    if (token !== undefined && token === current) {
      this.open.set(socket, token);
      if (this.held !== token || peerUid !== undefined) this.heldBy = peerUid;
      this.held = token;
    } else {
      this.open.delete(socket);
    }
  }

  release(socket: Socket): void {
    this.open.delete(socket);
  }

  /** The token `socket` presented last, if it is still bound. */
  tokenOf(socket: Socket): string | undefined {
    return this.open.get(socket);
  }

  /** Whether an open socket holds the open session: then nobody without its token may replace it. */
  isHeld(): boolean {
    const current = this.core.currentSessionToken();
    if (current === undefined) return false;
    for (const token of this.open.values()) if (token === current) return true;
    return false;
  }

  /**
   * What the transport vouches for a call without the session's token (PageCaller.ownPage): `session.resume`
   * only for an orphaned session, `session.start` (which wipes the open one) whenever no page holds it.
   */
  mayTakeOver(method: string, peerUid: () => number | undefined = () => undefined): boolean {
    if (method === 'session.resume') return this.orphaned() && (this.heldBy === undefined || peerUid() === this.heldBy);
    if (method === 'session.start') return !this.isHeld();
    return false;
  }

  /** Whether a page that lost its token may take the open session over now (see the class comment). */
  orphaned(): boolean {
    const current = this.core.currentSessionToken();
    if (current === undefined || this.held !== current) return false;
    for (const token of this.open.values()) if (token === current) return false;
    return true;
  }
}
