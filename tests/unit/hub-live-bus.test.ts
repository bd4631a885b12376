import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BusEnvelope, BusMessage } from '../../contract/hub/region-bus';
import { InProcessBusNetwork, type LiveBus } from '../../hub/live/bus';
import { NatsBus, natsServerOptions, parseNatsUrl, REGION_SUBJECTS, type NatsSecurity } from '../../hub/live/nats-bus';
import { startNats, type TestNats } from '../fixtures/nats';
import { makeRootCa } from '../fixtures/test-pki';

/**
 * The live bus between hub instances (issue 20): two hub-like bus clients exchange a help request from raised to
 * closed, in-process and over a real nats-server started by the test; the NATS one also across a server restart.
 */

let nats: TestNats;
beforeAll(async () => {
  nats = await startNats();
  console.info(`nats-server ready in ${nats.startupMs} ms`);
}, 30_000);
afterAll(() => nats?.stop(), 30_000);

const buses: LiveBus[] = [];
afterEach(async () => {
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
});

const TERMINAL = 't_foyer0001';
const activity = {
  serviceId: 'meldebescheinigung',
  stepId: 'name',
  screen: 'step',
  stepNumber: 2,
  stepCount: 5,
  language: 'de',
} as const;
const raised = (requestId: string): BusMessage => ({
  type: 'help.raised',
  terminalId: TERMINAL,
  request: { requestId, reason: 'button', activity, since: new Date(Date.UTC(2025, 5, 16, 8)).toISOString() },
});

