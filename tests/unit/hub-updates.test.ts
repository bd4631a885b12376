// @vitest-environment node
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../core/logging';
import { createHub, type Hub } from '../../hub/create-hub';
import { tempDir } from '../fixtures/hub-harness';

/**
 * The hub serves the kiosks' updates (electron-updater's generic provider) from a folder:
 * a real hub on 127.0.0.1 with a published release in its updates folder.
 */

const INSTALLER = Buffer.alloc(256 * 1024, 7);
const sha512 = createHash('sha512').update(INSTALLER).digest('base64');
const LATEST = `version: 0.2.0
files:
  - url: Buergerkiosk-0.2.0.AppImage
    sha512: ${sha512}
    size: ${INSTALLER.length}
path: Buergerkiosk-0.2.0.AppImage
sha512: ${sha512}
releaseDate: '2026-12-01T10:00:00.000Z'
stagingPercentage: 20
`;

let hub: Hub;
let bare: Hub;
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDir('hub-updates-data-');
  const updatesDir = tempDir('hub-updates-');
  writeFileSync(join(updatesDir, 'latest-linux.yml'), LATEST);
  writeFileSync(join(updatesDir, 'Buergerkiosk-0.2.0.AppImage'), INSTALLER);
  writeFileSync(join(updatesDir, '.publish-token'), 'not for kiosks');
  mkdirSync(join(updatesDir, 'old'));
  const consoleDir = tempDir('hub-updates-console-');
  writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Konsole</title>');
  hub = await createHub({ dataDir, updatesDir, consoleDir, logger: createMemoryLogger() });
  bare = await createHub({ dataDir: tempDir('hub-updates-bare-'), consoleDir, logger: createMemoryLogger() });
});
afterAll(async () => {
  await hub?.close();
  await bare?.close();
});

/** A GET with the path sent exactly as written (fetch would normalise "..") . */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, method: 'GET' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('hub: update files at /updates/', () => {
  it('serves latest-linux.yml as published, never cached (a rollout is widened by editing it)', async () => {
    const response = await fetch(`${hub.url}/updates/latest-linux.yml`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(LATEST);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves the installer whole and in ranges, matching the SHA-512 in latest-linux.yml', async () => {
    const whole = await fetch(`${hub.url}/updates/Buergerkiosk-0.2.0.AppImage`);
    expect(whole.status).toBe(200);
    const body = Buffer.from(await whole.arrayBuffer());
    expect(createHash('sha512').update(body).digest('base64')).toBe(sha512);
    const part = await fetch(`${hub.url}/updates/Buergerkiosk-0.2.0.AppImage`, {
      headers: { range: 'bytes=1000-1999' },
    });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(INSTALLER.subarray(1000, 2000));
  });

  it('lists nothing, serves no dot files and nothing outside the folder', async () => {
    for (const folder of ['/updates/', '/updates/old/']) {
      const answer = await fetch(`${hub.url}${folder}`);
      expect([403, 404], folder).toContain(answer.status);
      expect(await answer.text(), folder).not.toContain('latest-linux.yml');
    }
    expect((await fetch(`${hub.url}/updates/.publish-token`)).status).toBe(404);
    expect((await fetch(`${hub.url}/updates/missing.yml`)).status).toBe(404);
    for (const path of ['/updates/../hub.db', '/updates/%2e%2e/hub.db', '/updates/..%2fhub.db']) {
      const answer = await rawGet(hub.url, path);
      expect(answer.status, path).not.toBe(200);
      expect(answer.body, path).not.toContain('SQLite format');
    }
  });

  it('answers a JSON 404, not the console page, for update files of a hub without an updates folder', async () => {
    const response = await fetch(`${bare.url}/updates/latest-linux.yml`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found' });
    expect(bare.routes.some((route) => route.url.startsWith('/updates/'))).toBe(false);
    expect(hub.routes.filter((route) => route.url === '/updates/*').map((route) => route.method)).toContain('GET');
  });

  it('is read-only: no other method reaches the folder', async () => {
    const put = await fetch(`${hub.url}/updates/latest-linux.yml`, { method: 'PUT', body: 'version: 9.9.9' });
    expect(put.status).toBe(404);
    expect(await (await fetch(`${hub.url}/updates/latest-linux.yml`)).text()).toBe(LATEST);
  });
});
