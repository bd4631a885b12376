// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createCallHandler, isTrustedSender } from '../../electron/main/ipc';
import { createFakeCore } from './transport-helpers';

const topFrame = (url: string) => ({ url, parent: null });

describe('IPC sender validation', () => {
  it('trusts the top frame of app://kiosk/', () => {
    expect(isTrustedSender(topFrame('app://kiosk/'))).toBe(true);
    expect(isTrustedSender(topFrame('app://kiosk/index.html'))).toBe(true);
  });

  it.each([
    ['a foreign page', topFrame('https://example.org/')],
    ['a look-alike host', topFrame('app://kiosk.example/')],
    ['a file URL', topFrame('file:///tmp/x.html')],
    ['a subframe of the app', { url: 'app://kiosk/frame.html', parent: { url: 'app://kiosk/' } }],
  ])('refuses %s', (_name, frame) => {
    expect(isTrustedSender(frame)).toBe(false);
  });

  it('refuses a message without a sender frame (frame already gone)', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('kiosk:call handler', () => {
  it('passes method and input of a trusted sender to core.dispatch', async () => {
    const core = createFakeCore();
    const handle = createCallHandler(core);
    const result = await handle({ senderFrame: topFrame('app://kiosk/') }, 'kiosk.info', {});
    expect(result).toEqual({ ok: true, value: { echoedMethod: 'kiosk.info', echoedInput: {} } });
    // Only our own window reaches this channel: the terminal's own page (session.resume gives it the token back).
    expect(core.calls).toEqual([{ method: 'kiosk.info', input: {}, caller: { ownPage: true } }]);
  });

  it("passes the page's session token beside the input, and drops one that is not a token", async () => {
    const core = createFakeCore();
    const handle = createCallHandler(core);
    const token = 'A'.repeat(43);
    await handle({ senderFrame: topFrame('app://kiosk/') }, 'session.keepAlive', { sessionId: 's' }, token);
    await handle({ senderFrame: topFrame('app://kiosk/') }, 'session.keepAlive', { sessionId: 's' }, { evil: 1 });
    expect(core.calls.map((call) => call.caller)).toEqual([{ sessionToken: token, ownPage: true }, { ownPage: true }]);
  });

  it('answers forbidden to an untrusted sender without calling the core', async () => {
    const core = createFakeCore();
    const handle = createCallHandler(core);
    const result = await handle({ senderFrame: topFrame('https://evil.example/') }, 'kiosk.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.calls).toEqual([]);
  });

  it('turns a throwing core into an internal error instead of a stack trace', async () => {
    const core = createFakeCore();
    core.dispatch = async () => {
      throw new Error('boom with /secret/path');
    };
    const result = await createCallHandler(core)({ senderFrame: topFrame('app://kiosk/') }, 'kiosk.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal' } });
  });
});
