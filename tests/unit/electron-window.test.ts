// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { freshPartitionName, kioskWindowOptions } from '../../electron/main/window-options';

describe('kiosk window options', () => {
  const options = kioskWindowOptions({
    preloadPath: '/app/dist/electron/preload.cjs',
    partition: 'kiosk-abc',
    debug: false,
  });

  it('opens fullscreen in kiosk mode without a menu bar', () => {
    expect(options.kiosk).toBe(true);
    expect(options.fullscreen).toBe(true);
    expect(options.autoHideMenuBar).toBe(true);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('isolates the renderer completely', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
      preload: '/app/dist/electron/preload.cjs',
      partition: 'kiosk-abc',
    });
  });

  it('allows developer tools only in debug mode', () => {
    const debug = kioskWindowOptions({ preloadPath: '/p.cjs', partition: 'kiosk-x', debug: true });
    expect(debug.webPreferences?.devTools).toBe(true);
  });

  it('uses an in-memory partition that differs per run', () => {
    const first = freshPartitionName('11111111-1111-4111-8111-111111111111');
    const second = freshPartitionName('22222222-2222-4222-8222-222222222222');
    expect(first).not.toBe(second);
    expect(first.startsWith('persist:')).toBe(false);
    expect(() => kioskWindowOptions({ preloadPath: '/p.cjs', partition: 'persist:kiosk', debug: false })).toThrow();
  });
});
