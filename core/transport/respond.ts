import type { ServerResponse } from 'node:http';

/**
 * The browser-mode server's paths and JSON answers, free of the contract's schemas: the server
 * answers from these before the core and the contract are loaded (see http-server.ts).
 */

const CALL_PREFIX = '/api/call/';
export const EVENTS_PATH = '/api/events';

export function isCallPath(pathname: string): boolean {
  return pathname.startsWith(CALL_PREFIX);
}

/** The method named by a call path, or undefined when the path is not valid percent-encoding. */
export function callMethod(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname.slice(CALL_PREFIX.length));
  } catch {
    return undefined;
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  response.end(text);
}
