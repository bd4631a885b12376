// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { isAppUrl } from '../../electron/main/app-url';
import {
  createCrashTracker,
  onBeforeInput,
  onWillAttachWebview,
  onWillDownload,
  onWillNavigate,
  onWillRedirect,
  permissionCheckHandler,
  permissionRequestHandler,
  windowOpenHandler,
} from '../../electron/main/lockdown';

const fakeEvent = (url?: string) => ({ url, preventDefault: vi.fn() });

describe('navigation lockdown', () => {
  it('recognises only app://kiosk/ as the app', () => {
    expect(isAppUrl('app://kiosk/')).toBe(true);
    expect(isAppUrl('app://kiosk/index.html#/step')).toBe(true);
    expect(isAppUrl('app://kiosk.evil/')).toBe(false);
    expect(isAppUrl('app://evil/')).toBe(false);
    expect(isAppUrl('https://kiosk/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });

  it('lets the app navigate within itself', () => {
    const event = fakeEvent('app://kiosk/index.html');
    onWillNavigate(event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it.each([
    'https://example.org/',
    'http://127.0.0.1:8080/',
    'file:///home/kiosk/dropped.pdf',
    'javascript:alert(1)',
    'data:text/html,<h1>x</h1>',
    'mailto:someone@example.org',
    'app://other/',
  ])('refuses navigation to %s', (url) => {
    const event = fakeEvent(url);
    onWillNavigate(event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('falls back to the url argument when the event has none (older signature)', () => {
    const event = { preventDefault: vi.fn() };
    onWillNavigate(event, 'https://example.org/');
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('refuses redirects, webviews and downloads', () => {
    for (const handler of [onWillRedirect, onWillAttachWebview, onWillDownload]) {
      const event = fakeEvent();
      handler(event);
      expect(event.preventDefault).toHaveBeenCalledOnce();
    }
  });

  it('denies every new window', () => {
    expect(windowOpenHandler()).toEqual({ action: 'deny' });
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal'])(
    'denies the permission request %s',
    (permission) => {
      const callback = vi.fn();
      permissionRequestHandler({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    },
  );

  it('answers permission checks with false', () => {
    expect(permissionCheckHandler()).toBe(false);
  });

  // Issue 16: the code page reads a booking code's QR code, so the camera (and only it) is granted to our page.
  it('grants the camera alone to the kiosk page, never the microphone or another origin', () => {
    const ask = (details: Parameters<typeof permissionRequestHandler>[3]) => {
      const callback = vi.fn();
      permissionRequestHandler({}, 'media', callback, details);
      return callback.mock.calls[0]?.[0] as boolean;
    };
    expect(ask({ mediaTypes: ['video'], requestingUrl: 'app://kiosk/' })).toBe(true);
    expect(ask({ mediaTypes: ['video', 'audio'], requestingUrl: 'app://kiosk/' })).toBe(false);
    expect(ask({ mediaTypes: ['audio'], requestingUrl: 'app://kiosk/' })).toBe(false);
    expect(ask({ mediaTypes: [], requestingUrl: 'app://kiosk/' })).toBe(false);
    expect(ask({ mediaTypes: ['video'], requestingUrl: 'https://example.org/' })).toBe(false);
    expect(permissionCheckHandler({}, 'media', 'app://kiosk', { mediaType: 'video' })).toBe(true);
    expect(permissionCheckHandler({}, 'media', 'app://kiosk', { mediaType: 'audio' })).toBe(false);
    expect(permissionCheckHandler({}, 'geolocation', 'app://kiosk', {})).toBe(false);
  });
});

describe('keyboard escape routes', () => {
  const key = (
    k: string,
    mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {},
    code = '',
  ) => ({
    type: 'keyDown',
    key: k,
    code,
    control: false,
    meta: false,
    alt: false,
    shift: false,
    ...mods,
  });
  const blocked = (input: ReturnType<typeof key>) => {
    const event = { preventDefault: vi.fn() };
    onBeforeInput(event, input);
    return event.preventDefault.mock.calls.length === 1;
  };

  it.each([
    ['Ctrl+R', key('r', { control: true })],
    ['Cmd+R', key('r', { meta: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['F5', key('F5')],
    ['F11', key('F11')],
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true })],
    ['Ctrl+P', key('p', { control: true })],
    ['Ctrl++', key('+', { control: true, shift: true }, 'Equal')],
    ['Ctrl+=', key('=', { control: true }, 'Equal')],
    ['Ctrl+-', key('-', { control: true }, 'Minus')],
    ['Ctrl+0', key('0', { control: true }, 'Digit0')],
    ['Ctrl+numpad +', key('Add', { control: true }, 'NumpadAdd')],
    ['Alt+F4', key('F4', { alt: true })],
    ['Alt+Left', key('ArrowLeft', { alt: true })],
    ['Ctrl+W', key('w', { control: true })],
    ['Ctrl+Q', key('q', { control: true })],
    ['Ctrl+N', key('n', { control: true })],
    ['Ctrl+U', key('u', { control: true })],
    ['BrowserBack', key('BrowserBack')],
  ])('blocks %s', (_name, input) => {
    expect(blocked(input)).toBe(true);
  });

  it.each([
    ['a', key('a')],
    ['Shift+A', key('A', { shift: true })],
    ['ä', key('ä')],
    ['Enter', key('Enter')],
    ['Tab', key('Tab')],
    ['Escape', key('Escape')],
    ['Backspace', key('Backspace')],
    ['Ctrl+C', key('c', { control: true })],
    ['Ctrl+V', key('v', { control: true })],
    ['Ctrl+A', key('a', { control: true })],
    ['Ctrl+Z', key('z', { control: true })],
    ['0', key('0', {}, 'Digit0')],
    ['AltGr+q (@ on German keyboards)', key('@', { control: true, alt: true })],
  ])('leaves %s alone', (_name, input) => {
    expect(blocked(input)).toBe(false);
  });
});

describe('crash recovery back-off', () => {
  it('reloads at once for the first crashes, then waits longer, capped at 30 s', () => {
    const tracker = createCrashTracker();
    const delays = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((second) => tracker.nextReloadDelay(1_000_000 + second * 1000));
    expect(delays.slice(0, 3)).toEqual([0, 0, 0]);
    expect(delays[3]).toBeGreaterThan(0);
    expect(delays.at(-1)).toBe(30_000);
    // A minute later the history is forgotten.
    expect(tracker.nextReloadDelay(1_000_000 + 10 * 60_000)).toBe(0);
  });
});
