import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_API_PREFIX, type AuditEntry } from '../../contract/hub';
import { ACCOUNT_LIMIT } from '../../hub/login-throttle';
import { ADMIN, STAFF, http, login, startTestHub, type HttpResult, type TestHub } from '../fixtures/hub-harness';

/**
 * Issue 17, login throttling from outside: guesses from many real source addresses (Linux routes all of
 * 127/8 to loopback) against one account, and the account's owner at a desk that logged in before.
 */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t.close());

function attempt(username: string, password: string, localAddress: string, cookie?: string): Promise<HttpResult> {
  return http(`${t.hub.url}${CONSOLE_API_PREFIX}/login`, {
    method: 'POST',
    body: { username, password },
    localAddress,
    ...(cookie ? { headers: { cookie } } : {}),
  });
}

function deviceCookieOf(result: HttpResult): string {
  const found = ((result.headers['set-cookie'] as string[] | undefined) ?? [])
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith('hub_device_'));
  if (!found) throw new Error('no device cookie');
  return found;
}

async function auditEntries(): Promise<AuditEntry[]> {
  const admin = await login(t.hub, ADMIN, '127.0.0.99');
  return (await admin.get('/audit')).body as AuditEntry[];
}

describe('login throttle', () => {
  it('caps parallel guesses from 20 addresses per account, while a known device still gets in', async () => {
    const desk = '127.0.0.3';
    const first = await attempt(STAFF.username, STAFF.password, desk);
    expect(first.status).toBe(200);
    const device = deviceCookieOf(first);
    const cookieLine = (first.headers['set-cookie'] as string[]).find((line) => line.startsWith('hub_device_'))!;
    expect(cookieLine).toContain('HttpOnly');
    expect(cookieLine).toContain('SameSite=Strict');
    expect(cookieLine).toContain(`Path=${CONSOLE_API_PREFIX}/login`);

    const guesses: Promise<HttpResult>[] = [];
    for (let address = 0; address < 20; address += 1)
      for (let index = 0; index < 10; index += 1)
        guesses.push(attempt(STAFF.username, `guess-${address}-${index}-x`, `127.0.1.${address + 1}`));
    // The owner logs in from their desk in the middle of the attack.
    const during = attempt(STAFF.username, STAFF.password, desk, device);
    const results = await Promise.all(guesses);
    expect((await during).status).toBe(200);

    const checked = results.filter((result) => result.status === 401).length;
    const refused = results.filter((result) => result.status === 429);
    expect(checked).toBeGreaterThanOrEqual(ACCOUNT_LIMIT.freeFailures);
    expect(checked).toBeLessThanOrEqual(ACCOUNT_LIMIT.maxChecksPerWindow);
    expect(refused.length).toBe(results.length - checked);
    expect(Number(refused[0]!.headers['retry-after'])).toBeGreaterThan(0);
    // From an unknown device, even the right password waits while the account is locked …
    expect((await attempt(STAFF.username, STAFF.password, '127.0.0.4')).status).toBe(429);
    // … and another account's device cookie does not open this one.
    const adminDevice = deviceCookieOf(await attempt(ADMIN.username, ADMIN.password, '127.0.0.5'));
    expect((await attempt(STAFF.username, STAFF.password, '127.0.0.5', adminDevice)).status).toBe(429);
    // After the attack, the known device again.
    expect((await attempt(STAFF.username, STAFF.password, desk, device)).status).toBe(200);

    const entries = await auditEntries();
    const meyerId = (
      (await attempt(STAFF.username, STAFF.password, desk, device)).body as { staff: { staffId: string } }
    ).staff.staffId;
    expect(entries.filter((entry) => entry.action === 'login.lockout' && entry.staffId === meyerId)).toHaveLength(1);
    expect(entries.filter((entry) => entry.action === 'login.failed' && entry.staffId === meyerId)).toHaveLength(
      checked,
    );

    // The lock runs out: an unknown device with the right password gets in again and clears the count.
    t.clock.advance(ACCOUNT_LIMIT.maxLockMs);
    expect((await attempt(STAFF.username, STAFF.password, '127.0.0.4')).status).toBe(200);
  });

  it('one address that keeps failing does not keep colleagues behind it out of their own accounts', async () => {
    const shared = '127.0.2.1';
    const statuses: number[] = [];
    for (let index = 0; index < 12; index += 1)
      statuses.push((await attempt(STAFF.username, `wrong-${index}-abcdef`, shared)).status);
    expect(statuses).toContain(429);
    // A colleague at the same address (same NAT or proxy), another account, no device cookie: in.
    expect((await attempt(ADMIN.username, ADMIN.password, shared)).status).toBe(200);
    t.clock.advance(ACCOUNT_LIMIT.maxLockMs);
  });

  it('a device cookie that sends wrong passwords is locked itself (it then counts as unknown)', async () => {
    const desk = '127.0.3.1';
    const first = await attempt(ADMIN.username, ADMIN.password, desk);
    const device = deviceCookieOf(first);
    // A stolen cookie used for guessing: a few wrong passwords, then it is no more than any other browser.
    for (let index = 0; index < 5; index += 1)
      expect((await attempt(ADMIN.username, `stolen-${index}-abcdef`, desk, device)).status).toBe(401);
    // Lock the account for unknown devices from elsewhere.
    for (let index = 0; index < ACCOUNT_LIMIT.freeFailures + 1; index += 1)
      await attempt(ADMIN.username, `elsewhere-${index}-abcdef`, `127.0.3.${index + 10}`);
    expect((await attempt(ADMIN.username, ADMIN.password, desk, device)).status).toBe(429);
    // A forged cookie (wrong signature) is unknown as well.
    const forged = device.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    expect((await attempt(ADMIN.username, ADMIN.password, '127.0.3.2', forged)).status).toBe(429);
  });
});
