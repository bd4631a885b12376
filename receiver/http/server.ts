import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FaultRule } from '../faults';
import { HttpFailure, type Handler, type HandlerContext } from '../handlers/context';
import { problem, problemForStatus } from '../protocol/problems';
import type { ReceiverState } from '../state';
import { adminTokenValid, demoTokenValid } from './access-token';
import { problemOf, problemResponse, rawResponseBytes, type ApiResponse } from './responses';
import { API_ROUTE_NAMES, matchRoute, type ApiRouteName, type RouteName } from './routes';

/**
 * The receiver's HTTP server on loopback: routes each request, counts it, applies injected faults,
 * checks the bearer token, runs the handler and delivers its response (whole, cut short, or not at all).
 */
export interface ServerRoutes {
  handlers: Partial<Record<RouteName, Handler>>;
  /** Absent when the admin endpoints are switched off. */
  admin?: (context: HandlerContext, path: string) => Promise<ApiResponse>;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

const API_ROUTES: ReadonlySet<string> = new Set(API_ROUTE_NAMES);

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** A socket reset (RST), falling back to a plain destroy where the platform has no resetAndDestroy. */
function resetSocket(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

export async function startServer(
  state: ReceiverState,
  routes: ServerRoutes,
  options: { port: number; host: '127.0.0.1'; accessToken: string },
): Promise<RunningServer> {
  let port = options.port;
  let closing = false;
  const inFlight = new Set<Promise<void>>();
  const sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const sleeper = { timer: setTimeout(() => done(), ms), resolve: () => done() };
      const done = () => {
        clearTimeout(sleeper.timer);
        sleepers.delete(sleeper);
        resolve();
      };
      sleepers.add(sleeper);
    });

  function send(response: ServerResponse, result: ApiResponse): void {
    if (closing) {
      response.destroy();
      return;
    }
    response.writeHead(result.status, { ...result.headers, 'Content-Length': String(result.body.length) });
    response.end(result.body);
  }

  /** Cut the response off halfway: the headers (or half of them) and half the body, then close. */
  function sendTruncated(request: IncomingMessage, result: ApiResponse): void {
    const raw = rawResponseBytes(result);
    const headerLength = raw.length - result.body.length;
    const cut =
      result.body.length > 0 ? headerLength + Math.floor(result.body.length / 2) : Math.floor(headerLength / 2);
    const socket = request.socket;
    socket.write(raw.subarray(0, cut), () => socket.destroy());
  }

  async function resetDuringRequest(request: IncomingMessage): Promise<void> {
    // Let (part of) the body arrive first, so the client sees the reset while it is sending.
    await new Promise<void>((resolve) => {
      request.once('data', () => resolve());
      request.once('end', () => resolve());
      request.once('error', () => resolve());
    });
    resetSocket(request.socket);
  }

  function authenticate(request: IncomingMessage): { clientId: string } | ApiResponse {
    const check = state.tokens.check(request.headers.authorization);
    if (check.ok) return { clientId: check.clientId };
    const challenge =
      check.reason === 'missing' ? 'Bearer' : `Bearer error="invalid_token", error_description="token ${check.reason}"`;
    const detail = check.reason === 'missing' ? 'a bearer token is required' : `the access token is ${check.reason}`;
    return problemOf('unauthorized', detail, { 'WWW-Authenticate': challenge });
  }

  function faultResponse(rule: FaultRule, request: IncomingMessage): ApiResponse | undefined {
    switch (rule.kind) {
      case 'status':
        return problemResponse(problemForStatus(rule.status ?? 503, 'injected fault'));
      case 'throttle':
        return problemResponse(problem('too-many-requests', 'injected fault: retry later'), {
          'Retry-After': String(rule.retryAfterSeconds ?? 1),
        });
      case 'unauthorized':
        state.tokens.revoke(request.headers.authorization);
        return problemOf('unauthorized', 'the access token is expired', {
          'WWW-Authenticate': 'Bearer error="invalid_token", error_description="token expired"',
        });
      default:
        return undefined;
    }
  }

