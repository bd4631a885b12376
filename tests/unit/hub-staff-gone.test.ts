import { afterEach, describe, expect, it } from 'vitest';
import { HubToConsoleSchema, HubToTerminalSchema, type HelpRequestView } from '../../contract/hub';
import {
  ADMIN,
  STAFF,
  connectConsole,
  connectKiosk,
  enrol,
  hello,
  helpRequest,
  login,
  startTestHub,
  type Client,
  type TestHub,
} from '../fixtures/hub-harness';

/**
 * Issue 14, item 4: a banner still shown on the kiosk after the staff member's console browser closed ends
 * when the hub says they are gone: once all their consoles are closed and none came back within the grace,
 * the live view ends on the kiosk and the request goes back to the queue, with the alert for colleagues.
 * The real hub in-process, real sockets; a short grace so the test need not wait 20 s.
 */

const GRACE_MS = 300;

let t: TestHub | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function viewingRequest() {
  t = await startTestHub({ staffGoneGraceMs: GRACE_MS });
  const admin = await login(t.hub, ADMIN);
  const meyer = await login(t.hub, STAFF);
  const { credential } = await enrol(t.hub, admin);
  const adminConsole = await connectConsole(t.hub, admin);
  const meyerConsole = await connectConsole(t.hub, meyer);
  const kiosk = await connectKiosk(t.hub, credential);
  await kiosk.next('welcome');
  kiosk.send(hello());
  const request = helpRequest();
  kiosk.send({ type: 'help.request', request });
  await kiosk.next('help.queued');
  const { requestId } = request;
  expect((await meyer.post(`/help/${requestId}/accept`)).status).toBe(200);
  expect((await meyer.post(`/help/${requestId}/consent`)).status).toBe(200);
  await kiosk.next('consent.request');
  kiosk.send({ type: 'consent.answer', requestId, granted: true });
  await meyerConsole.next('queue', (message) =>
    (message.requests as HelpRequestView[]).some((entry) => entry.mode === 'viewing'),
  );
  expect((await meyer.post(`/help/${requestId}/takeover/start`)).status).toBe(200);
  await kiosk.next('takeover.start');
  return { admin, meyer, adminConsole, meyerConsole, kiosk, requestId };
}

function expectContract(kiosk: Client, ...consoles: Client[]): void {
  for (const message of kiosk.messages) HubToTerminalSchema.parse(message);
  for (const console of consoles) for (const message of console.messages) HubToConsoleSchema.parse(message);
}

describe('staff member gone', () => {
  it('their last console closes for good: takeover and live view end on the kiosk, the request waits again', async () => {
    const { admin, adminConsole, meyerConsole, kiosk, requestId } = await viewingRequest();
    meyerConsole.close();
    await kiosk.next('takeover.end');
    await kiosk.next('live.end');
    // The kiosk is told it waits again; the first help.queued was the one on arrival.
    await kiosk.next('help.queued', () => true, 1);
    const alert = await adminConsole.next(
      'help.new',
      (message) => (message.request as HelpRequestView).state === 'waiting',
      1,
    );
    expect(alert.request).toMatchObject({ requestId, state: 'waiting', assignedTo: null, consent: 'none' });
    // A colleague can take it now.
    expect((await admin.post(`/help/${requestId}/accept`)).status).toBe(200);
    const audit = (await admin.get('/audit')).body as { action: string; subjectId: string }[];
    expect(audit.filter((entry) => entry.subjectId === requestId).map((entry) => entry.action)).toContain(
      'help.staff_gone',
    );
    expectContract(kiosk, adminConsole);
    kiosk.close();
    adminConsole.close();
  });

  it('another console of the same staff member still open: nothing ends', async () => {
    const { meyer, adminConsole, meyerConsole, kiosk, requestId } = await viewingRequest();
    const second = await connectConsole(t!.hub, meyer);
    await second.next('queue');
    meyerConsole.close();
    await meyerConsole.closed();
    // Longer than the grace, then a staff action that reaches the kiosk after anything the hub might have sent.
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS * 3));
    expect((await meyer.post(`/help/${requestId}/guide`, { target: 'next' })).status).toBe(200);
    await kiosk.next('guide.highlight');
    expect(kiosk.of('live.end')).toEqual([]);
    expect(kiosk.of('help.queued')).toHaveLength(1);
    expectContract(kiosk, adminConsole, second);
    kiosk.close();
    second.close();
    adminConsole.close();
  });
});
