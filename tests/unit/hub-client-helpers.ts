import type { HelpState } from '../../contract';
import { openTestCore, type TestCore } from '../fixtures/core-harness';
import {
  ADMIN,
  connectConsole,
  login,
  STAFF,
  startTestHub,
  type Client,
  type StaffSession,
  type TestHub,
} from '../fixtures/hub-harness';

/** Fast reconnects, so a network cut in a test costs milliseconds. */
export const TEST_BACKOFF = { baseMs: 20, capMs: 100 };

/** Polls until `check` returns a value (sockets are asynchronous); fails after 10 s. */
export async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The real hub (createHub in-process on 127.0.0.1, temp dir; tests/fixtures/hub-harness.ts) with a terminal
 * created by the admin API, and a staff member's console: its API session and its live WebSocket. What the
 * kiosk sent is observed where staff observe it, on the console.
 */
export interface RealHub {
  t: TestHub;
  url: string;
  enrolmentCode: string;
  terminalId: string;
  admin: StaffSession;
  staff: StaffSession;
  /** The staff member's console socket (reconnect() after a hub restart). */
  console: Client;
  reconnect(): Promise<Client>;
  close(): Promise<void>;
}

export async function startRealHub(extra: Parameters<typeof startTestHub>[0] = {}): Promise<RealHub> {
  const t = await startTestHub(extra);
  const admin = await login(t.hub, ADMIN);
  const staff = await login(t.hub, STAFF);
  const created = await admin.post('/terminals', { name: 'Rathaus Foyer', location: 'Erdgeschoss' });
  const body = created.body as { enrolmentCode: string; terminal: { terminalId: string } };
  const real: RealHub = {
    t,
    url: t.hub.url,
    enrolmentCode: body.enrolmentCode,
    terminalId: body.terminal.terminalId,
    admin,
    staff,
    console: await connectConsole(t.hub, staff),
    async reconnect() {
      real.console = await connectConsole(t.hub, staff);
      return real.console;
    },
    async close() {
      real.console.close();
      await t.close();
    },
  };
  return real;
}

export function openHubCore(hub: RealHub, extra: Parameters<typeof openTestCore>[0] = {}): TestCore {
  return openTestCore({ hub: { url: hub.url, enrolmentCode: hub.enrolmentCode, backoff: TEST_BACKOFF }, ...extra });
}

export async function helpState(kiosk: TestCore): Promise<HelpState> {
  return kiosk.value('help.state', {});
}

export function untilOnline(kiosk: TestCore): Promise<HelpState> {
  return until(async () => {
    const state = await helpState(kiosk);
    return state.hub === 'online' && state;
  });
}