  /** Runs a handler; an HttpFailure it throws is its answer. */
  async function answered(run: () => Promise<ApiResponse>): Promise<ApiResponse> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof HttpFailure) return error.response;
      throw error;
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const match = matchRoute(method, pathname);
    const routeName: RouteName =
      match.kind === 'route' || match.kind === 'method-not-allowed'
        ? match.name
        : match.kind === 'admin'
          ? 'admin'
          : 'unknown';
    state.counter.count(routeName);
    let outcome = '';
    const finish = (result: ApiResponse) => {
      send(response, result);
      outcome = String(result.status);
    };
    try {
      const host = request.headers.host?.toLowerCase();
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
        request.resume();
        return finish(problemOf('forbidden', 'unexpected Host header'));
      }
      if (match.kind === 'not-found') {
        request.resume();
        return finish(problemOf('not-found', `no route ${method} ${pathname}`));
      }
      if (match.kind === 'method-not-allowed') {
        request.resume();
        return finish(problemOf('method-not-allowed', `allowed: ${match.allow}`, { Allow: match.allow }));
      }
      const context: HandlerContext = { request, params: {}, clientId: '', state };
      if (match.kind === 'admin') {
        if (!routes.admin || !isLoopback(request.socket.remoteAddress)) {
          request.resume();
          return finish(problemOf('not-found', 'admin endpoints are not served here'));
        }
        if (method !== 'POST') {
          request.resume();
          return finish(problemOf('method-not-allowed', 'admin calls are POST', { Allow: 'POST' }));
        }
        if (!adminTokenValid(request, options.accessToken)) {
          request.resume();
          return finish(problemOf('unauthorized', 'the admin token (printed at start) is required'));
        }
        const admin = routes.admin;
        return finish(await answered(() => admin(context, match.path)));
      }
      if (match.name === 'demo' && !demoTokenValid(request, options.accessToken)) {
        request.resume();
        return finish(problemOf('unauthorized', 'open the link with the token the receiver printed at start'));
      }

      context.params = match.params;
      let after: FaultRule | undefined;
      if (API_ROUTES.has(match.name)) {
        const fault = state.faults.takeTransport(match.name as ApiRouteName);
        if (fault.delayMs > 0) await sleep(fault.delayMs);
        if (fault.terminal) {
          outcome = `fault:${fault.terminal.kind}`;
          if (fault.terminal.kind === 'reset' && (fault.terminal.phase ?? 'request') === 'request') {
            await resetDuringRequest(request);
            return;
          }
          const immediate = faultResponse(fault.terminal, request);
          if (immediate) {
            request.resume();
            send(response, immediate);
            outcome += `:${immediate.status}`;
            return;
          }
          after = fault.terminal;
        }
      }
      if (match.auth) {
        const auth = authenticate(request);
        if ('status' in auth) {
          request.resume();
          return finish(auth);
        }
        context.clientId = auth.clientId;
      }
      const handler = routes.handlers[match.name];
      if (!handler) {
        request.resume();
        return finish(problemOf('not-found', `${match.name} is not served`));
      }
      const result = await answered(() => handler(context));
      if (after?.kind === 'reset') {
        resetSocket(request.socket);
        outcome += `:after-${result.status}`;
      } else if (after?.kind === 'truncate') {
        sendTruncated(request, result);
        outcome += `:after-${result.status}`;
      } else {
        finish(result);
      }
    } catch (error) {
      state.log('request.failed', { route: routeName, errorClass: (error as Error)?.constructor?.name ?? 'unknown' });
      if (!response.headersSent && !response.destroyed) finish(problemOf('internal-server-error'));
      else response.destroy();
    } finally {
      state.log('request', { route: routeName, method, outcome: outcome || 'none' });
    }
  }

  const server = createServer((request, response) => {
    const job = handle(request, response).finally(() => inFlight.delete(job));
    inFlight.add(job);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  server.requestTimeout = 120_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    async close() {
      closing = true;
      for (const sleeper of [...sleepers]) sleeper.resolve();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.allSettled([...inFlight]);
      await closed;
    },
  };
}
