import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Resolves a request path to a file inside the renderer directory, for both
 * the HTTP server and Electron's app:// protocol. Refuses traversal, dot
 * files, symlinks leading out of the directory, and directory listings.
 */

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup = { kind: 'file'; filePath: string; contentType: string } | { kind: 'not_found' };

/** `urlPath` is the raw (still percent-encoded) path of the request URL, without query. */
export async function resolveStaticFile(rootDir: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'not_found' };
  }
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  // Reject anything that could climb out or name a hidden file, before touching the disk.
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'not_found' };
  const segments = decoded.split('/').filter((segment) => segment.length > 0);
  if (segments.some((segment) => segment === '..' || segment === '.' || segment.startsWith('.'))) {
    return { kind: 'not_found' };
  }
  const root = path.resolve(rootDir);
  const candidate = path.resolve(root, ...segments);
  if (!isInside(root, candidate)) return { kind: 'not_found' };
  try {
    const info = await stat(candidate);
    if (!info.isFile()) return { kind: 'not_found' };
    // A symlink inside the renderer must not lead outside of it.
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!isInside(realRoot, realFile)) return { kind: 'not_found' };
    return { kind: 'file', filePath: realFile, contentType: contentTypeFor(realFile) };
  } catch {
    return { kind: 'not_found' };
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
