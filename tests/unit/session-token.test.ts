// @vitest-environment node
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SESSION_TOKEN_HEADER, type Result } from '../../contract';
import { openKioskCore } from '../../core/kiosk-core';
import { createMemoryLogger } from '../../core/logging';
import { createServerApi, startHttpServer, type RunningHttpServer } from '../../core/transport';
import type { KioskCore } from '../../core/types';
import { createRendererFixture } from './transport-helpers';

/**
 * Issue 17, the kiosk's local API: from outside, as another process on the terminal would come (plain HTTP
 * and WebSocket on 127.0.0.1 against the real transport and the real core on a real SQLite file).
 */

const execFileAsync = promisify(execFile);
const RESOURCES = path.resolve(__dirname, '..', '..', 'resources');
const SECRET_ANSWER = 'erweitert';

interface Started {
  sessionId: string;
  sessionToken: string;
}

describe('session token on the browser-mode API', () => {
  let dataDir: string;
  let core: KioskCore;
  let server: RunningHttpServer;
  let fixture: ReturnType<typeof createRendererFixture>;
  const sockets: WebSocket[] = [];

  async function open(): Promise<void> {
    core = openKioskCore({ dataDir, resourcesDir: RESOURCES, mode: 'browser', logger: createMemoryLogger() });
    server = await startHttpServer({ api: createServerApi(core), port: 0, rendererDir: fixture.rendererDir });
  }
  async function close(): Promise<void> {
    for (const socket of sockets.splice(0)) socket.terminate();
    await server.close();
    core.close();
  }

  const call = async (method: string, input: unknown, token?: string): Promise<Result<unknown>> => {
    const response = await fetch(`${server.url}api/call/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { [SESSION_TOKEN_HEADER]: token } : {}) },
      body: JSON.stringify(input),
    });
    return (await response.json()) as Result<unknown>;
  };

  async function connect(): Promise<{ socket: WebSocket; frames: unknown[] }> {
    // A local process can send any Origin it likes: the Origin check is no protection against it.
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, {
      origin: `http://127.0.0.1:${server.port}`,
    });
    sockets.push(socket);
    const frames: unknown[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return { socket, frames };
  }

  /** A socket call, answered on the same socket. */
  function socketCall(socket: WebSocket, frames: unknown[], method: string, input: unknown, token?: string) {
    const id = Math.floor(Math.random() * 1e9);
    socket.send(JSON.stringify({ call: id, method, input, ...(token ? { token } : {}) }));
    return expect
      .poll(() => frames.find((frame) => (frame as { reply?: number }).reply === id), { timeout: 5000 })
      .toBeDefined()
      .then(
        () =>
          (frames.find((frame) => (frame as { reply?: number }).reply === id) as { result: Result<unknown> }).result,
      );
  }

  /** The resident's page: starts a session on its socket (so the socket holds it) and answers the first step. */
  async function residentPage(): Promise<{ socket: WebSocket; frames: unknown[]; started: Started }> {
    const page = await connect();
    const result = await socketCall(page.socket, page.frames, 'session.start', {
      serviceId: 'meldebescheinigung',
      language: 'de',
    });
    if (!result.ok) throw new Error('session.start failed');
    const started = result.value as Started;
    const answered = await call(
      'session.answer',
      { sessionId: started.sessionId, stepId: 'kind', values: { certificateKind: SECRET_ANSWER } },
      started.sessionToken,
    );
    expect(answered.ok).toBe(true);
    return { ...page, started };
  }

  beforeAll(() => {
    fixture = createRendererFixture();
  });
  afterAll(() => fixture.cleanup());
  afterEach(async () => {
    await close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const fresh = async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-session-token-'));
    await open();
  };

  it('gives the page a token with session.start; without it nobody reads or changes the session', async () => {
    await fresh();
    const { started } = await residentPage();
    expect(started.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { sessionId, sessionToken } = started;

    // Another process, without the token (or with a guessed one), by POST:
    const wrong = 'x'.repeat(43);
    for (const token of [undefined, wrong]) {
      const resumed = await call('session.resume', {}, token);
      expect(resumed).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(JSON.stringify(resumed)).not.toContain(SECRET_ANSWER);
      for (const [method, input] of [
        ['session.back', { sessionId }],
        ['session.keepAlive', { sessionId }],
        ['session.goTo', { sessionId, target: { kind: 'check' } }],
        ['session.answer', { sessionId, stepId: 'purpose', values: { purpose: 'x' } }],
        ['session.setLanguage', { sessionId, language: 'en' }],
        ['session.receipt', { sessionId, layout: 'a4' }],
        ['session.submit', { sessionId }],
        ['handover.start', { sessionId }],
        ['visit.prepare', { sessionId }],
        ['session.end', { sessionId, reason: 'resident' }],
      ] as const) {
        expect(await call(method, input, token), method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      // Starting another session would wipe the resident's: refused while their page holds it.
      expect(await call('session.start', { serviceId: 'sperrmuell', language: 'de' }, token)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      // Consent to let staff see the answers is the resident's alone.
      expect(await call('help.consent', { granted: true }, token)).toMatchObject({ ok: false });
    }

    // … and on the WebSocket, with and without a wrong token:
    const intruder = await connect();
    expect(await socketCall(intruder.socket, intruder.frames, 'session.keepAlive', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await socketCall(intruder.socket, intruder.frames, 'session.resume', {}, wrong)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    // The page with its token: the session and its answers, unchanged by all of the above.
    const resumed = await call('session.resume', {}, sessionToken);
    expect(resumed).toMatchObject({ ok: true, value: { sessionId, sessionToken } });
    expect(JSON.stringify(resumed)).toContain(SECRET_ANSWER);
    expect(await call('session.back', { sessionId }, sessionToken)).toMatchObject({ ok: true });
  });

  it("sends a session's events, a takeover's views among them, only to the socket bound to its token", async () => {
    await fresh();
    const page = await residentPage();
    const intruder = await connect();
    // Binding a token that is not the session's binds nothing.
    intruder.socket.send(JSON.stringify({ bind: 'y'.repeat(43) }));
    const { sessionId, sessionToken } = page.started;
    expect(await call('session.end', { sessionId, reason: 'resident' }, sessionToken)).toEqual({
      ok: true,
      value: { ended: true },
    });
    await expect
      .poll(() => page.frames.some((frame) => (frame as { type?: string }).type === 'session.ended'))
      .toBe(true);
    // The intruder's socket is open and served (its call is answered), yet it got no event of the session.
    await socketCall(intruder.socket, intruder.frames, 'kiosk.info', {});
    expect(intruder.frames.filter((frame) => 'type' in (frame as object))).toEqual([]);
  });

  it('hands a session to a page without the token only when the page that held it is gone (Chromium restarted)', async () => {
    await fresh();
    const page = await residentPage();
    // While the resident's page holds it: refused.
    expect(await call('session.resume', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    page.socket.close();
    await expect.poll(async () => (await call('session.resume', {})).ok, { timeout: 5000 }).toBe(true);
    const taken = (await call('session.resume', {})) as { ok: true; value: Started };
    expect(taken.value.sessionToken).toBe(page.started.sessionToken);
    expect(JSON.stringify(taken)).toContain(SECRET_ANSWER);

    // The new page binds its socket: from then on it holds the session, and nobody else gets it.
    const newPage = await connect();
    newPage.socket.send(JSON.stringify({ bind: taken.value.sessionToken }));
    await expect.poll(async () => (await call('session.resume', {})).ok).toBe(false);
  });

  // Needs root to call as another user (setpriv), and Linux for the kernel's TCP tables; both hold on CI.
  const asOtherUser = process.getuid?.() === 0 && process.platform === 'linux';
  it.runIf(asOtherUser)(
    "hands an orphaned session only to a process of the page's own user, not to another local user",
    async () => {
      await fresh();
      const page = await residentPage();
      page.socket.close();
      // Once the kiosk has seen the page go, its own user gets the session back (over HTTP, which binds nothing).
      await expect.poll(async () => (await call('session.resume', {})).ok, { timeout: 5000 }).toBe(true);
      // The same call from a process running as "nobody", in the moment Chromium is gone.
      const script = `fetch(${JSON.stringify(`${server.url}api/call/session.resume`)}, { method: 'POST',
        headers: { 'Content-Type': 'application/json' }, body: '{}' }).then((r) => r.text()).then((t) => process.stdout.write(t))`;
      // Asynchronously: the server answering it runs in this process.
      const other = await execFileAsync(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script],
        { encoding: 'utf8', timeout: 20_000 },
      );
      expect(JSON.parse(other.stdout)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(other.stdout).not.toContain(SECRET_ANSWER);
      // The page's own user (this process) still gets it back.
      const taken = await call('session.resume', {});
      expect(taken).toMatchObject({ ok: true, value: { sessionToken: page.started.sessionToken } });
    },
  );

  it('never hands out a session that no page held (started by a plain HTTP client), but lets a page replace it', async () => {
    await fresh();
    const started = await call('session.start', { serviceId: 'meldebescheinigung', language: 'de' });
    expect(started.ok).toBe(true);
    expect(await call('session.resume', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The kiosk's page is not locked out by it: nobody holds it, so a new session may replace it.
    const page = await residentPage();
    expect(page.started.sessionId).not.toBe((started as { value: Started }).value.sessionId);
  });

  it('keeps the token valid across a restart of the core; the surviving session goes to the first own page', async () => {
    await fresh();
    const { started } = await residentPage();
    await close();
    await open();
    // The page that kept its token (sessionStorage, or the page stayed open) resumes with it.
    const resumed = await call('session.resume', {}, started.sessionToken);
    expect(resumed).toMatchObject({ ok: true, value: { sessionId: started.sessionId } });
    expect(await call('session.keepAlive', { sessionId: started.sessionId }, started.sessionToken)).toMatchObject({
      ok: true,
    });
    // A page that lost it (kiosk and browser both restarted): no page has held it since, so it is handed out.
    expect(await call('session.resume', {})).toMatchObject({ ok: true, value: { sessionToken: started.sessionToken } });
  });

  it("refuses the staff's outbox actions to the page, on both transports", async () => {
    await fresh();
    expect(await call('outbox.status', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('outbox.resend', { reference: 'ABCD-EFGH-J' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const socket = await connect();
    expect(await socketCall(socket.socket, socket.frames, 'outbox.status', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // The core's own callers (the hub client's staff commands, the tests' parent) still reach it.
    expect(await core.dispatch('outbox.status', {})).toMatchObject({ ok: true, value: { entries: [] } });
  });
});
