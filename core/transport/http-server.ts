import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fail } from '../../contract/result-builders';
import { hostAllowed, originAllowedIfPresent } from './request-guard';
import { EVENTS_PATH, isCallPath, sendJson } from './respond';
import { browserModeCsp, securityHeaders } from './security-headers';
import type { ServerApi } from './server-api';
import { resolveStaticFile } from './static-files';

/**
 * Browser kiosk mode: the renderer and the one API over HTTP + WebSocket on
 * loopback. Plain node:http keeps the surface small and every header explicit.
 *
 * Neither the core nor the contract's schemas are imported here: `api` may still be on its way
 * (launcher/browser-mode.ts opens the core after listening), and calls and sockets that come
 * before it wait for it, while the page and its code are served at once.
 */

export interface HttpServerOptions {
  api: ServerApi | Promise<ServerApi>;
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
  const { rendererDir } = options;
  const api = Promise.resolve(options.api);
  // A core that failed to open is reported by whoever opened it; here it only refuses calls.
  api.catch(() => undefined);
  const host = '127.0.0.1';
  let port = options.port;
  let headers: Record<string, string> = {};
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
    if (isCallPath(pathname)) return (await api).call(request, response, pathname);
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

  server.on('upgrade', (request, socket, head) => {
    const dropped = () => socket.destroy();
    socket.once('error', dropped);
    api.then(
      (ready) => {
        socket.off('error', dropped);
        if (!socket.destroyed) ready.upgrade(request, socket, head, port);
      },
      () => socket.destroy(),
    );
  });
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
  });

  port = (server.address() as AddressInfo).port;
  headers = securityHeaders(browserModeCsp(port));
  const url = `http://${host}:${port}/`;

  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        void api.then(
          (ready) => ready.close(),
          () => undefined,
        );
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
