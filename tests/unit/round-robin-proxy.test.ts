import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startRoundRobinProxy, type RoundRobinProxy } from '../fixtures/round-robin-proxy';

/**
 * The round-robin proxy the region's kill test puts in front of two hub instances: real TCP servers on 127.0.0.1
 * that answer with their name, reached through the proxy.
 */

interface NamedServer {
  name: string;
  server: Server;
  port: number;
  sockets: Set<Socket>;
  kill(): Promise<void>;
}

async function namedServer(name: string): Promise<NamedServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // The name first, then an echo: a client can tell which backend it reached and that bytes pass both ways.
    socket.write(`${name}\n`);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    name,
    server,
    port: (server.address() as AddressInfo).port,
    sockets,
    // As a killed process: the port stops listening and every open connection drops.
    kill: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Connects through the proxy; the first line the backend sent (its name), or 'closed' if the proxy hung up. */
function reach(proxy: RoundRobinProxy): Promise<{ name: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const socket = connect(proxy.port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
      const line = text.indexOf('\n');
      if (line >= 0) resolve({ name: text.slice(0, line), socket });
    });
    socket.on('close', () => resolve({ name: 'closed', socket }));
    socket.on('error', reject);
  });
}

const servers: NamedServer[] = [];
let proxy: RoundRobinProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await Promise.all(servers.splice(0).map((server) => (server.server.listening ? server.kill() : undefined)));
});

async function setUp(names: string[]) {
  for (const name of names) servers.push(await namedServer(name));
  proxy = await startRoundRobinProxy(servers.map((server) => ({ host: '127.0.0.1', port: server.port })));
  return proxy;
}

async function names(through: RoundRobinProxy, count: number): Promise<string[]> {
  const reached: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const { name, socket } = await reach(through);
    reached.push(name);
    socket.destroy();
  }
  return reached;
}

describe('round-robin proxy', () => {
  it('hands each new connection to the next backend, and passes bytes both ways', async () => {
    const through = await setUp(['a', 'b', 'c']);
    expect(await names(through, 6)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(through.handedTo).toEqual([2, 2, 2]);

    const { socket } = await reach(through);
    const echoed = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
        if (text.includes('ping')) resolve(text);
      });
    });
    socket.write('ping');
    expect(await echoed).toContain('ping');
    socket.destroy();
  });

  it('skips a dead backend, closes its open connections, and closes a client when none is left', async () => {
    const through = await setUp(['a', 'b']);
    expect(await names(through, 1)).toEqual(['a']);
    const onB = await reach(through);
    expect(onB.name).toBe('b');
    const closed = new Promise<void>((resolve) => onB.socket.once('close', () => resolve()));

    await servers[1]!.kill();
    await closed; // the client of the dead backend sees its connection end, and would reconnect
    expect(await names(through, 3)).toEqual(['a', 'a', 'a']);

    await servers[0]!.kill();
    expect(await names(through, 1)).toEqual(['closed']);
  });
});
