import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HelpRequestViewSchema,
  HubToConsoleSchema,
  HubToTerminalSchema,
  type HelpRequestBody,
  type LiveSnapshot,
} from '../../contract/hub';
import { START_TIME } from '../fixtures/core-harness';
import {
  ADMIN,
  STAFF,
  connectConsole,
  connectKiosk,
  enrol,
  hello,
  helpRequest,
  login,
  type Client,
  type StaffSession,
  type TestHub,
} from '../fixtures/hub-harness';
import { startHelpHub } from './hub-help-helpers';

// Continue at the desk (handover) is in hub-help-handover.test.ts.

let t: TestHub;
let admin: StaffSession;
let meyer: StaffSession;
let credential: string;
let terminalId: string;

beforeAll(async () => {
  // Locals, not the fixture object: the restart test below replaces the staff sessions.
  ({ t, admin, meyer, credential, terminalId } = await startHelpHub());
});
afterAll(() => t.close());

const SNAPSHOT: LiveSnapshot = {
  serviceId: 'test-move',
  language: 'de',
  position: { kind: 'step', stepId: 'birth', stepNumber: 2, stepCount: 7, returnToCheck: false },
  answers: { fullName: 'CANARY-Erika Mustermann' },
  visibleStepIds: ['name', 'birth'],
};

/** Every message a socket got must be one the contract knows. */
function expectContract(console: Client, kiosk?: Client): void {
  for (const message of console.messages) HubToConsoleSchema.parse(message);
  for (const message of kiosk?.messages ?? []) HubToTerminalSchema.parse(message);
}

async function kioskWithRequest(): Promise<{ kiosk: Client; requestId: string; request: HelpRequestBody }> {
  const kiosk = await connectKiosk(t.hub, credential);
  await kiosk.next('welcome');
  kiosk.send(hello());
  const request = helpRequest();
  kiosk.send({ type: 'help.request', request });
  await kiosk.next('help.queued', (message) => message.requestId === request.requestId);
  return { kiosk, requestId: request.requestId, request };
}

async function auditFor(requestId: string) {
  const result = await admin.get('/audit');
  return (
    result.body as { action: string; subjectId: string | null; outcome: string; staffId: string | null }[]
  ).filter((entry) => entry.subjectId === requestId);
}

