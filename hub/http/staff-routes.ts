import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type z } from 'zod';
import { CONSOLE_API_PREFIX, consoleRoutes, type Staff, type StaffAccount } from '../../contract/hub';
import type { DeviceTrust } from '../device-trust';
import { HubError } from '../hub-error';
import type { LiveHub } from '../live-hub';
import type { LoginThrottle } from '../login-throttle';
import { passwordProblem } from '../password-policy';
import { dummyHash, verifyPassword } from '../passwords';
import type { AuditStore } from '../stores/audit-store';
import type { SessionStore } from '../stores/session-store';
import { UsernameTakenError, type StaffStore } from '../stores/staff-store';
import { WindowLimiter } from '../window-limiter';
import { requireSession, SESSION_COOKIE, sessionCookieOptions, type AuthSettings } from './console-auth';
import { originMatches, ownOrigin } from './origin';

type RouteKey = keyof typeof consoleRoutes;
type BodyOf<K extends RouteKey> = (typeof consoleRoutes)[K] extends { body: z.ZodType }
  ? z.infer<(typeof consoleRoutes)[K]['body']>
  : undefined;

export interface StaffRouteParts {
  auth: AuthSettings;
  sessions: SessionStore;
  staff: StaffStore;
  audit: AuditStore;
  live: LiveHub;
  throttle: LoginThrottle;
  devices: DeviceTrust;
}

/**
 * Logins: per source address a loose limit (guessing across many names, @fastify/rate-limit), per address and
 * username a handful a minute (WindowLimiter), then per account the lockout of LoginThrottle for unknown devices.
 * A valid device cookie of the account skips the per-address and per-account limits and has a limit of its own,
 * so neither an attacker elsewhere nor a colleague behind the same address keeps a member of staff out.
 */
export const LOGIN_RATE_PER_ADDRESS = { max: 30, timeWindow: 60_000 };
export const LOGIN_RATE_PER_PAIR = { max: 10, timeWindow: 60_000 };
const PASSWORD_CHANGE_RATE = { max: 10, timeWindow: 60_000 };

