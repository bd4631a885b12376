import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fail } from '../../contract';
import type { KioskCore } from '../types';
import { handleCall, isCallPath, sendJson } from './api-route';
import { createEventsSocket, EVENTS_PATH } from './events-socket';
import { hostAllowed, originAllowedIfPresent } from './request-guard';
import { browserModeCsp, securityHeaders } from './security-headers';
import { resolveStaticFile } from './static-files';

/**
 * Browser kiosk mode: the renderer and the one API over HTTP + WebSocket on
 * loopback. Plain node:http keeps the surface small and every header explicit.
 */

export interface HttpServerOptions {
  core: KioskCore;
  /** 0 picks a free port. */
  port: number;
  /** Only loopback is allowed; the option exists to make that explicit at the call site. */
  host?: '127.0.0.1';
  rendererDir: string;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { core, rendererDir } = options;
  const host = '127.0.0.1';
  let port = options.port;
  let headers: Record<string, string> = {};

  const events = createEventsSocket(core);
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    route(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, fail('internal'));
      else response.destroy();
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!hostAllowed(request, port)) {
      sendJson(response, 403, fail('forbidden', { detail: 'unexpected Host header' }));
      return;
    }
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method === 'POST' && !originAllowedIfPresent(request)) {
      sendJson(response, 403, fail('forbidden', { detail: 'foreign origin' }));
      return;
    }
    if (isCallPath(pathname)) return handleCall(core, request, response, pathname);
    if (pathname === EVENTS_PATH) {
      sendJson(response, 426, fail('invalid_input', { detail: 'WebSocket upgrade required' }), {
        Upgrade: 'websocket',
      });
      return;
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      sendJson(response, 404, fail('unknown_method'));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Method Not Allowed');
      return;
    }
    await serveStatic(request, response, pathname);
  }

  async function serveStatic(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    const found = await resolveStaticFile(rendererDir, pathname);
    if (found.kind !== 'file') {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Not Found');
      return;
    }
    response.writeHead(200, { 'Content-Type': found.contentType, 'Cache-Control': 'no-cache' });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    const stream = createReadStream(found.filePath);
    stream.on('error', () => response.destroy());
    stream.pipe(response);
  }

  server.on('upgrade', (request, socket, head) => events.handleUpgrade(request, socket, head, port));
  server.on('clientError', (_error, socket) => socket.destroy());
  // Slow-loris protection: a kiosk client sends small requests quickly.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    events.close();
    throw error;
  });

  port = (server.address() as AddressInfo).port;
  headers = securityHeaders(browserModeCsp(port));
  const url = `http://${host}:${port}/`;

  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        events.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
