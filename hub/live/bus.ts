import { randomUUID } from 'node:crypto';
import { BusEnvelopeSchema, BusMessageSchema, type BusEnvelope, type BusMessage } from '../../contract/hub/region-bus';

/**
 * The live bus between the hub instances of a region (issue 20): each instance publishes what the others must know
 * (contract/hub/region-bus.ts) and hears the others' messages, never its own. Two implementations: in-process
 * (one hub, and tests) and NATS (hub/live/nats-bus.ts, `--nats-url`). Delivery is at most once: after a dropped
 * connection `onResync` fires, and the instance reads the shared database again instead of trusting it heard all.
 */
export interface LiveBus {
  readonly instanceId: string;
  /** Validated against the contract (throws on a message that does not match); never blocks. */
  publish(message: BusMessage): void;
  /** Other instances' messages, validated; returns the unsubscribe. */
  subscribe(handler: (envelope: BusEnvelope) => void): () => void;
  /** After the bus connection came back: messages in between may be lost. */
  onResync(handler: () => void): () => void;
  close(): Promise<void>;
}

/** The envelope for `message` from `instanceId`, checked (a bad message is the caller's bug: it throws). */
export function envelope(instanceId: string, message: BusMessage, now = Date.now()): BusEnvelope {
  return BusEnvelopeSchema.parse({
    id: randomUUID(),
    origin: instanceId,
    at: now,
    message: BusMessageSchema.parse(message),
  });
}

/** Handlers of one bus; a throwing handler does not stop the others. */
export class Listeners<T> {
  private readonly handlers = new Set<(value: T) => void>();

  add(handler: (value: T) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  emit(value: T, onError: (error: unknown) => void): void {
    for (const handler of this.handlers) {
      try {
        handler(value);
      } catch (error) {
        onError(error);
      }
    }
  }
}

/** In-process buses that hear each other: one hub on its own, or several "instances" in one test process. */
export class InProcessBusNetwork {
  private readonly members = new Set<InProcessBus>();

  join(instanceId: string): LiveBus {
    const bus = new InProcessBus(instanceId, this);
    this.members.add(bus);
    return bus;
  }

  /** @internal */
  deliver(sent: BusEnvelope): void {
    // Asynchronous like a network: a publisher's handler code never runs inside another instance's publish.
    queueMicrotask(() => {
      for (const member of this.members) if (member.instanceId !== sent.origin) member.receive(sent);
    });
  }

  /** @internal */
  leave(bus: InProcessBus): void {
    this.members.delete(bus);
  }
}

class InProcessBus implements LiveBus {
  private readonly messages = new Listeners<BusEnvelope>();
  private readonly resyncs = new Listeners<void>();
  private closed = false;

  constructor(
    readonly instanceId: string,
    private readonly network: InProcessBusNetwork,
  ) {}

  publish(message: BusMessage): void {
    if (this.closed) throw new Error('The bus is closed');
    this.network.deliver(envelope(this.instanceId, message));
  }

  subscribe(handler: (envelope: BusEnvelope) => void): () => void {
    return this.messages.add(handler);
  }

  onResync(handler: () => void): () => void {
    // One process: the bus never drops a message, so there is never anything to read again.
    return this.resyncs.add(handler);
  }

  receive(sent: BusEnvelope): void {
    if (!this.closed) this.messages.emit(sent, () => undefined);
  }

  close(): Promise<void> {
    this.closed = true;
    this.network.leave(this);
    return Promise.resolve();
  }
}