/** Staff accounts and login: POST /login, the staff list by role, the lifecycle and the own password change. */
export function registerStaffRoutes(app: FastifyInstance, parts: StaffRouteParts): void {
  const { staff, sessions, audit, live, devices, throttle } = parts;
  const perPair = new WindowLimiter(LOGIN_RATE_PER_PAIR.max, LOGIN_RATE_PER_PAIR.timeWindow);

  function route<K extends RouteKey>(
    key: K,
    options: { admin?: boolean; rateLimit?: { max: number; timeWindow: number } },
    handler: (context: { request: FastifyRequest; reply: FastifyReply; body: BodyOf<K>; me: Staff }) => unknown,
  ): void {
    const [method, path] = key.split(' ') as ['GET' | 'POST', string];
    const spec = consoleRoutes[key] as { body?: z.ZodType };
    app.route({
      method,
      url: `${CONSOLE_API_PREFIX}${path}`,
      ...(options.rateLimit ? { config: { rateLimit: options.rateLimit } } : {}),
      onRequest: requireSession(parts.auth, options.admin ? 'admin' : undefined),
      handler: async (request, reply) => {
        const body = spec.body ? spec.body.parse(request.body ?? {}) : undefined;
        return handler({ request, reply, body: body as BodyOf<K>, me: request.consoleSession!.staff });
      },
    });
  }

  /** Every session and console socket of an account ends now (but `keep`, the caller's own). */
  async function endSessions(staffId: string, keep?: string): Promise<number> {
    const ended = await sessions.deleteForStaff(staffId, keep);
    for (const hash of ended) live.closeConsoleSession(hash);
    return ended.length;
  }

  function weakPassword(reply: FastifyReply, password: string, username: string): boolean {
    const problem = passwordProblem(password, username);
    if (!problem) return false;
    void reply.code(422).send({ error: 'weak_password', fieldErrors: [{ field: 'password', code: problem }] });
    return true;
  }

  async function target(staffId: string | undefined, me: Staff, allowSelf: boolean): Promise<StaffAccount> {
    const account = staffId ? await staff.account(staffId) : undefined;
    if (!account) throw new HubError(404, 'unknown_staff');
    if (!allowSelf && account.staffId === me.staffId) throw new HubError(409, 'own_account');
    const { passwordHash: _omit, ...view } = account;
    return view;
  }
  const view = async (staffId: string): Promise<StaffAccount> => {
    const { passwordHash: _omit, ...account } = (await staff.account(staffId))!;
    return account;
  };
  const params = (request: FastifyRequest) => request.params as { staffId?: string };

  app.route({
    method: 'POST',
    url: `${CONSOLE_API_PREFIX}/login`,
    // Known devices are not held back by what others do from the same address.
    config: {
      rateLimit: {
        ...LOGIN_RATE_PER_ADDRESS,
        allowList: (request: FastifyRequest) => devices.anyValid(request.cookies),
      },
    },
    handler: async (request, reply) => {
      if (!originMatches(request, ownOrigin(request, parts.auth.tls, parts.auth.publicOrigin), false))
        throw new HubError(403, 'foreign_origin');
      const { username, password } = consoleRoutes['POST /login'].body.parse(request.body);
      const accountKey = username.toLowerCase();
      const account = await staff.byUsername(username);
      const device = account
        ? devices.verify(request.cookies[devices.cookieName(account.staffId)], account.staffId)
        : undefined;
      const refuse = (retryAfterMs: number) => {
        reply.header('retry-after', Math.max(1, Math.ceil(retryAfterMs / 1000)));
        return new HubError(429, 'rate_limited');
      };
      const pairWait = perPair.hit(device ? `device|${device}` : `${request.ip}|${accountKey}`);
      if (pairWait > 0) throw refuse(pairWait * 1000);
      if (!device) {
        const decision = throttle.begin(accountKey);
        if (!decision.allowed) throw refuse(decision.retryAfterMs);
        // Once per run of failures: the account is locked for unknown devices from now on.
        if (decision.lockStarted)
          await audit.write({
            staffId: account?.staffId ?? null,
            action: account ? 'login.lockout' : 'login.lockout.unknown_user',
            outcome: 'refused',
          });
      }
      const valid = await verifyPassword(account?.passwordHash ?? (await dummyHash()), password);
      if (!account || !valid) {
        if (device) devices.failed(device);
        // An unknown name is recorded as such: never the name tried, nor the password.
        await audit.write(
          account
            ? { staffId: account.staffId, action: 'login.failed', outcome: 'refused' }
            : { staffId: null, action: 'login.unknown_user', outcome: 'refused' },
        );
        throw new HubError(401, 'invalid_login');
      }
      if (device) devices.succeeded(device);
      else throttle.succeeded(accountKey);
      if (account.disabled) {
        await audit.write({ staffId: account.staffId, action: 'login.disabled', outcome: 'refused' });
        throw new HubError(403, 'account_disabled');
      }
      // A new token at every login; a session the browser still presented ends here.
      const previous = await sessions.lookup(request.cookies[SESSION_COOKIE], false);
      if (previous) {
        await sessions.delete(previous.tokenHash);
        live.closeConsoleSession(previous.tokenHash);
      }
      const created = await sessions.create(account.staffId);
      reply.setCookie(SESSION_COOKIE, created.token, sessionCookieOptions(parts.auth.tls));
      reply.setCookie(
        devices.cookieName(account.staffId),
        devices.issue(account.staffId),
        devices.cookieOptions(parts.auth.tls),
      );
      await audit.write({ staffId: account.staffId, action: 'login.ok', outcome: 'ok' });
      const { staffId, username: name, displayName, role, mustChangePassword } = account;
      return {
        staff: { staffId, username: name, displayName, role },
        csrfToken: created.csrfToken,
        mustChangePassword,
      };
    },
  });

  // Every role sees colleagues' names (to hand a request over); usernames, roles and states are for admins.
  route('GET /staff', {}, () => staff.names());
  route('GET /staff/accounts', { admin: true }, () => staff.accounts());

  route('POST /staff', { admin: true }, async ({ reply, body, me }) => {
    if (weakPassword(reply, body.password, body.username)) return reply;
    try {
      const created = await staff.create(body);
      await audit.write({ staffId: me.staffId, action: 'staff.create', subjectId: created.staffId, outcome: 'ok' });
      return created;
    } catch (error) {
      if (error instanceof UsernameTakenError) throw new HubError(409, 'username_taken');
      throw error;
    }
  });

  route('POST /staff/:staffId/disable', { admin: true }, async ({ request, me }) => {
    const account = await target(params(request).staffId, me, false);
    if ((await staff.disable(account.staffId)) === 'last_admin') throw new HubError(409, 'last_admin');
    await endSessions(account.staffId);
    await audit.write({ staffId: me.staffId, action: 'staff.disable', subjectId: account.staffId, outcome: 'ok' });
    return view(account.staffId);
  });

  route('POST /staff/:staffId/enable', { admin: true }, async ({ request, me }) => {
    const account = await target(params(request).staffId, me, false);
    await staff.setDisabled(account.staffId, false);
    await audit.write({ staffId: me.staffId, action: 'staff.enable', subjectId: account.staffId, outcome: 'ok' });
    return view(account.staffId);
  });

  route('POST /staff/:staffId/password/reset', { admin: true }, async ({ request, reply, body, me }) => {
    // One's own password is changed with the current one (POST /password), not reset.
    const account = await target(params(request).staffId, me, false);
    if (weakPassword(reply, body.password, account.username)) return reply;
    await staff.setPassword(account.staffId, body.password, true);
    await endSessions(account.staffId);
    await audit.write({
      staffId: me.staffId,
      action: 'staff.password_reset',
      subjectId: account.staffId,
      outcome: 'ok',
    });
    return view(account.staffId);
  });

  route('POST /staff/:staffId/sessions/end', { admin: true }, async ({ request, me }) => {
    const account = await target(params(request).staffId, me, true);
    const ended = await endSessions(account.staffId);
    await audit.write({ staffId: me.staffId, action: 'staff.sessions_end', subjectId: account.staffId, outcome: 'ok' });
    return { ended };
  });

  route('POST /password', { rateLimit: PASSWORD_CHANGE_RATE }, async ({ request, reply, body, me }) => {
    const account = (await staff.account(me.staffId))!;
    if (!(await verifyPassword(account.passwordHash, body.currentPassword))) {
      await audit.write({
        staffId: me.staffId,
        action: 'staff.password_change',
        subjectId: me.staffId,
        outcome: 'refused',
      });
      throw new HubError(403, 'wrong_password');
    }
    if (weakPassword(reply, body.newPassword, account.username)) return reply;
    if (await verifyPassword(account.passwordHash, body.newPassword)) {
      void reply
        .code(422)
        .send({ error: 'weak_password', fieldErrors: [{ field: 'password', code: 'same_as_current' }] });
      return reply;
    }
    await staff.setPassword(me.staffId, body.newPassword, false);
    // Anyone else holding a session of this account is out; this one goes on.
    await endSessions(me.staffId, request.consoleSession!.tokenHash);
    await audit.write({ staffId: me.staffId, action: 'staff.password_change', subjectId: me.staffId, outcome: 'ok' });
    return { ok: true as const };
  });
}
