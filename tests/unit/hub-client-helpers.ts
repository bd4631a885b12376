import type { HelpState } from '../../contract';
import { openTestCore, type TestCore } from '../fixtures/core-harness';
import type { TestHub } from '../e2e/support/hub-test-server';

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

export function openHubCore(hub: TestHub, extra: Parameters<typeof openTestCore>[0] = {}): TestCore {
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
