// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELECTRON_CSP, serveAppRequest } from '../../electron/main/app-protocol';
import { createRendererFixture } from './transport-helpers';

describe('app://kiosk/ protocol', () => {
  let fixture: ReturnType<typeof createRendererFixture>;
  beforeAll(() => {
    fixture = createRendererFixture();
  });
  afterAll(() => fixture.cleanup());

  it('serves index.html for the start URL with a CSP that allows no network at all', async () => {
    const answer = await serveAppRequest(fixture.rendererDir, 'app://kiosk/');
    expect(answer.status).toBe(200);
    expect(answer.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(answer.body?.toString('utf8')).toContain('Bürgerkiosk test');
    expect(answer.headers['Content-Security-Policy']).toBe(ELECTRON_CSP);
    expect(ELECTRON_CSP).toContain("connect-src 'self';");
    expect(ELECTRON_CSP).not.toContain('ws:');
    expect(ELECTRON_CSP).toContain("default-src 'none'");
    // Electron prints receipts in the main process: no frames at all.
    expect(ELECTRON_CSP).not.toContain('frame-src');
    expect(ELECTRON_CSP).not.toContain('media-src');
    expect(answer.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('serves assets with their content types', async () => {
    const answer = await serveAppRequest(fixture.rendererDir, 'app://kiosk/assets/app.js');
    expect(answer.status).toBe(200);
    expect(answer.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(answer.body?.toString('utf8')).toBe('console.log("app");');
  });

  it.each([
    'app://kiosk/../secret.txt',
    'app://kiosk/%2e%2e/secret.txt',
    'app://kiosk/assets/..%2f..%2fsecret.txt',
    'app://kiosk/assets/..%5c..%5csecret.txt',
    'app://kiosk/.env',
    'app://kiosk/assets/',
    'app://other/index.html',
    'https://kiosk/index.html',
    'not a url',
  ])('refuses %s', async (url) => {
    const answer = await serveAppRequest(fixture.rendererDir, url);
    expect(answer.status).toBe(404);
    expect(answer.body?.toString('utf8') ?? '').not.toContain('TOP-SECRET-CANARY');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const answer = await serveAppRequest(fixture.rendererDir, 'app://kiosk/index.html', 'POST');
    expect(answer.status).toBe(405);
  });
});
