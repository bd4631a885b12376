import WebSocket from 'ws';
import { HubToTerminalSchema, TERMINAL_WS_PATH, type HubToTerminal, type TerminalToHub } from '../../contract/hub';
import { errorClass } from '../logging';
import { trustedCas } from '../net/trust';
import { retryDelayMs } from '../portal/backoff';
import type { Logger } from '../types';

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_HUB_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 30_000 };
const PING_INTERVAL_MS = 15_000;
const MAX_HUB_FRAME_BYTES = 1_000_000;

export interface HubConnectionOptions {
  /** The hub's base URL, http(s)://host:port; the socket goes to ws(s)://host:port/ws/terminal. */
  hubUrl: string;
  credential: string;
  /** The first frame after every (re)connect: who we are, what is open. */
  hello(): TerminalToHub;
  onMessage(message: HubToTerminal): void;
  onOnline(online: boolean): void;
  logger: Logger;
  /** The town's CA (PEM) for wss:, besides Node's own roots. */
  ca?: string;
  backoff?: BackoffPolicy;
}

export function terminalSocketUrl(hubUrl: string): string {
  const url = new URL(TERMINAL_WS_PATH, hubUrl);
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * One WebSocket to the hub, authenticated with the device credential on the
 * upgrade, reconnecting with full-jitter backoff for as long as it is not
 * stopped. Frames sent while offline are dropped: the state that matters
 * (activity, open help request) goes again in `hello`.
 */
export class HubConnection {
  private socket: WebSocket | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private attempt = 0;
  private stopped = false;
  private online = false;

  constructor(private readonly options: HubConnectionOptions) {}

  start(): void {
    this.connect();
  }

  get isOnline(): boolean {
    return this.online;
  }

  send(message: TerminalToHub): boolean {
    if (!this.online || this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.socket?.terminate();
    this.setOnline(false);
  }

  private connect(): void {
    if (this.stopped) return;
    const { logger } = this.options;
    const ca = trustedCas(this.options.ca);
    const socket = new WebSocket(terminalSocketUrl(this.options.hubUrl), {
      ...(ca ? { ca } : {}),
      headers: { Authorization: `Bearer ${this.options.credential}` },
      maxPayload: MAX_HUB_FRAME_BYTES,
      handshakeTimeout: 10_000,
      perMessageDeflate: false,
    });
    this.socket = socket;
    let alive = true;
    socket.on('open', () => {
      this.attempt = 0;
      socket.send(JSON.stringify(this.options.hello()));
      this.setOnline(true);
      logger.info('hub.connected');
      // A hub that vanished without a close frame is found by its missing pong.
      this.pingTimer = setInterval(() => {
        if (!alive) return void socket.terminate();
        alive = false;
        socket.ping();
      }, PING_INTERVAL_MS);
      this.pingTimer.unref();
    });
    socket.on('pong', () => (alive = true));
    socket.on('message', (data) => this.receive(String(data)));
    socket.on('unexpected-response', (_request, response) => {
      // 401/403: a wrong or revoked credential; retried slowly, the admin may fix it.
      logger.warn('hub.refused', { status: response.statusCode ?? 0 });
      socket.terminate();
    });
    socket.on('error', (error) => logger.warn('hub.socket_error', { errorClass: errorClass(error) }));
    socket.on('close', () => {
      clearInterval(this.pingTimer);
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (this.online) logger.warn('hub.disconnected');
      this.setOnline(false);
      this.scheduleReconnect();
    });
  }

  private receive(text: string): void {
    let parsed: ReturnType<typeof HubToTerminalSchema.safeParse>;
    try {
      parsed = HubToTerminalSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = HubToTerminalSchema.safeParse(undefined);
    }
    if (!parsed.success) {
      this.options.logger.warn('hub.message_invalid');
      return;
    }
    this.options.onMessage(parsed.data);
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = retryDelayMs(this.attempt, this.options.backoff ?? DEFAULT_HUB_BACKOFF, undefined);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
    this.retryTimer.unref();
  }

  private setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    this.options.onOnline(online);
  }
}