/** Everything a bus hears, and a way to wait for the next message of a type. */
function listen(bus: LiveBus) {
  const heard: BusEnvelope[] = [];
  const waiting: { type: string; resolve: (envelope: BusEnvelope) => void }[] = [];
  let resyncs = 0;
  bus.subscribe((envelope) => {
    heard.push(envelope);
    for (const waiter of waiting.filter((entry) => entry.type === envelope.message.type)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(envelope);
    }
  });
  bus.onResync(() => (resyncs += 1));
  return {
    heard,
    resyncs: () => resyncs,
    next: (type: BusMessage['type']) => new Promise<BusEnvelope>((resolve) => waiting.push({ type, resolve })),
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

const kinds = {
  'in-process': () => {
    const network = new InProcessBusNetwork();
    return Promise.resolve([network.join('hub-a'), network.join('hub-b')] as const);
  },
  nats: async () =>
    [
      await NatsBus.connect({ url: nats.url, instanceId: 'hub-a' }),
      await NatsBus.connect({ url: nats.url, instanceId: 'hub-b' }),
    ] as const,
};

describe.each(Object.keys(kinds) as (keyof typeof kinds)[])('live bus, %s', (kind) => {
  it('carries a help request from the kiosk’s instance to the console’s and back, to the others only', async () => {
    const [a, b] = await kinds[kind]();
    buses.push(a, b);
    const atA = listen(a);
    const atB = listen(b);
    // Subscriptions reach the server with the next flush: a round trip makes sure B listens before A publishes.
    if (a instanceof NatsBus && b instanceof NatsBus) await Promise.all([a.flush(), b.flush()]);
    const requestId = randomUUID();

    // Kiosk at A asks for help: the console at B sees it.
    const gotRaised = atB.next('help.raised');
    a.publish({ type: 'terminal.connected', terminalId: TERMINAL, instanceId: 'hub-a' });
    a.publish(raised(requestId));
    expect((await gotRaised).origin).toBe('hub-a');
    expect((await gotRaised).message).toEqual(raised(requestId));

    // Staff at B claim it and take over; A tells its kiosk.
    const gotClaimed = atA.next('help.claimed');
    const gotTakeover = atA.next('takeover.started');
    b.publish({ type: 'help.claimed', terminalId: TERMINAL, requestId, staffId: 's1', staffName: 'Frau Meyer' });
    b.publish({ type: 'takeover.started', terminalId: TERMINAL, requestId, staffId: 's1', staffName: 'Frau Meyer' });
    expect((await gotClaimed).message).toMatchObject({ requestId, staffName: 'Frau Meyer' });
    expect((await gotTakeover).origin).toBe('hub-b');

    // The resident ends the takeover at the kiosk (A); staff close the request at B.
    const gotEnded = atB.next('takeover.ended');
    const gotClosed = atA.next('help.closed');
    a.publish({ type: 'takeover.ended', terminalId: TERMINAL, requestId, by: 'resident' });
    b.publish({ type: 'help.closed', terminalId: TERMINAL, requestId, state: 'resolved' });
    expect((await gotEnded).message).toMatchObject({ by: 'resident' });
    expect((await gotClosed).message).toMatchObject({ state: 'resolved' });

    // Nobody hears their own messages; order per sender is kept.
    expect(atA.heard.map((envelope) => envelope.origin)).toEqual(['hub-b', 'hub-b', 'hub-b']);
    expect(atB.heard.map((envelope) => envelope.message.type)).toEqual([
      'terminal.connected',
      'help.raised',
      'takeover.ended',
    ]);
  });

  it('refuses to publish a message that does not match the contract', async () => {
    const [a, b] = await kinds[kind]();
    buses.push(a, b);
    expect(() =>
      a.publish({ type: 'help.closed', terminalId: TERMINAL, requestId: 'not-a-uuid', state: 'resolved' }),
    ).toThrow();
    expect(() => a.publish({ type: 'live.snapshot', answers: { name: 'Erika' } } as unknown as BusMessage)).toThrow();
  });
});

describe('live bus over NATS', () => {
  it('drops what arrives from the wire without matching the contract, and goes on', async () => {
    const b = await NatsBus.connect({ url: nats.url, instanceId: 'hub-b' });
    buses.push(b);
    const atB = listen(b);
    await b.flush();
    const raw = await connect({ servers: nats.url });
    const requestId = randomUUID();
    const valid = { id: randomUUID(), origin: 'hub-a', at: Date.now(), message: raised(requestId) };
    raw.publish('buergerkiosk.live.help.raised', 'not json');
    raw.publish('buergerkiosk.live.help.raised', JSON.stringify({ ...valid, message: { type: 'help.raised' } }));
    // A snapshot with a resident's answers has no place on the bus.
    raw.publish('buergerkiosk.live.help.raised', JSON.stringify({ ...valid, answers: { name: 'Erika' } }));
    // The subject must name the message's type.
    raw.publish('buergerkiosk.live.help.closed', JSON.stringify(valid));
    raw.publish('buergerkiosk.live.help.raised', JSON.stringify(valid));
    // The same message twice (a publisher's buffer after a reconnect) is handled once.
    raw.publish('buergerkiosk.live.help.raised', JSON.stringify(valid));
    await raw.flush();
    await until(() => b.refused === 4 && atB.heard.length >= 1);
    await raw.close();
    await b.flush();
    expect(atB.heard.map((envelope) => envelope.message)).toEqual([raised(requestId)]);
  });

  it('reconnects both instances after a nats-server restart during a help request, and says when to resync', async () => {
    const [a, b] = await kinds.nats();
    buses.push(a, b);
    const atA = listen(a);
    const atB = listen(b);
    await Promise.all([a.flush(), b.flush()]);
    const requestId = randomUUID();
    const gotRaised = atB.next('help.raised');
    a.publish(raised(requestId));
    await gotRaised;

    await nats.restart(300);
    // Published while the server is down: buffered by A's client and sent after A's reconnect. Whether B hears it
    // depends on who reconnects first (core NATS is at most once); the hub reads the database on resync instead.
    b.publish({ type: 'help.claimed', terminalId: TERMINAL, requestId, staffId: 's1', staffName: 'Frau Meyer' });
    await until(() => atA.resyncs() >= 1 && atB.resyncs() >= 1);
    await Promise.all([a.flush(), b.flush()]);

    const gotClosed = atA.next('help.closed');
    b.publish({ type: 'help.closed', terminalId: TERMINAL, requestId, state: 'resolved' });
    expect((await gotClosed).message).toMatchObject({ requestId, state: 'resolved' });
    const gotRaisedAgain = atB.next('help.raised');
    a.publish(raised(randomUUID()));
    expect((await gotRaisedAgain).origin).toBe('hub-a');
    console.info(
      `Across the restart A heard: ${atA.heard.map((envelope) => envelope.message.type).join(', ')} ` +
        '(help.claimed was published while the server was down)',
    );
  }, 30_000);

  it('checks --nats-url', () => {
    expect(parseNatsUrl('nats://127.0.0.1:4222')).toBe('nats://127.0.0.1:4222');
    expect(parseNatsUrl('nats://bus.stade.local')).toBe('nats://bus.stade.local:4222');
    expect(() => parseNatsUrl('http://127.0.0.1:4222')).toThrow(/must start with nats:\/\//);
    expect(() => parseNatsUrl('nats://127.0.0.1:99999')).toThrow();
    expect(() => parseNatsUrl('nats://127.0.0.1:4222/x?y=1')).toThrow(/no path or query/);
  });
});

describe('live bus over NATS with TLS and a user per instance', () => {
  let secure: TestNats;
  let security: (instance: 'a' | 'b') => NatsSecurity;
  let otherCaFile: string;
  beforeAll(async () => {
    secure = await startNats({ secure: { instances: ['a', 'b'] } });
    const { caFile, users } = secure.secure!;
    security = (instance) => ({ caFile, ...users[instance]! });
    // A CA that did not issue the server's certificate: a client pinned to it must refuse the server.
    const pki = mkdtempSync(join(tmpdir(), 'hub-nats-other-ca-'));
    otherCaFile = makeRootCa(pki, 'other-ca').certFile;
    console.info(`secure nats-server ready in ${secure.startupMs} ms`);
  }, 30_000);
  afterAll(async () => {
    await secure?.stop();
    if (otherCaFile) rmSync(join(otherCaFile, '..'), { recursive: true, force: true });
  }, 30_000);

  it('carries a help request between two instances, each with its own user, over TLS', async () => {
    expect(secure.url).toMatch(/^tls:\/\/127\.0\.0\.1:/);
    const a = await NatsBus.connect({ url: secure.url, instanceId: 'hub-a', security: security('a') });
    const b = await NatsBus.connect({ url: secure.url, instanceId: 'hub-b', security: security('b') });
    buses.push(a, b);
    const atB = listen(b);
    await Promise.all([a.flush(), b.flush()]);
    const requestId = randomUUID();
    const gotRaised = atB.next('help.raised');
    a.publish(raised(requestId));
    expect((await gotRaised).message).toEqual(raised(requestId));
  });

  it('refuses a client without credentials, with a wrong password, or without TLS', async () => {
    await expect(
      NatsBus.connect({ url: secure.url, instanceId: 'hub-x', security: { ...security('a'), password: 'wrong' } }),
    ).rejects.toThrow(/authoriz/i);
    // TLS against the right CA, but no user.
    const { user: _user, pass: _pass, ...anonymous } = natsServerOptions(secure.url, security('a'));
    await expect(connect(anonymous)).rejects.toThrow(/authoriz/i);
    // No TLS at all: the server requires it.
    await expect(connect({ servers: secure.url.replace('tls:', 'nats:') })).rejects.toThrow();
  });

  it('refuses a server whose certificate the configured CA did not issue, and one that offers no TLS', async () => {
    await expect(
      NatsBus.connect({ url: secure.url, instanceId: 'hub-a', security: { ...security('a'), caFile: otherCaFile } }),
    ).rejects.toThrow(/certificate/i);
    // The plain server of the tests above: a bus given security never falls back to plain NATS.
    await expect(NatsBus.connect({ url: nats.url, instanceId: 'hub-a', security: security('a') })).rejects.toThrow();
  });

  it('lets an instance user publish and subscribe to the region’s subjects only', async () => {
    const raw = await connect(natsServerOptions(secure.url, security('a')));
    try {
      const outside = raw.subscribe('other.>');
      // The server answers a forbidden subscription with a permissions violation, which ends it.
      const ended = await outside.closed;
      expect(String(ended)).toMatch(/permission/i);
      const inside = raw.subscribe(REGION_SUBJECTS);
      await raw.flush();
      expect(inside.isClosed()).toBe(false);
    } finally {
      await raw.close();
    }
  });
});
