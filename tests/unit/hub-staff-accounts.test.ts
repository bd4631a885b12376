import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_API_PREFIX, type AuditEntry } from '../../contract/hub';
import {
  ADMIN,
  STAFF,
  connectConsole,
  connectKiosk,
  enrol,
  hello,
  helpRequest,
  http,
  login,
  startTestHub,
  type StaffSession,
  type TestHub,
} from '../fixtures/hub-harness';

/**
 * Issue 17, staff account lifecycle, from outside: a real hub on 127.0.0.1, HTTP and the console WebSocket.
 * (The login throttle has its own file, hub-login-throttle.test.ts.)
 */
let t: TestHub;
let admin: StaffSession;
beforeAll(async () => {
  t = await startTestHub();
  admin = await login(t.hub, ADMIN);
});
afterAll(() => t.close());

const NEW_MEMBER = { username: 'schulz', displayName: 'Herr Schulz', role: 'staff', password: 'Lindenblatt-Kran-42' };

async function audit(): Promise<AuditEntry[]> {
  const result = await admin.get('/audit');
  expect(result.status).toBe(200);
  return result.body as AuditEntry[];
}

async function refusedStatus(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    return (error as { status?: number }).status ?? -1;
  }
  return 0;
}

describe('staff account lifecycle', () => {
  it('admin disables an account: its sessions and open console sockets end at once, login is refused; re-enabled, it works', async () => {
    const meyer = await login(t.hub, STAFF);
    const second = await login(t.hub, STAFF, '127.0.0.7');
    const socket = await connectConsole(t.hub, meyer);
    await socket.next('queue');
    const closed = socket.closed();

    const disabled = await admin.post(`/staff/${meyer.staffId}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ staffId: meyer.staffId, disabled: true });
    expect((await closed).code).toBe(4401);
    expect((await meyer.get('/session')).status).toBe(401);
    expect((await second.get('/queue')).status).toBe(401);
    expect(await refusedStatus(connectConsole(t.hub, second))).toBe(401);
    const refused = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/login`, {
      method: 'POST',
      body: { username: STAFF.username, password: STAFF.password },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: 'account_disabled' });
    expect(refused.headers['set-cookie']).toBeUndefined();

    expect((await admin.post(`/staff/${meyer.staffId}/enable`)).status).toBe(200);
    const back = await login(t.hub, STAFF);
    expect((await back.get('/queue')).status).toBe(200);
    const actions = (await audit()).filter((entry) => entry.subjectId === meyer.staffId).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.disable', 'staff.enable']));
    expect((await audit()).find((entry) => entry.action === 'login.disabled')).toMatchObject({
      staffId: meyer.staffId,
      outcome: 'refused',
    });
  });

  it('only admins manage accounts; an admin cannot disable or reset their own', async () => {
    const meyer = await login(t.hub, STAFF);
    for (const path of [`/staff/${admin.staffId}/disable`, `/staff/${admin.staffId}/sessions/end`])
      expect((await meyer.post(path)).status).toBe(403);
    expect((await meyer.post(`/staff/${admin.staffId}/password/reset`, { password: 'Kastanienallee-77' })).status).toBe(
      403,
    );
    expect((await meyer.get('/staff/accounts')).status).toBe(403);
    expect((await admin.post(`/staff/${admin.staffId}/disable`)).status).toBe(409);
    expect((await admin.post(`/staff/${admin.staffId}/password/reset`, { password: 'Kastanienallee-77' })).status).toBe(
      409,
    );
    expect((await admin.post('/staff/00000000-0000-4000-8000-000000000000/disable')).status).toBe(404);
  });

  it('the staff list shows what the role needs: names for staff, accounts for admins', async () => {
    const meyer = await login(t.hub, STAFF);
    const names = (await meyer.get('/staff')).body as Record<string, unknown>[];
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const entry of names) expect(Object.keys(entry).sort()).toEqual(['active', 'displayName', 'staffId']);
    expect(JSON.stringify(names)).not.toContain(ADMIN.username);
    const accounts = (await admin.get('/staff/accounts')).body as Record<string, unknown>[];
    expect(accounts.find((entry) => entry.username === STAFF.username)).toMatchObject({
      role: 'staff',
      disabled: false,
      mustChangePassword: false,
    });
  });

  it('admin resets a password: sessions end, the next login only allows choosing a new one', async () => {
    const created = await admin.post('/staff', NEW_MEMBER);
    expect(created.status).toBe(200);
    const staffId = (created.body as { staffId: string }).staffId;
    const before = await login(t.hub, NEW_MEMBER);
    const socket = await connectConsole(t.hub, before);
    const closed = socket.closed();

    const temporary = 'Uebergang-Rathaus-2026';
    const reset = await admin.post(`/staff/${staffId}/password/reset`, { password: temporary });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ mustChangePassword: true });
    expect((await closed).code).toBe(4401);
    expect((await before.get('/session')).status).toBe(401);

    const restricted = await login(t.hub, { username: NEW_MEMBER.username, password: temporary });
    const session = await restricted.get('/session');
    expect(session.body).toMatchObject({ mustChangePassword: true });
    expect(await restricted.get('/queue')).toMatchObject({ status: 403, body: { error: 'password_change_required' } });
    expect((await restricted.post('/help/3f8a6c1e-0000-4000-8000-000000000001/accept')).status).toBe(403);
    expect(await refusedStatus(connectConsole(t.hub, restricted))).toBe(403);

    const changed = await restricted.post('/password', {
      currentPassword: temporary,
      newPassword: 'Elbdeich-Moewe-Segel',
    });
    expect(changed.status).toBe(200);
    expect((await restricted.get('/session')).body).toMatchObject({ mustChangePassword: false });
    expect((await restricted.get('/queue')).status).toBe(200);
    const old = await http(`${t.hub.url}${CONSOLE_API_PREFIX}/login`, {
      method: 'POST',
      body: { username: NEW_MEMBER.username, password: temporary },
      localAddress: '127.0.0.8',
    });
    expect(old.status).toBe(401);
    const actions = (await audit()).filter((entry) => entry.subjectId === staffId).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.create', 'staff.password_reset', 'staff.password_change']));
  });

  it('admin ends all of an account’s sessions and sockets', async () => {
    const one = await login(t.hub, STAFF);
    const two = await login(t.hub, STAFF, '127.0.0.6');
    const socket = await connectConsole(t.hub, two);
    const closed = socket.closed();
    const ended = await admin.post(`/staff/${one.staffId}/sessions/end`);
    expect(ended.body).toEqual({ ended: expect.any(Number) });
    expect((ended.body as { ended: number }).ended).toBeGreaterThanOrEqual(2);
    expect((await closed).code).toBe(4401);
    expect((await one.get('/session')).status).toBe(401);
    expect((await two.get('/session')).status).toBe(401);
    expect(
      (await audit()).some((entry) => entry.action === 'staff.sessions_end' && entry.subjectId === one.staffId),
    ).toBe(true);
  });

  it('staff change their own password: the current one is required, other sessions end, this one goes on', async () => {
    const member = { username: 'krause', displayName: 'Frau Krause', role: 'staff', password: 'Hafenkran-Blau-19' };
    expect((await admin.post('/staff', member)).status).toBe(200);
    const here = await login(t.hub, member);
    const elsewhere = await login(t.hub, member, '127.0.0.9');
    const wrong = await here.post('/password', {
      currentPassword: 'not-the-password',
      newPassword: 'Marschland-Wind-88',
    });
    expect(wrong.status).toBe(403);
    const weak = await here.post('/password', { currentPassword: member.password, newPassword: 'short' });
    expect(weak).toMatchObject({ status: 422, body: { fieldErrors: [{ field: 'password', code: 'too_short' }] } });
    const same = await here.post('/password', { currentPassword: member.password, newPassword: member.password });
    expect(same.body).toMatchObject({ fieldErrors: [{ code: 'same_as_current' }] });
    const ok = await here.post('/password', { currentPassword: member.password, newPassword: 'Marschland-Wind-88' });
    expect(ok.status).toBe(200);
    expect((await here.get('/session')).status).toBe(200);
    expect((await elsewhere.get('/session')).status).toBe(401);
    await login(t.hub, { username: member.username, password: 'Marschland-Wind-88' });
    const changes = (await audit()).filter(
      (entry) => entry.action === 'staff.password_change' && entry.staffId === here.staffId,
    );
    expect(changes.map((entry) => entry.outcome).sort()).toEqual(['ok', 'refused']);
  });

  it('refuses short, common or breached passwords and ones containing the username', async () => {
    const cases: [string, string, string][] = [
      ['weber', 'elf-zeichen', 'too_short'],
      ['weber', 'qwertyuiop123', 'common'],
      ['weber', '1q2w3e4r5t6y', 'common'],
      ['weber', 'Sommer2024!!!', 'common'],
      ['weber', 'passwort123456', 'common'],
      ['weber', 'aaaaaaaaaaaaaa', 'common'],
      ['weber', 'Weber-am-Schalter-3', 'contains_username'],
      ['weber', 'WEBER', 'too_short'],
    ];
    for (const [username, password, code] of cases) {
      const result = await admin.post('/staff', { username, displayName: 'Herr Weber', role: 'staff', password });
      expect(result, password).toMatchObject({ status: 422, body: { fieldErrors: [{ field: 'password', code }] } });
    }
    const reset = await admin.post(`/staff/${(await login(t.hub, STAFF)).staffId}/password/reset`, {
      password: 'meyer-am-empfang-1',
    });
    expect(reset.body).toMatchObject({ fieldErrors: [{ code: 'contains_username' }] });
    expect(
      (
        await admin.post('/staff', {
          username: 'weber',
          displayName: 'W',
          role: 'staff',
          password: 'Fleet-Ufer-Laterne',
        })
      ).status,
    ).toBe(200);
  });

  it('audits logins, failed logins (an unknown name as such, never the name or password tried) and logouts', async () => {
    const meyer = await login(t.hub, STAFF);
    const guessedName = 'not-a-member-xyz';
    const guessedPassword = 'guessed-secret-4711';
    for (const body of [
      { username: STAFF.username, password: guessedPassword },
      { username: guessedName, password: guessedPassword },
    ])
      expect(
        (await http(`${t.hub.url}${CONSOLE_API_PREFIX}/login`, { method: 'POST', body, localAddress: '127.0.0.11' }))
          .status,
      ).toBe(401);
    expect((await meyer.post('/logout')).status).toBe(200);
    const entries = await audit();
    const mine = entries.filter((entry) => entry.staffId === meyer.staffId).map((entry) => entry.action);
    expect(mine).toEqual(expect.arrayContaining(['login.ok', 'login.failed', 'logout']));
    expect(entries.find((entry) => entry.action === 'login.unknown_user')).toMatchObject({
      staffId: null,
      subjectId: null,
      outcome: 'refused',
    });
    const text = JSON.stringify(entries);
    expect(text).not.toContain(guessedName);
    expect(text).not.toContain(guessedPassword);
  });

  it('a help request cannot be handed to a disabled colleague', async () => {
    const member = { username: 'lange', displayName: 'Herr Lange', role: 'staff', password: 'Schwedenspeicher-Tor' };
    const colleague = (await admin.post('/staff', member)).body as { staffId: string };
    expect((await admin.post(`/staff/${colleague.staffId}/disable`)).status).toBe(200);
    const { credential } = await enrol(t.hub, admin);
    const kiosk = await connectKiosk(t.hub, credential);
    await kiosk.next('welcome');
    kiosk.send(hello());
    const request = helpRequest();
    kiosk.send({ type: 'help.request', request });
    await kiosk.next('help.queued', (message) => message.requestId === request.requestId);
    const meyer = await login(t.hub, STAFF);
    expect((await meyer.post(`/help/${request.requestId}/accept`)).status).toBe(200);
    const names = (await meyer.get('/staff')).body as { staffId: string; active: boolean }[];
    expect(names.find((entry) => entry.staffId === colleague.staffId)?.active).toBe(false);
    const refused = await meyer.post(`/help/${request.requestId}/transfer`, { toStaffId: colleague.staffId });
    expect(refused.status).toBe(404);
    kiosk.close();
  });
});
