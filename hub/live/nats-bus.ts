import { connect, type ConnectionOptions, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../../core/types';
import {
  BusEnvelopeSchema,
  MAX_BUS_MESSAGE_BYTES,
  type BusEnvelope,
  type BusMessage,
} from '../../contract/hub/region-bus';
import { envelope, Listeners, type LiveBus } from './bus';

const SUBJECT_PREFIX = 'buergerkiosk.live';
/** Every subject the region's instances use: the one thing a NATS user of an instance may publish and subscribe to. */
export const REGION_SUBJECTS = `${SUBJECT_PREFIX}.>`;

/**
 * How an instance proves itself to the NATS server and checks the server: the region's bus carries residents'
 * answers once live views cross instances (ARCHITECTURE "The region", step 3), so it runs over TLS, the server's
 * certificate checked against the region's CA (and its name against the URL's host), with a user per instance.
 */
export interface NatsSecurity {
  /** PEM file of the CA that issued the NATS server's certificate; the connection refuses any other server. */
  caFile: string;
  /** This instance's NATS user (one per instance, allowed only REGION_SUBJECTS on the server). */
  user: string;
  password: string;
  /** Optional client certificate and key (PEM files) for a server that also verifies clients. */
  certFile?: string;
  keyFile?: string;
}

export class NatsUrlError extends Error {
  override name = 'NatsUrlError';
}

/** `--nats-url nats://host:port` (or tls://), checked before connecting. */
export function parseNatsUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new NatsUrlError('--nats-url is not a URL (nats://host:4222)');
  }
  if (url.protocol !== 'nats:' && url.protocol !== 'tls:')
    throw new NatsUrlError(`--nats-url must start with nats:// or tls:// (found ${url.protocol}//)`);
  if (!url.hostname) throw new NatsUrlError('--nats-url needs a host');
  const port = url.port === '' ? 4222 : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new NatsUrlError('--nats-url needs a port number (1–65535)');
  if ((url.pathname && url.pathname !== '/') || url.search) throw new NatsUrlError('--nats-url takes no path or query');
  return `${url.protocol}//${url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : ''}${url.hostname}:${port}`;
}

/** Where and how to connect: the checked URL and, with `security`, TLS against its CA and the instance's user. */
export function natsServerOptions(url: string, security?: NatsSecurity): ConnectionOptions {
  const servers = parseNatsUrl(url);
  if (!security) return { servers };
  const tls = {
    caFile: security.caFile,
    ...(security.certFile ? { certFile: security.certFile } : {}),
    ...(security.keyFile ? { keyFile: security.keyFile } : {}),
    // nats.js leaves the TLS name empty for an IP address, and Node then checks the certificate against
    // "localhost"; handed on to Node's tls.connect, the host makes it check the address actually dialled.
    host: new URL(servers).hostname,
  };
  return { servers, user: security.user, pass: security.password, tls };
}

/**
 * The live bus over NATS (core NATS, no JetStream): one subject per message type under `buergerkiosk.live.`, JSON
 * envelopes checked against the contract on the way in (a message that fails is dropped and counted, never
 * handled). The client reconnects without end; what it publishes while disconnected is buffered and sent after the
 * reconnect, what others published while it was away is lost to it: `onResync` tells the hub to read the database.
 */
export class NatsBus implements LiveBus {
  private readonly messages = new Listeners<BusEnvelope>();
  private readonly resyncs = new Listeners<void>();
  private readonly seen = new Set<string>();
  /** Messages from the wire that did not match the contract (for tests and the health view). */
  refused = 0;

  private constructor(
    readonly instanceId: string,
    private readonly connection: NatsConnection,
    private readonly logger: Logger | undefined,
  ) {
    const subscription = connection.subscribe(REGION_SUBJECTS, {
      callback: (error, msg) => {
        if (error) return;
        this.receive(msg.subject, msg.data);
      },
    });
    void subscription.closed.catch(() => undefined);
    void this.watchStatus();
  }

  /**
   * With `security`, the connection is TLS only (a server that does not offer it, or whose certificate the CA did
   * not issue, is refused) and authenticated as the instance's user; without it, plain NATS (tests, one machine).
   */
  static async connect(options: {
    url: string;
    instanceId: string;
    logger?: Logger;
    security?: NatsSecurity;
  }): Promise<NatsBus> {
    const connection = await connect({
      ...natsServerOptions(options.url, options.security),
      name: `buergerkiosk-hub-${options.instanceId}`,
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      reconnectJitter: 100,
      pingInterval: 10_000,
      maxPingOut: 2,
    });
    return new NatsBus(options.instanceId, connection, options.logger);
  }

  publish(message: BusMessage): void {
    const sent = envelope(this.instanceId, message);
    this.connection.publish(`${SUBJECT_PREFIX}.${sent.message.type}`, JSON.stringify(sent));
  }

  subscribe(handler: (envelope: BusEnvelope) => void): () => void {
    return this.messages.add(handler);
  }

  onResync(handler: () => void): () => void {
    return this.resyncs.add(handler);
  }

  /** Resolves once the server has everything this client sent before (and its subscription). */
  async flush(): Promise<void> {
    await this.connection.flush();
  }

  async close(): Promise<void> {
    await this.connection.drain().catch(() => this.connection.close());
  }

  private receive(subject: string, data: Uint8Array): void {
    const parsed = data.byteLength <= MAX_BUS_MESSAGE_BYTES ? parseJson(data) : undefined;
    const checked = BusEnvelopeSchema.safeParse(parsed);
    if (!checked.success || subject !== `${SUBJECT_PREFIX}.${checked.data.message.type}`) {
      this.refused += 1;
      this.logger?.warn('bus.refused', { count: this.refused });
      return;
    }
    const sent = checked.data;
    if (sent.origin === this.instanceId || this.seen.has(sent.id)) return;
    this.remember(sent.id);
    this.messages.emit(sent, (error) =>
      this.logger?.error('bus.handler_failed', { errorClass: error instanceof Error ? error.name : 'unknown' }),
    );
  }

  /** The ids of the last messages, so one delivered twice (a publisher's buffer after a reconnect) is handled once. */
  private remember(id: string): void {
    this.seen.add(id);
    if (this.seen.size > 10_000) this.seen.delete(this.seen.values().next().value!);
  }

  private async watchStatus(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type === 'disconnect') this.logger?.warn('bus.disconnected');
      if (status.type === 'reconnect') {
        this.logger?.info('bus.reconnected');
        this.resyncs.emit(undefined, () => undefined);
      }
    }
  }
}

function parseJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(data)) as unknown;
  } catch {
    return undefined;
  }
}
