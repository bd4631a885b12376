import { test as base, type Page } from '@playwright/test';
import { startKiosk, type KioskHandle, type KioskOptions } from './kiosk-process';

/**
 * `kiosk`: a fresh kiosk process with its own data dir for each test (one
 * resident session per kiosk, so tests never share state); stopped and its
 * data dir removed afterwards. Options come from `test.use({ kioskOptions })`.
 */
export const test = base.extend<{ kioskOptions: KioskOptions; kiosk: KioskHandle }>({
  kioskOptions: [{}, { option: true }],
  kiosk: async ({ kioskOptions }, use) => {
    const kiosk = await startKiosk(kioskOptions);
    try {
      await use(kiosk);
    } finally {
      await kiosk.dispose();
    }
  },
});

export { expect } from '@playwright/test';

/**
 * Calls the HTTP API from inside the page (same origin, as the renderer does) and returns the parsed body. Like
 * the renderer's bridge it sends the session token the page keeps (renderer/api/session-token-store.ts), and keeps
 * the one session.start or session.resume brings.
 */
export async function apiFromPage(
  page: Page,
  method: string,
  body: unknown,
  init: { rawBody?: string; contentType?: string } = {},
): Promise<{ status: number; json: unknown } | { networkError: string }> {
  return page.evaluate(
    async ({ method, body, init }) => {
      try {
        const token = sessionStorage.getItem('buergerkiosk.sessionToken');
        const response = await fetch(`/api/call/${method}`, {
          method: 'POST',
          headers: {
            'Content-Type': init.contentType ?? 'application/json',
            ...(token ? { 'x-kiosk-session': token } : {}),
          },
          body: init.rawBody ?? JSON.stringify(body),
        });
        const json = (await response.json()) as { value?: { sessionToken?: unknown } | null };
        const kept = json.value?.sessionToken;
        if (typeof kept === 'string') sessionStorage.setItem('buergerkiosk.sessionToken', kept);
        return { status: response.status, json };
      } catch (error) {
        return { networkError: String(error) };
      }
    },
    { method, body, init },
  );
}
