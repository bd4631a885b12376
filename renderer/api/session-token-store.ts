import { isSessionToken, SESSION_TOKEN_STORAGE_KEY } from '../../contract/session-token';

/**
 * Where the browser-mode page keeps its session token (contract/session-token.ts): in memory, and in
 * sessionStorage so that a reload of the page or a crash of its renderer finds it again. Not in
 * localStorage and never in a URL: sessionStorage belongs to this one tab, lives in the memory of the
 * incognito profile the kiosk's Chromium runs with, and is gone with the browser. A Chromium started
 * afresh gets the session back from the core instead (core/transport/page-holder.ts).
 */
export interface SessionTokenStore {
  get(): string | undefined;
  set(token: string): void;
}

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined; // storage blocked: memory alone
  }
}

export function createSessionTokenStore(): SessionTokenStore {
  const kept = storage()?.getItem(SESSION_TOKEN_STORAGE_KEY);
  let token = isSessionToken(kept) ? kept : undefined;
  return {
    get: () => token,
    set(next) {
      token = next;
      try {
        storage()?.setItem(SESSION_TOKEN_STORAGE_KEY, next);
      } catch {
        // Full or blocked: the token stays in memory.
      }
    },
  };
}