describe('help requests', () => {
  it('reaches the consoles, is accepted, and the kiosk learns who comes', async () => {
    const consoleA = await connectConsole(t.hub, meyer);
    await consoleA.next('queue');
    const { kiosk, requestId } = await kioskWithRequest();
    const alert = await consoleA.next(
      'help.new',
      (message) => (message.request as { requestId: string }).requestId === requestId,
    );
    const view = HelpRequestViewSchema.parse(alert.request);
    expect(view).toMatchObject({ terminalId, state: 'waiting', terminalName: 'Foyer', consent: 'none' });
    expect((await meyer.get('/queue')).body).toEqual([expect.objectContaining({ requestId })]);

    const accepted = await meyer.post(`/help/${requestId}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'accepted', assignedTo: { displayName: STAFF.displayName } });
    expect((await kiosk.next('help.accepted')).staffName).toBe(STAFF.displayName);
    // Accepting twice is refused (and audited as refused).
    expect((await admin.post(`/help/${requestId}/accept`)).status).toBe(409);

    kiosk.send({ type: 'help.cancel', requestId });
    await consoleA.next('queue', (message) => (message.requests as unknown[]).length === 0);
    expect((await meyer.get('/queue')).body).toEqual([]);
    const audit = await auditFor(requestId);
    expect(audit.map((entry) => `${entry.action}:${entry.outcome}`).sort()).toEqual([
      'help.accept:ok',
      'help.accept:refused',
    ]);
    expectContract(consoleA, kiosk);
    kiosk.close();
    consoleA.close();
  });

  it('consent declined: no answers reach any console; granted: only the assigned staff member sees them, each view audited', async () => {
    const meyerConsole = await connectConsole(t.hub, meyer);
    const adminConsole = await connectConsole(t.hub, admin);
    const { kiosk, requestId } = await kioskWithRequest();
    await meyer.post(`/help/${requestId}/accept`);

    // Without asking: snapshots are dropped.
    kiosk.send({ type: 'live.snapshot', requestId, snapshot: SNAPSHOT });
    // Asked and declined: still dropped, and staff may not guide or take over.
    expect((await meyer.post(`/help/${requestId}/consent`)).status).toBe(200);
    expect((await kiosk.next('consent.request')).staffName).toBe(STAFF.displayName);
    kiosk.send({ type: 'consent.answer', requestId, granted: false });
    await meyerConsole.next('queue', (message) =>
      (message.requests as { requestId: string; consent: string }[]).some(
        (request) => request.requestId === requestId && request.consent === 'declined',
      ),
    );
    kiosk.send({ type: 'live.snapshot', requestId, snapshot: SNAPSHOT });
    expect((await meyer.post(`/help/${requestId}/takeover/start`)).status).toBe(409);
    expect((await meyer.post(`/help/${requestId}/guide`, { target: 'next' })).status).toBe(409);

    // Asked again and granted: snapshots go to Frau Meyer's console only.
    await meyer.post(`/help/${requestId}/consent`);
    await kiosk.next('consent.request', () => true, 1);
    kiosk.send({ type: 'consent.answer', requestId, granted: true });
    await meyerConsole.next('queue', (message) =>
      (message.requests as { requestId: string; mode: string }[]).some(
        (request) => request.requestId === requestId && request.mode === 'viewing',
      ),
    );
    kiosk.send({ type: 'live.snapshot', requestId, snapshot: SNAPSHOT });
    kiosk.send({ type: 'live.snapshot', requestId, snapshot: { ...SNAPSHOT, visibleStepIds: ['name'] } });
    await meyerConsole.next('live.snapshot', () => true, 1);
    expect(meyerConsole.of('live.snapshot')).toHaveLength(2);

    // The resident ends it with one tap: the console is told, further snapshots are dropped.
    kiosk.send({ type: 'live.stopped', requestId, by: 'resident' });
    expect((await meyerConsole.next('live.stopped')).by).toBe('resident');
    kiosk.send({ type: 'live.snapshot', requestId, snapshot: SNAPSHOT });
    // A round trip through the hub, so the dropped snapshot had its chance to arrive.
    await meyer.post(`/help/${requestId}/consent`);
    await kiosk.next('consent.request', () => true, 2);
    expect(meyerConsole.of('live.snapshot')).toHaveLength(2);
    expect(JSON.stringify(adminConsole.messages)).not.toContain('CANARY');

    const audit = await auditFor(requestId);
    expect(audit.filter((entry) => entry.action === 'live.view')).toHaveLength(2);
    expect(
      audit.filter((entry) => entry.action === 'live.view').every((entry) => entry.staffId === meyer.staffId),
    ).toBe(true);
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['consent.request', 'consent.declined', 'consent.granted', 'takeover.start', 'guide']),
    );
    // The audit itself holds no personal data; nor does the database.
    expect(JSON.stringify(audit)).not.toContain('CANARY');
    expectContract(meyerConsole, kiosk);
    kiosk.close();
    meyerConsole.close();
    adminConsole.close();
  });

  it('consent lasts one connection: a kiosk back before its old socket was seen to close ends it at the hub too', async () => {
    const meyerConsole = await connectConsole(t.hub, meyer);
    const { kiosk, requestId, request } = await kioskWithRequest();
    await meyer.post(`/help/${requestId}/accept`);
    await meyer.post(`/help/${requestId}/consent`);
    await kiosk.next('consent.request');
    kiosk.send({ type: 'consent.answer', requestId, granted: true });
    await meyerConsole.next('queue', (message) =>
      (message.requests as { requestId: string; mode: string }[]).some(
        (entry) => entry.requestId === requestId && entry.mode === 'viewing',
      ),
    );
    // A network cut the hub has not noticed yet: its old socket still looks open when the kiosk connects again.
    const replaced = kiosk.closed();
    const again = await connectKiosk(t.hub, credential);
    again.send(hello([request]));
    expect(await meyerConsole.next('live.stopped')).toMatchObject({ requestId });
    expect((await replaced).code).toBe(4409);
    // The kiosk ended its consent with the old connection; staff must ask again before guiding or looking.
    expect((await meyer.post(`/help/${requestId}/guide`, { target: 'next' })).status).toBe(409);
    again.send({ type: 'live.snapshot', requestId, snapshot: SNAPSHOT });
    await meyer.post(`/help/${requestId}/consent`);
    await again.next('consent.request');
    expect(meyerConsole.of('live.snapshot')).toHaveLength(0);
    again.close();
    meyerConsole.close();
  });

  it('guide and takeover are relayed with command ids; results come back; staff ends it; only the assigned staff may act', async () => {
    const meyerConsole = await connectConsole(t.hub, meyer);
    const { kiosk, requestId } = await kioskWithRequest();
    await meyer.post(`/help/${requestId}/accept`);
    await meyer.post(`/help/${requestId}/consent`);
    await kiosk.next('consent.request');
    kiosk.send({ type: 'consent.answer', requestId, granted: true });
    await meyerConsole.next('queue', (message) =>
      (message.requests as { requestId: string; consent: string }[]).some(
        (request) => request.requestId === requestId && request.consent === 'granted',
      ),
    );

    expect((await meyer.post(`/help/${requestId}/guide`, { target: 'field:birthDate' })).status).toBe(200);
    expect((await kiosk.next('guide.highlight')).target).toBe('field:birthDate');
    // Answering needs a takeover first; the admin (not assigned) may not act at all.
    expect(
      (await meyer.post(`/help/${requestId}/takeover/answer`, { stepId: 'name', values: { fullName: 'A' } })).status,
    ).toBe(409);
    expect((await admin.post(`/help/${requestId}/takeover/start`)).status).toBe(403);

    const started = await meyer.post(`/help/${requestId}/takeover/start`);
    expect(started.body).toMatchObject({ mode: 'takeover' });
    expect((await kiosk.next('takeover.start')).staffName).toBe(STAFF.displayName);
    const answer = await meyer.post(`/help/${requestId}/takeover/answer`, {
      stepId: 'birth',
      values: { birthDate: { day: '12', month: '8', year: '1964' } },
    });
    const commandId = (answer.body as { commandId: string }).commandId;
    const relayed = await kiosk.next('takeover.answer');
    expect(relayed).toMatchObject({ requestId, commandId, stepId: 'birth' });
    kiosk.send({
      type: 'takeover.result',
      requestId,
      commandId,
      ok: false,
      errorCode: 'validation',
      fieldErrors: [{ field: 'birthDate', code: 'date_invalid' }],
    });
    expect(await meyerConsole.next('takeover.result')).toMatchObject({ commandId, ok: false, errorCode: 'validation' });
    const navigate = await meyer.post(`/help/${requestId}/takeover/navigate`, { action: 'back' });
    expect(await kiosk.next('takeover.navigate')).toMatchObject({
      action: 'back',
      commandId: (navigate.body as { commandId: string }).commandId,
    });

    expect((await meyer.post(`/help/${requestId}/takeover/end`)).body).toMatchObject({ mode: 'viewing' });
    await kiosk.next('takeover.end');
    expect((await meyer.post(`/help/${requestId}/live/end`)).body).toMatchObject({ mode: 'none', consent: 'none' });
    await kiosk.next('live.end');
    expect((await meyerConsole.next('live.stopped')).by).toBe('staff');

    // Transfer to a colleague: the kiosk hears the new name.
    const adminStaffId = admin.staffId;
    const transferred = await meyer.post(`/help/${requestId}/transfer`, { toStaffId: adminStaffId });
    expect(transferred.body).toMatchObject({ assignedTo: { staffId: adminStaffId } });
    expect((await kiosk.next('help.accepted', (message) => message.staffName === ADMIN.displayName)).requestId).toBe(
      requestId,
    );
    expect((await meyer.post(`/help/${requestId}/resolve`)).status).toBe(403);
    expect((await admin.post(`/help/${requestId}/resolve`)).body).toMatchObject({ state: 'resolved' });
    await kiosk.next('help.resolved');

    const actions = (await auditFor(requestId)).map((entry) => `${entry.action}:${entry.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'guide:ok',
        'takeover.answer:refused',
        'takeover.start:refused',
        'takeover.start:ok',
        'takeover.answer:ok',
        'takeover.navigate:ok',
        'takeover.end:ok',
        'live.end:ok',
        'help.transfer:ok',
        'help.resolve:refused',
        'help.resolve:ok',
      ]),
    );
    expectContract(meyerConsole, kiosk);
    kiosk.close();
    meyerConsole.close();
  });

  it('a hub restart loses no request, and the reconnecting kiosk carries on', async () => {
    // Terminal A's request is accepted, terminal B's still waits.
    const { kiosk, requestId } = await kioskWithRequest();
    const request = {
      requestId,
      reason: 'button' as const,
      activity: hello().activity,
      since: new Date(START_TIME).toISOString(),
    };
    await meyer.post(`/help/${requestId}/accept`);
    await kiosk.next('help.accepted');
    const second = await enrol(t.hub, admin, 'Bibliothek');
    const kioskB = await connectKiosk(t.hub, second.credential);
    await kioskB.next('welcome');
    const waiting = helpRequest();
    kioskB.send({ type: 'help.request', request: waiting });
    await kioskB.next('help.queued');
    kiosk.close();
    kioskB.close();

    const hub = await t.restart();
    const admin2 = await login(hub, ADMIN);
    const staff2 = await login(hub, STAFF);
    const queue = (await staff2.get('/queue')).body as { requestId: string; state: string }[];
    expect(queue).toEqual([
      expect.objectContaining({ requestId, state: 'accepted' }),
      expect.objectContaining({ requestId: waiting.requestId, state: 'waiting' }),
    ]);
    const console2 = await connectConsole(hub, staff2);
    await console2.next('queue');

    // The kiosk reconnects and sends its open request again: the same request goes on, no new alert.
    const again = await connectKiosk(hub, credential);
    await again.next('welcome');
    again.send(hello([request]));
    expect(await again.next('help.accepted')).toMatchObject({ requestId, staffName: STAFF.displayName });
    expect((await staff2.post(`/help/${waiting.requestId}/accept`)).status).toBe(200);
    expect((await staff2.post(`/help/${requestId}/resolve`)).status).toBe(200);
    await again.next('help.resolved');
    expect(console2.of('help.new')).toHaveLength(0);

    // A kiosk that comes back without its request (restarted, resident gone) has it cancelled.
    const againB = await connectKiosk(hub, second.credential);
    await againB.next('welcome');
    againB.send(hello([]));
    await console2.next('queue', (message) => (message.requests as unknown[]).length === 0);
    const terminals = (await admin2.get('/terminals')).body as {
      terminalId: string;
      online: boolean;
      appVersion: string;
    }[];
    expect(terminals.find((terminal) => terminal.terminalId === terminalId)).toMatchObject({
      online: true,
      appVersion: '0.1.0-test',
    });
    again.close();
    againB.close();
    console2.close();
    admin = admin2;
    meyer = staff2;
  });
});
