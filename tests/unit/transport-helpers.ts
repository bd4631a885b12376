import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fail, isApiMethod, ok, type KioskEvent, type Result } from '../../contract';
import type { PageCaller } from '../../contract/session-token';
import type { CatalogProblem, KioskCore } from '../../core/types';

/**
 * A small stand-in KioskCore for transport tests: the transport's job is to
 * carry method, input and events faithfully, which this core makes visible.
 */
export interface FakeCore extends KioskCore {
  calls: Array<{ method: unknown; input: unknown; caller?: PageCaller | undefined }>;
  emit(event: KioskEvent): void;
  listenerCount(): number;
  closed: boolean;
}

export function createFakeCore(): FakeCore {
  const listeners = new Set<(event: KioskEvent) => void>();
  const core: FakeCore = {
    calls: [],
    closed: false,
    catalogProblems: [] as CatalogProblem[],
    async dispatch(method: unknown, input: unknown, caller?: PageCaller): Promise<Result<unknown>> {
      core.calls.push({ method, input, caller });
      if (!isApiMethod(method)) return fail('unknown_method');
      return ok({ echoedMethod: method, echoedInput: input });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    listenerCount: () => listeners.size,
    currentSessionToken: () => undefined,
    sessionTokenMatches: () => false,
    syncNow: () => Promise.resolve(),
    prepareAttachments: () => Promise.resolve(),
    close() {
      core.closed = true;
    },
  };
  return core;
}

/** A renderer directory with a page, an asset, and a secret right next to it that must stay unreachable. */
export function createRendererFixture(): { root: string; rendererDir: string; cleanup(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'kiosk-transport-'));
  const rendererDir = path.join(root, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Bürgerkiosk test</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(path.join(rendererDir, 'assets', 'style.css'), 'body{margin:0}');
  writeFileSync(path.join(rendererDir, '.env'), 'HIDDEN=1');
  writeFileSync(path.join(root, 'secret.txt'), 'TOP-SECRET-CANARY');
  return { root, rendererDir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch, so tests can send a raw path and any Host or Origin header. */
export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export function postJson(port: number, method: string, body: string, headers: Record<string, string> = {}) {
  return rawRequest(port, {
    method: 'POST',
    path: `/api/call/${method}`,
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
}
