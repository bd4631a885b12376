import { networkInterfaces } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { HubError } from '../hub-error';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const ANY = new Set(['0.0.0.0', '::']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/** `--host` is a network address and no `--public-origin` names the hub: the Host header cannot be checked. */
export class HostCheckConfigError extends Error {
  constructor() {
    super(
      'refusing to listen on a network address without --public-origin (the Host check needs it); ' +
        'give --public-origin <url>, or --allow-any-host on a closed test network',
    );
  }
}

const withPort = (address: string, port: number) => `${address.includes(':') ? `[${address}]` : address}:${port}`;

/**
 * The Host values the hub answers to: the public origin's, and the addresses it listens on (for 0.0.0.0 or
 * ::, every address of this machine). A name an attacker's DNS points at the hub (rebinding) is none of them.
 */
export function allowedHosts(listenHost: string, port: number, publicOrigin: string | undefined): Set<string> {
  const hosts = new Set<string>();
  if (publicOrigin) {
    const origin = new URL(publicOrigin);
    hosts.add(origin.host.toLowerCase());
    // Reached directly on the port it listens on (no proxy in front): still the town's own name.
    hosts.add(withPort(origin.hostname.toLowerCase(), port));
  }
  const addresses = ANY.has(listenHost)
    ? Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((entry) => entry.address))
    : [listenHost];
  for (const address of addresses) {
    hosts.add(withPort(address.toLowerCase(), port));
    if (isLoopbackHost(address)) for (const name of LOOPBACK) hosts.add(withPort(name, port));
  }
  return hosts;
}

/**
 * Every request and WebSocket upgrade (onRequest runs for both, and for unknown paths) must name one of
 * `hosts()`; a wrong or missing Host gets 421 and no data. `hosts()` returns undefined when the check is off.
 */
export function registerHostCheck(app: FastifyInstance, hosts: () => ReadonlySet<string> | undefined): void {
  app.addHook('onRequest', async (request) => {
    const allowed = hosts();
    if (!allowed) return;
    const host = request.headers.host?.toLowerCase();
    if (host === undefined || !allowed.has(host)) throw new HubError(421, 'wrong_host');
  });
}
