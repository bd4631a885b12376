import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CREDENTIAL_FILE } from '../../core/hub-client/credential-file';
import { openTestCore, removeDir, type TestCore } from '../fixtures/core-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';
import { startTestHub, type TestHub } from '../e2e/support/hub-test-server';
import { helpState, openHubCore, TEST_BACKOFF, until, untilOnline } from './hub-client-helpers';

/**
 * The kiosk's hub client against a real WebSocket server on 127.0.0.1 (a
 * protocol-level stand-in for the hub built in parallel, see
 * tests/e2e/support/hub-test-server.ts) and a real SQLite file.
 */

let kiosk: TestCore | undefined;
let hub: TestHub | undefined;
afterEach(async () => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
  await hub?.close();
  hub = undefined;
});

describe('hub client: enrolment and connection', () => {
  it('enrols once, keeps the credential 0600 and unlogged, and says hello with the activity', async () => {
    hub = await startTestHub();
    kiosk = openHubCore(hub);
    await untilOnline(kiosk);
    const file = join(kiosk.dataDir, CREDENTIAL_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const hello = await hub.waitFor('hello');
    expect(hello).toMatchObject({
      appVersion: '9.9.9-test',
      outboxBacklog: 0,
      activity: { screen: 'start', serviceId: null },
      openRequests: [],
    });
    expect(JSON.stringify(kiosk.logger.lines)).not.toContain(hub.enrolmentCode);
    expect(kiosk.logger.lines.some((line) => line.event === 'hub.enrolled')).toBe(true);

    // A restart uses the stored credential; the one-time code would be refused now.
    kiosk = kiosk.reopen();
    await untilOnline(kiosk);
    expect(hub.received.filter((message) => message.type === 'hello')).toHaveLength(2);
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
    hub = await startTestHub();
    kiosk = openHubCore(hub);
    await untilOnline(kiosk);
    const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    await kiosk.value('session.answer', { sessionId: view.sessionId, stepId: 'name', values: MOVE_ANSWERS.name });
    const moved = await hub.waitFor('activity', (message) => message.activity.stepId === 'birth');
    expect(moved.activity).toMatchObject({ serviceId: 'test-move', screen: 'step', stepNumber: 2, language: 'de' });
    expect(JSON.stringify(hub.received)).not.toContain('Mustermann');
  });

  it('keeps working while the hub is away, reconnects, and sends the open request again in hello', async () => {
    hub = await startTestHub();
    kiosk = openHubCore(hub);
    await untilOnline(kiosk);
    hub.down = true;
    hub.dropAll();
    await until(async () => (await helpState(kiosk!)).hub === 'offline');
    // Offline: the kiosk still answers, and the request waits for the next hello.
    const view = await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    expect(view.position).toMatchObject({ kind: 'step', stepId: 'name' });
    const waiting = await kiosk.value('help.request', { reason: 'button' });
    expect(waiting).toMatchObject({ status: 'waiting', hub: 'offline' });
    hub.down = false;
    await untilOnline(kiosk);
    expect(hub.received.some((message) => message.type === 'help.request')).toBe(false);
    const hello = await until(() =>
      hub!.received.find((message) => message.type === 'hello' && message.openRequests.length === 1),
    );
    expect(hello).toMatchObject({ openRequests: [{ reason: 'button', activity: { stepId: 'name' } }] });
  });

  it('a revoked terminal forgets its credential and shows the desk hint', async () => {
    hub = await startTestHub();
    kiosk = openHubCore(hub);
    await untilOnline(kiosk);
    hub.revoke();
    await until(async () => (await helpState(kiosk!)).hub === 'none');
    expect(() => statSync(join(kiosk!.dataDir, CREDENTIAL_FILE))).toThrow();
    expect(await helpState(kiosk)).toEqual({ status: 'unavailable', hub: 'none' });
  });

  it('a damaged credential file does not stop the kiosk: the enrolment code enrols it again', async () => {
    hub = await startTestHub();
    kiosk = openTestCore();
    kiosk.close();
    writeFileSync(join(kiosk.dataDir, CREDENTIAL_FILE), '{"terminalId": tru', { mode: 0o644 });
    kiosk = kiosk.reopen({ hub: { url: hub.url, enrolmentCode: hub.enrolmentCode, backoff: TEST_BACKOFF } });
    await untilOnline(kiosk);
    expect(statSync(join(kiosk.dataDir, CREDENTIAL_FILE)).mode & 0o777).toBe(0o600);
  });

  it('a wrong credential is refused by the hub and retried with backoff', async () => {
    hub = await startTestHub();
    // Enrolled elsewhere with a credential the hub never issued.
    const { writeCredential } = await import('../../core/hub-client/credential-file');
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
    await until(() => hub!.refusedUpgrades >= 2);
    expect((await helpState(kiosk)).hub).toBe('offline');
    expect(hub.connected()).toBe(0);
  });
});
