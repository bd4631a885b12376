import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy, securityHeaders } from '../../core/transport/security-headers';
import { resolveStaticFile } from '../../core/transport/static-files';
import { APP_HOST, APP_SCHEME } from './app-url';

/**
 * What app://kiosk/<path> answers. Kept free of Electron so it can be tested;
 * index.ts turns it into a Response. In Electron the renderer talks over IPC,
 * so connect-src is 'self' only (no WebSocket).
 */
export const ELECTRON_CSP = contentSecurityPolicy();

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

export async function serveAppRequest(rendererDir: string, requestUrl: string, method = 'GET'): Promise<AppResponse> {
  const headers = securityHeaders(ELECTRON_CSP);
  const notFound = (): AppResponse => ({
    status: 404,
    headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    body: Buffer.from('Not Found'),
  });
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return notFound();
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
  if (method !== 'GET' && method !== 'HEAD') {
    return { status: 405, headers: { ...headers, Allow: 'GET, HEAD' }, body: null };
  }
  // url.pathname is already normalised by the URL parser; resolveStaticFile checks again after decoding.
  const found = await resolveStaticFile(rendererDir, url.pathname);
  if (found.kind !== 'file') return notFound();
  const body = method === 'HEAD' ? null : await readFile(found.filePath);
  return { status: 200, headers: { ...headers, 'Content-Type': found.contentType, 'Cache-Control': 'no-cache' }, body };
}
