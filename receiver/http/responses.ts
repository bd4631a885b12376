import { STATUS_CODES } from 'node:http';
import { problem, type HttpProblemSlug, type ProblemDocument } from '../protocol/problems';

/**
 * Handlers return a complete response instead of writing to the socket, so fault injection can
 * deliver it whole, cut it short, or drop the connection after the work is done.
 */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...NO_STORE, ...headers },
    body: Buffer.from(JSON.stringify(value)),
  };
}

export function problemResponse(document: ProblemDocument, headers: Record<string, string> = {}): ApiResponse {
  return {
    status: document.status,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8', ...NO_STORE, ...headers },
    body: Buffer.from(JSON.stringify(document)),
  };
}

export function problemOf(slug: HttpProblemSlug, detail?: string, headers: Record<string, string> = {}) {
  return problemResponse(problem(slug, detail), headers);
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { ...NO_STORE, ...headers }, body: Buffer.alloc(0) };
}

export function htmlResponse(status: number, html: string, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...NO_STORE, ...headers },
    body: Buffer.from(html),
  };
}

/** The response as raw HTTP/1.1 bytes, for faults that must send only part of it. */
export function rawResponseBytes(response: ApiResponse): Buffer {
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`];
  for (const [name, value] of Object.entries(response.headers)) lines.push(`${name}: ${value}`);
  lines.push(`Content-Length: ${response.body.length}`, 'Connection: close', '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), response.body]);
}
