import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOODED, TERMINAL_FRAME_RATE } from '../../hub/http/terminal-routes';
import { ACTIVITY, connectConsole, connectKiosk, hello, helpRequest } from '../fixtures/hub-harness';
import { startHelpHub, type HelpHub } from './hub-help-helpers';

/**
 * Issue 17: one terminal cannot flood the desk. It has one open help request at most (a new one replaces
 * the open one, and the consoles' alert rings once), and its frames are rate-limited: over the limit they
 * are dropped, the socket is closed with 4429, and the audit log says so once. Real hub, real sockets.
 */

let h: HelpHub;
beforeAll(async () => {
  h = await startHelpHub();
}, 60_000);
afterAll(() => h.t.close());

interface QueueEntry {
  requestId: string;
  terminalId: string;
}

describe('help requests of one terminal', () => {
  it('a new request replaces the open one: the queue shows one, the console is alerted once', async () => {
    const console = await connectConsole(h.t.hub, h.meyer);
    await console.next('queue');
    const kiosk = await connectKiosk(h.t.hub, h.credential);
    await kiosk.next('welcome');
    kiosk.send(hello());
    const requests = Array.from({ length: 30 }, () => helpRequest());
    for (const request of requests) kiosk.send({ type: 'help.request', request });
    const last = requests.at(-1)!;
    await kiosk.next('help.queued', (message) => message.requestId === last.requestId);

    const queue = (await h.meyer.get('/queue')).body as QueueEntry[];
    expect(queue.filter((entry) => entry.terminalId === h.terminalId)).toEqual([
      expect.objectContaining({ requestId: last.requestId }),
    ]);
    expect(console.of('help.new')).toHaveLength(1);
    // The kiosk sending its current request again (a reconnect's hello) changes nothing.
    kiosk.send({ type: 'help.request', request: last });
    await kiosk.next('help.queued', (message) => message.requestId === last.requestId, 1);
    expect(((await h.meyer.get('/queue')).body as QueueEntry[]).map((entry) => entry.requestId)).toEqual([
      last.requestId,
    ]);
    kiosk.send({ type: 'help.cancel', requestId: last.requestId });
    kiosk.close();
    console.close();
  });
});

describe('frames of one terminal', () => {
  it('over the limit: dropped, the socket closed with 4429, audited once', async () => {
    const kiosk = await connectKiosk(h.t.hub, h.credential);
    await kiosk.next('welcome');
    const activity = (stepNumber: number) => ({
      type: 'activity',
      activity: { ...ACTIVITY, stepNumber },
      outboxBacklog: 0,
    });
    for (let index = 0; index < TERMINAL_FRAME_RATE.max; index += 1) kiosk.send(activity(1));
    for (let index = 0; index < 50; index += 1) kiosk.send(activity(2));
    expect(await kiosk.closed()).toEqual({ code: FLOODED.code });

    // What came over the limit was not handled: the hub last heard step 1.
    const terminals = (await h.admin.get('/terminals')).body as {
      terminalId: string;
      activity: { stepNumber: number } | null;
    }[];
    expect(terminals.find((terminal) => terminal.terminalId === h.terminalId)?.activity?.stepNumber).toBe(1);

    // Coming straight back does not reset the count, nor write a second audit entry.
    const again = await connectKiosk(h.t.hub, h.credential);
    again.send(activity(3));
    expect(await again.closed()).toEqual({ code: FLOODED.code });
    const audit = (await h.admin.get('/audit')).body as { action: string; terminalId: string; outcome: string }[];
    expect(audit.filter((entry) => entry.action === 'terminal.flood')).toEqual([
      expect.objectContaining({ terminalId: h.terminalId, outcome: 'refused' }),
    ]);
  });
});
