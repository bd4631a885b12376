import { fail, isSessionToken, type Result } from '../../contract';
import type { KioskCore } from '../../core/types';
import { isAppUrl } from './app-url';

export const CALL_CHANNEL = 'kiosk:call';
export const EVENT_CHANNEL = 'kiosk:event';
/** true / false: the core process is there, or away (crashed, restarting). */
export const CONNECTION_CHANNEL = 'kiosk:connection';

/** Shaped like Electron's WebFrameMain: enough to decide whether to trust a message. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** Only the top frame of our own app may call the core; never a subframe or a foreign page. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
}

/**
 * The handler behind ipcMain.handle('kiosk:call'): the contract inside dispatch validates method and input.
 * The page's session token comes as an argument of its own. Only our own window reaches this channel, so
 * the caller is the terminal's own page: after a crash of the renderer, session.resume gives it the token back.
 */
export function createCallHandler(core: Pick<KioskCore, 'dispatch'>) {
  return async (
    event: { senderFrame: SenderFrame | null },
    method: unknown,
    input: unknown,
    sessionToken?: unknown,
  ): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame)) return fail('forbidden', { detail: 'untrusted sender' });
    const caller = { ...(isSessionToken(sessionToken) ? { sessionToken } : {}), ownPage: true };
    try {
      return await core.dispatch(method, input, caller);
    } catch {
      return fail('internal');
    }
  };
}
