import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compactDecrypt, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CODE_ALPHABET,
  ENROL_PATH,
  EnrolRequestSchema,
  TERMINAL_WS_PATH,
  TerminalToHubSchema,
  type HubToTerminal,
  type TerminalToHub,
} from '../../../contract/hub';

/**
 * A minimal, protocol-level stand-in for the help-desk hub that is being built
 * in parallel (hub/, fastify): the enrolment route and the terminal WebSocket of
 * contract/hub/terminal-protocol.ts, with real Bearer checks, a real RSA key for
 * handover drafts and real JWE decryption. The integrator switches the tests to
 * the real hub. It records every frame the kiosk sends (validated against the
 * contract) and lets a test send hub frames as staff would cause them.
 */
export interface TestHub {
  url: string;
  enrolmentCode: string;
  /** Every frame received from kiosks, in order (already validated). */
  received: TerminalToHub[];
  /** Upgrade attempts refused for a missing or wrong credential. */
  refusedUpgrades: number;
  /** Decrypted handover drafts by code. */
  handovers: Map<string, unknown>;
  connected(): number;
  send(message: HubToTerminal): void;
  /** Resolves with the first frame (past or future) that matches. */
  waitFor<T extends TerminalToHub['type']>(
    type: T,
    match?: (message: Extract<TerminalToHub, { type: T }>) => boolean,
  ): Promise<Extract<TerminalToHub, { type: T }>>;
  /** Cuts every terminal socket (a network cut); kiosks should come back by themselves. */
  dropAll(): void;
  /** While true, every upgrade is refused with 503 (the hub is down). */
  down: boolean;
  revoke(): void;
  close(): Promise<void>;
}

function code(groups: number): string {
  const group = () => Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return Array.from({ length: groups }, group).join('-');
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
}

export async function startTestHub(options: { autoStoreHandover?: boolean } = {}): Promise<TestHub> {
  const { publicKey, privateKey } = await generateKeyPair('RSA-OAEP-256', { modulusLength: 2048, extractable: true });
  const handoverKey = { ...(await exportJWK(publicKey)), kid: 'hub-handover-1', alg: 'RSA-OAEP-256', use: 'enc' };
  const enrolmentCode = code(3);
  const terminalId = `t_${randomBytes(9).toString('base64url')}`;
  const credential = `${terminalId}.${randomBytes(32).toString('base64url')}`;
  let enrolled = false;
  let revoked = false;
  const received: TerminalToHub[] = [];
  const waiters: { test(message: TerminalToHub): boolean; resolve(message: TerminalToHub): void }[] = [];
  const handovers = new Map<string, unknown>();
  const sockets = new Set<WebSocket>();

  const server: Server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'POST' || request.url !== ENROL_PATH) {
        response.writeHead(404).end();
        return;
      }
      const parsed = EnrolRequestSchema.safeParse(JSON.parse((await readBody(request)) || 'null'));
      if (!parsed.success || parsed.data.enrolmentCode !== enrolmentCode || enrolled) {
        response.writeHead(403, { 'Content-Type': 'application/json' }).end('{"error":"forbidden"}');
        return;
      }
      enrolled = true; // one-time
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify({ terminalId, credential, terminalName: 'Rathaus Foyer', location: 'Foyer', handoverKey }),
      );
    })();
  });

  const wss = new WebSocketServer({ noServer: true });
  const result: TestHub = {
    url: '',
    enrolmentCode,
    received,
    refusedUpgrades: 0,
    down: false,
    handovers,
    connected: () => sockets.size,
    send(message) {
      for (const socket of sockets) socket.send(JSON.stringify(message));
    },
    waitFor(type, match) {
      const test = (message: TerminalToHub) =>
        message.type === type && (!match || match(message as Extract<TerminalToHub, { type: typeof type }>));
      const seen = received.find(test);
      if (seen) return Promise.resolve(seen as never);
      return new Promise((resolve) => waiters.push({ test, resolve: resolve as (message: TerminalToHub) => void }));
    },
    dropAll() {
      for (const socket of sockets) socket.terminate();
    },
    revoke() {
      revoked = true;
      result.send({ type: 'revoked' });
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  server.on('upgrade', (request, socket, head) => {
    if (result.down) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const authorized = request.headers.authorization === `Bearer ${credential}` && !revoked;
    if (request.url !== TERMINAL_WS_PATH || !authorized) {
      result.refusedUpgrades += 1;
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (client) => {
      sockets.add(client);
      client.on('close', () => sockets.delete(client));
      client.send(JSON.stringify({ type: 'welcome', terminalName: 'Rathaus Foyer', location: 'Foyer', handoverKey }));
      client.on('message', (data) => void onFrame(client, String(data)));
    });
  });

  async function onFrame(client: WebSocket, text: string): Promise<void> {
    const message = TerminalToHubSchema.parse(JSON.parse(text));
    if (message.type === 'handover.deposit') {
      const { plaintext } = await compactDecrypt(message.sealedDraft, privateKey as CryptoKey);
      handovers.set(message.code, JSON.parse(new TextDecoder().decode(plaintext)));
      if (options.autoStoreHandover !== false)
        client.send(JSON.stringify({ type: 'handover.stored', handoverId: message.handoverId }));
    }
    if (message.type === 'help.request')
      client.send(JSON.stringify({ type: 'help.queued', requestId: message.request.requestId }));
    received.push(message);
    for (const waiter of [...waiters]) {
      if (!waiter.test(message)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  result.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return result;
}
