import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { DASHBOARD_PATH } from '../../../contract/open-data';
import { cspHeader, HUB_CSP_DIRECTIVES } from '../../../hub/http/content-security-policy';
import { ROOT } from './paths';

/**
 * A tiny HTTP server on 127.0.0.1 that serves the built console and dashboard (dist/console) at the paths the hub
 * uses (/ and /dashboard/) and a body of the test's choosing at DASHBOARD_PATH (figures with every kind of cell, an
 * error, an answer outside the contract), under the hub's CSP (the directives the hub uses,
 * hub/http/content-security-policy.ts). dashboard.spec.ts's last test runs the page on the real hub with reported figures.
 */

export const HUB_CSP = cspHeader(HUB_CSP_DIRECTIVES);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

export class DashboardFixtureServer {
  private server: Server | undefined;
  /** What DASHBOARD_PATH answers: a JSON body, or an HTTP status with no figures. */
  figures: { body: unknown } | { status: number } = { status: 404 };
  /** How often DASHBOARD_PATH was asked for. */
  requests = 0;
  origin = '';

  constructor(private readonly dir = join(ROOT, 'dist', 'console')) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.answer(request.url ?? '/', response);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async answer(url: string, response: import('node:http').ServerResponse): Promise<void> {
    const path = new URL(url, 'http://localhost').pathname;
    response.setHeader('content-security-policy', HUB_CSP);
    response.setHeader('x-content-type-options', 'nosniff');
    if (path === DASHBOARD_PATH) {
      this.requests++;
      if ('status' in this.figures) {
        response.writeHead(this.figures.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: 'not_found' }));
      } else {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify(this.figures.body));
      }
      return;
    }
    const relative = normalize(decodeURIComponent(path.endsWith('/') ? `${path}index.html` : path)).replace(
      /^[/\\]+/,
      '',
    );
    const file = join(this.dir, relative);
    if (!file.startsWith(this.dir + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not_found' }));
    }
  }
}
