import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENROL_PATH, type HelpRequestView, type TerminalView } from '../../contract/hub';
import { CREDENTIAL_FILE, writeCredential } from '../../core/hub-client/credential-file';
import { openTestCore, removeDir, type TestCore } from '../fixtures/core-harness';
import { http } from '../fixtures/hub-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';
import {
  helpState,
  openHubCore,
  startRealHub,
  TEST_BACKOFF,
  until,
  untilOnline,
  type RealHub,
} from './hub-client-helpers';

/**
 * The kiosk's hub client (real core, real SQLite file) against the real hub (createHub in-process on
 * 127.0.0.1, temp data dir). What the kiosk reports is checked where staff see it: the console's API and socket.
 */

let kiosk: TestCore | undefined;
let hub: RealHub | undefined;
afterEach(async () => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
  await hub?.close();
  hub = undefined;
});

async function terminal(real: RealHub): Promise<TerminalView> {
  const views = (await real.staff.get('/terminals')).body as TerminalView[];
  return views.find((view) => view.terminalId === real.terminalId)!;
}

const queue = async (real: RealHub) => (await real.staff.get('/queue')).body as HelpRequestView[];

describe('hub client: enrolment and connection', () => {
  it('enrols once, keeps the credential 0600 and unlogged, and says hello with the activity', async () => {
    hub = await startRealHub();
    kiosk = openHubCore(hub);
    await untilOnline(kiosk);
    const file = join(kiosk.dataDir, CREDENTIAL_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const view = await until(async () => {
      const current = await terminal(hub!);
      return current.online && current.activity && current;
    });
    expect(view).toMatchObject({
      appVersion: '9.9.9-test',
      outboxBacklog: 0,
      activity: { screen: 'start', serviceId: null },
    });
    expect(JSON.stringify(kiosk.logger.lines)).not.toContain(hub.enrolmentCode);
    expect(kiosk.logger.lines.some((line) => line.event === 'hub.enrolled')).toBe(true);
    // The footer shows the name and location the admin gave the terminal on the hub, not the default.
    const named = { terminalName: 'Rathaus Foyer', terminalLocation: 'Erdgeschoss' };
    expect(await kiosk.value('kiosk.info', {})).toMatchObject(named);
    expect(kiosk.events).toContainEqual({ type: 'terminal.changed', ...named });

    // The code was one-time: the hub refuses it now, and a restarted kiosk uses its stored credential.
    const again = await http(`${hub.url}${ENROL_PATH}`, {
      method: 'POST',
      body: { enrolmentCode: hub.enrolmentCode, appVersion: 'x' },
    });
    expect(again.status).toBeGreaterThanOrEqual(400);
    kiosk = kiosk.reopen();
    // Kept with the credential: named from the start, before the hub answers.
    expect(await kiosk.value('kiosk.info', {})).toMatchObject(named);
    await untilOnline(kiosk);
    expect((await terminal(hub)).online).toBe(true);
  });

  it('without a hub, help says unavailable and nothing breaks', async () => {
    kiosk = openTestCore();
    expect(await helpState(kiosk)).toEqual({ status: 'unavailable', hub: 'none' });
    expect(await kiosk.value('help.request', { reason: 'button' })).toEqual({ status: 'unavailable', hub: 'none' });
    const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    expect(await kiosk.value('handover.start', { sessionId: view.sessionId })).toEqual({
      stored: false,
      reason: 'hub_unavailable',
    });
  });

  it('refuses help methods with bad input like every other method', async () => {
    kiosk = openTestCore();
    expect(await kiosk.call('help.request', { reason: 'bored' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await kiosk.call('help.consent', { granted: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await kiosk.call('handover.start', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('reports activity when the session moves, never an answer', async () => {
    hub = await startRealHub();
    kiosk = openHubCore(hub);
    await untilOnline(kiosk);
    const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    await kiosk.value('session.answer', { sessionId: view.sessionId, stepId: 'name', values: MOVE_ANSWERS.name });
    const moved = await until(async () => {
      const current = await terminal(hub!);
      return current.activity?.stepId === 'birth' && current;
    });
    expect(moved.activity).toMatchObject({ serviceId: 'test-move', screen: 'step', stepNumber: 2, language: 'de' });
    expect(JSON.stringify(hub.console.messages)).not.toContain('Mustermann');
  });

  it('keeps working while the hub is down, reconnects by itself, and the request made offline is queued', async () => {
    hub = await startRealHub();
    kiosk = openHubCore(hub);
    await untilOnline(kiosk);
    await hub.t.close();
    await until(async () => (await helpState(kiosk!)).hub === 'offline');
    // Offline: the kiosk still answers, and the request waits for the next hello.
    const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    expect(view.position).toMatchObject({ kind: 'step', stepId: 'name' });
    const waiting = await kiosk.value('help.request', { reason: 'button' });
    expect(waiting).toMatchObject({ status: 'waiting', hub: 'offline' });

    await hub.t.restart();
    await untilOnline(kiosk);
    const queued = await until(async () => {
      const requests = await queue(hub!);
      return requests.length > 0 && requests;
    });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ reason: 'button', state: 'waiting', activity: { stepId: 'name' } });
  });

  it('a hub restart while a request waits: the kiosk comes back by itself, the request is queued once', async () => {
    hub = await startRealHub();
    kiosk = openHubCore(hub);
    await untilOnline(kiosk);
    await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    await kiosk.value('help.request', { reason: 'button' });
    const alert = await hub.console.next('help.new');
    const requestId = (alert.request as HelpRequestView).requestId;

    await hub.t.restart();
    // Back by itself: the restarted hub has the terminal's socket again.
    await until(async () => (await terminal(hub!)).online);
    await untilOnline(kiosk);
    const staffSocket = await hub.reconnect();
    const first = await staffSocket.next('queue');
    expect((first.requests as HelpRequestView[]).map((request) => request.requestId)).toEqual([requestId]);
    // Still the kiosk's open request: accepting it reaches the resident.
    expect((await hub.staff.post(`/help/${requestId}/accept`)).status).toBe(200);
    await until(async () => (await helpState(kiosk!)).status === 'accepted');
    expect((await queue(hub)).map((request) => request.requestId)).toEqual([requestId]);
  });

  it('a request accepted right after a hub restart, while the kiosk says hello again, reaches the resident', async () => {
    hub = await startRealHub();
    kiosk = openHubCore(hub);
    await untilOnline(kiosk);
    await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    await kiosk.value('help.request', { reason: 'button' });
    const alert = await hub.console.next('help.new');
    const requestId = (alert.request as HelpRequestView).requestId;
    await hub.t.close();
    await until(async () => (await helpState(kiosk!)).hub === 'offline');

    // A restarted hub loads its handover key on the first kiosk connection, and the kiosk's hello (with its open
    // request) arrives meanwhile. Reading the key file takes a few milliseconds; without the file the hub makes a
    // new key, which takes long enough for the hello and the accept below to fall into that window every time.
    rmSync(join(hub.t.dataDir, 'handover-key.pem'));
    await hub.t.restart();
    expect((await hub.staff.post(`/help/${requestId}/accept`)).status).toBe(200);
    expect(await until(async () => (await helpState(kiosk!)).status === 'accepted' && helpState(kiosk!))).toMatchObject(
      { status: 'accepted', staffName: 'Frau Meyer' },
    );
    // The same request, once: the hello did not queue it again.
    expect(await queue(hub)).toEqual([expect.objectContaining({ requestId, state: 'accepted' })]);
    await until(async () => (await terminal(hub!)).online);
  });

  it('a revoked terminal forgets its credential and shows the desk hint', async () => {
    hub = await startRealHub();
    kiosk = openHubCore(hub);
    await untilOnline(kiosk);
    expect((await hub.admin.post(`/terminals/${hub.terminalId}/revoke`)).status).toBe(200);
    await until(async () => (await helpState(kiosk!)).hub === 'none');
    expect(() => statSync(join(kiosk!.dataDir, CREDENTIAL_FILE))).toThrow();
    expect(await helpState(kiosk)).toEqual({ status: 'unavailable', hub: 'none' });
    // Revoked, it is no longer the hub's terminal: the footer goes back to the configured name.
    const info = await kiosk.value('kiosk.info', {});
    expect(info.terminalName).toBe('Bürgerkiosk');
    expect(info.terminalLocation).toBeUndefined();
  });

  it('a damaged credential file does not stop the kiosk: the enrolment code enrols it again', async () => {
    hub = await startRealHub();
    kiosk = openTestCore();
    kiosk.close();
    writeFileSync(join(kiosk.dataDir, CREDENTIAL_FILE), '{"terminalId": tru', { mode: 0o644 });
    kiosk = kiosk.reopen({ hub: { url: hub.url, enrolmentCode: hub.enrolmentCode, backoff: TEST_BACKOFF } });
    await untilOnline(kiosk);
    expect(statSync(join(kiosk.dataDir, CREDENTIAL_FILE)).mode & 0o777).toBe(0o600);
  });

  it('a credential the hub never issued is refused: the kiosk stays offline and keeps retrying', async () => {
    hub = await startRealHub();
    kiosk = openTestCore({ hub: { url: hub.url, backoff: TEST_BACKOFF } });
    kiosk.close();
    writeCredential(kiosk.dataDir, {
      terminalId: 't_wrongwrong',
      credential: `t_wrongwrong.${'x'.repeat(43)}`,
      terminalName: 'x',
      location: 'x',
      handoverKey: {},
    });
    kiosk = kiosk.reopen();
    await until(async () => (await helpState(kiosk!)).hub === 'offline');
    // Several backoff rounds (20–100 ms each) later it is still refused, and the hub knows no terminal online.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await helpState(kiosk)).hub).toBe('offline');
    expect((await terminal(hub)).online).toBe(false);
  });
});
