import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { TERMINAL_WS_PATH, TerminalToHubSchema, type HubToTerminal, type TerminalToHub } from '../../contract/hub';
import { openTestCore, type FakeClock, type TestCore } from '../fixtures/core-harness';
import { TEST_BACKOFF, until } from './hub-client-helpers';

/**
 * A small terminal-side hub on 127.0.0.1 for the kiosk's usage sender (issue 18), so a test can hold back or
 * replay the hub's confirmations (the real hub is in usage-end-to-end.test.ts). It speaks the real protocol over a real WebSocket: welcome with a
 * handover key, every frame checked against the contract and recorded, `usage.stored` and `handover.stored`
 * answered (or not, while `acknowledge` is off). Staff's side of a help request is sent by the test (`send`).
 */
export interface UsageTestHub {
  url: string;
  /** Every frame the kiosk sent, parsed by the contract, with its raw text. */
  received: { message: TerminalToHub; raw: string }[];
  reports(): Extract<TerminalToHub, { type: 'usage.report' }>['report'][];
  /** Answer usage.report with usage.stored (default true). */
  acknowledge: boolean;
  send(message: HubToTerminal): void;
  /** Drops the kiosk's connection (it reconnects). */
  dropConnections(): void;
  close(): Promise<void>;
}

export const TEST_CREDENTIAL = `t_usagetest01.${'s'.repeat(48)}`;

export async function startUsageTestHub(): Promise<UsageTestHub> {
  const handoverKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
  const http: Server = createServer((_request, response) => response.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  http.on('upgrade', (request, socket, head) => {
    const authorised = request.headers.authorization === `Bearer ${TEST_CREDENTIAL}`;
    if (request.url !== TERMINAL_WS_PATH || !authorised) return void socket.destroy();
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws));
  });
  const hub: UsageTestHub = {
    url: '',
    received: [],
    acknowledge: true,
    reports: () => hub.received.flatMap(({ message }) => (message.type === 'usage.report' ? [message.report] : [])),
    send: (message) => sockets.forEach((ws) => ws.send(JSON.stringify(message))),
    dropConnections: () => sockets.forEach((ws) => ws.terminate()),
    close: async () => {
      sockets.forEach((ws) => ws.terminate());
      wss.close();
      await new Promise((resolve) => http.close(resolve));
    },
  };
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.send(JSON.stringify({ type: 'welcome', terminalName: 'Test', location: 'Foyer', handoverKey }));
    ws.on('message', (data) => {
      const raw = String(data);
      const message = TerminalToHubSchema.parse(JSON.parse(raw));
      hub.received.push({ message, raw });
      const reply = (answer: HubToTerminal) => ws.send(JSON.stringify(answer));
      if (message.type === 'usage.report' && hub.acknowledge)
        reply({ type: 'usage.stored', day: message.report.day, revision: message.report.revision });
      if (message.type === 'handover.deposit') reply({ type: 'handover.stored', handoverId: message.handoverId });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  hub.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return hub;
}

export function openUsageCore(
  hub: UsageTestHub,
  extra: Parameters<typeof openTestCore>[0] & { clock?: FakeClock } = {},
): TestCore {
  return openTestCore({ hub: { url: hub.url, credential: TEST_CREDENTIAL, backoff: TEST_BACKOFF }, ...extra });
}

export async function untilHubOnline(kiosk: TestCore): Promise<void> {
  await until(async () => (await kiosk.value('help.state', {})).hub === 'online');
}
