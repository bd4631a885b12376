import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_REASONS } from '../../contract/hub';
import { RequestAccess } from '../../hub/live/request-access';
import { AuditStore } from '../../hub/stores/audit-store';
import { HealthStore } from '../../hub/stores/health-store';
import { HelpStore } from '../../hub/stores/help-store';
import { SessionStore } from '../../hub/stores/session-store';
import { StaffStore, UsernameTakenError } from '../../hub/stores/staff-store';
import { TerminalStore } from '../../hub/stores/terminal-store';
import type { SqlClient } from '../../hub/db/sql-client';
import { report } from './hub-health-helpers';
import { FakeClock } from '../fixtures/core-harness';
import { startPostgres, type TestPostgres } from '../fixtures/postgres';
import { ENGINES, openTestSql } from '../fixtures/hub-sql';

/**
 * The hub's asynchronous SQL interface and the first store over it (issue 20, the region): the same test body on
 * the embedded SQLite file and on a real PostgreSQL started by the test (tests/fixtures/postgres.ts).
 */

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
  // A figure for the report, never an assertion.
  console.info(`PostgreSQL ready: data dir ${postgres.startupMs.dataDir} ms, server ${postgres.startupMs.server} ms`);
}, 60_000);
afterAll(() => postgres?.stop(), 30_000);

const T1 = 't_foyer0001';
const T2 = 't_library001';
const clock = new FakeClock(Date.UTC(2025, 5, 16, 8, 0));
const PASSWORD = 'Stade-Rathaus-2025!';
const ACTIVITY = {
  serviceId: null,
  stepId: null,
  screen: 'start' as const,
  stepNumber: null,
  stepCount: null,
  language: 'de' as const,
};

describe.each(ENGINES)('on %s', (engine) => {
  let sql: SqlClient;
  let close: () => Promise<void>;
  // One migrated database per engine (creating one on PostgreSQL takes a second); each test starts from empty tables.
  beforeAll(async () => {
    ({ sql, close } = await openTestSql(engine, () => postgres));
  }, 30_000);
  afterAll(() => close?.());

  async function open(): Promise<SqlClient> {
    for (const table of [
      'terminal_health',
      'audit_log',
      'hub_keys',
      'help_requests',
      'console_sessions',
      'staff',
      'terminals',
    ])
      await sql.run(`DELETE FROM ${table}`);
    // Terminals the health rows point at (a foreign key on both engines).
    for (const id of [T1, T2])
      await sql.run('INSERT INTO terminals (terminal_id, name, location, created_at) VALUES (?, ?, ?, ?)', [
        id,
        'Foyer',
        'Rathaus',
        clock.now(),
      ]);
    return sql;
  }

  it('saves, replaces and lists the terminals’ latest health reports', async () => {
    const store = new HealthStore(await open());
    expect(await store.get(T1)).toBeUndefined();
    await store.save(T1, report(clock), clock.now());
    await store.save(T2, report(clock, { printer: 'out_of_paper' }), clock.now() + 1);
    await store.save(T1, report(clock, { freeDiskBytes: 5 * 2 ** 30 }), clock.now() + 60_000);

    const first = await store.get(T1);
    expect(first).toEqual({ report: report(clock, { freeDiskBytes: 5 * 2 ** 30 }), receivedAt: clock.now() + 60_000 });
    // A millisecond time comes back as a number on both engines (PostgreSQL's BIGINT is parsed, not a string).
    expect(typeof first!.receivedAt).toBe('number');
    const all = await store.all();
    expect([...all.keys()].sort()).toEqual([T1, T2]);
    expect(all.get(T2)!.report.printer).toBe('out_of_paper');
    expect(await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM terminal_health')).toEqual({ n: 2 });
  });

  it('refuses a report for an unknown terminal and one that does not match the contract', async () => {
    const store = new HealthStore(await open());
    await expect(store.save('t_unknown0001', report(clock), clock.now())).rejects.toThrow(/foreign key/i);
    await expect(store.save(T1, { ...report(clock), printer: 'on_fire' } as never, clock.now())).rejects.toThrow();
    expect((await store.all()).size).toBe(0);
  });

  it('commits a transaction whole, and writes nothing of one that throws', async () => {
    await open();
    await sql.transaction(async (tx) => {
      await tx.run('INSERT INTO audit_log (at, staff_id, action, outcome) VALUES (?, ?, ?, ?)', [1, null, 'a', 'ok']);
      await tx.run('INSERT INTO audit_log (at, staff_id, action, outcome) VALUES (?, ?, ?, ?)', [2, null, 'b', 'ok']);
    });
    await expect(
      sql.transaction(async (tx) => {
        await tx.run('INSERT INTO audit_log (at, staff_id, action, outcome) VALUES (?, ?, ?, ?)', [3, null, 'c', 'ok']);
        // The CHECK on outcome fails: the row before it must go too.
        await tx.run('INSERT INTO audit_log (at, staff_id, action, outcome) VALUES (?, ?, ?, ?)', [4, null, 'd', 'no']);
      }),
    ).rejects.toThrow(/check/i);
    await expect(
      sql.transaction(async (tx) => {
        await tx.run('INSERT INTO audit_log (at, staff_id, action, outcome) VALUES (?, ?, ?, ?)', [5, null, 'e', 'ok']);
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('the caller changed its mind');
    const actions = await sql.all<{ action: string }>('SELECT action FROM audit_log ORDER BY at');
    expect(actions.map((row) => row.action)).toEqual(['a', 'b']);
  });

  it('does not commit a transaction whose failed statement the caller swallowed', async () => {
    await open();
    // PostgreSQL aborts a transaction at its first failed statement; the SQLite client does the same, so a store
    // behaves alike on both and nothing is half written.
    await expect(
      sql.transaction(async (tx) => {
        await tx.run('INSERT INTO audit_log (at, staff_id, action, outcome) VALUES (?, ?, ?, ?)', [1, null, 'a', 'ok']);
        await tx.run('INSERT INTO nowhere (x) VALUES (?)', [1]).catch(() => undefined);
      }),
    ).rejects.toThrow(/rolled back: a statement in it failed/);
    expect(await sql.get('SELECT COUNT(*) AS n FROM audit_log')).toEqual({ n: 0 });
  });

  it('keeps calls from outside a transaction out of it, and runs concurrent transactions one after the other', async () => {
    await open();
    const insert = (tx: Pick<SqlClient, 'run'>, action: string) =>
      tx.run('INSERT INTO audit_log (at, staff_id, action, outcome) VALUES (?, ?, ?, ?)', [1, null, action, 'ok']);
    // Read-modify-write of a counter in 10 concurrent transactions: serializable on both engines, so none is lost.
    await sql.run('INSERT INTO hub_keys (name, secret, created_at) VALUES (?, ?, ?)', ['counter', Buffer.from([0]), 0]);
    const bump = () =>
      sql.transaction(async (tx) => {
        const row = await tx.get<{ created_at: number }>('SELECT created_at FROM hub_keys WHERE name = ?', ['counter']);
        await tx.run('UPDATE hub_keys SET created_at = ? WHERE name = ?', [row!.created_at + 1, 'counter']);
      });
    const failing = sql.transaction(async (tx) => {
      await insert(tx, 'inside');
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('rolled back');
    });
    const outside = insert(sql, 'outside');
    await Promise.all([...Array.from({ length: 10 }, bump), expect(failing).rejects.toThrow('rolled back'), outside]);
    expect(await sql.get('SELECT created_at FROM hub_keys WHERE name = ?', ['counter'])).toEqual({ created_at: 10 });
    expect((await sql.all<{ action: string }>('SELECT action FROM audit_log')).map((row) => row.action)).toEqual([
      'outside',
    ]);
  });

  it('terminals: enrols once with a valid code, authenticates the credential, refuses it after revocation', async () => {
    await open();
    let now = clock.now();
    const terminals = new TerminalStore(sql, () => now);
    const created = await terminals.create('Foyer', 'Rathaus');
    expect(created.terminal).toMatchObject({ name: 'Foyer', enrolled: false, revoked: false, lastContact: null });
    // Two enrolments with the same code at once: one credential, the code is used up.
    const [first, second] = await Promise.all([
      terminals.enrol(created.enrolmentCode, '1.0.0'),
      terminals.enrol(created.enrolmentCode, '1.0.0'),
    ]);
    const enrolled = first ?? second;
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(enrolled!.terminal).toMatchObject({ enrolled: true, appVersion: '1.0.0' });
    expect(await terminals.authenticate(enrolled!.credential)).toMatchObject({
      terminalId: created.terminal.terminalId,
    });
    expect(await terminals.authenticate(`${created.terminal.terminalId}.wrong`)).toBeUndefined();
    // An expired code is refused and gone.
    const late = await terminals.create('Bibliothek', 'Altstadt');
    now += 16 * 60_000;
    expect(await terminals.enrol(late.enrolmentCode, '1.0.0')).toBeUndefined();
    now += 1;
    const activity = {
      serviceId: null,
      stepId: null,
      screen: 'start' as const,
      stepNumber: null,
      stepCount: null,
      language: 'de' as const,
    };
    await terminals.report(created.terminal.terminalId, { outboxBacklog: 3, activity });
    const reported = await terminals.get(created.terminal.terminalId);
    expect(reported).toMatchObject({ outboxBacklog: 3, lastContact: now, activity });
    expect(typeof reported!.lastContact).toBe('number');
    expect((await terminals.list()).map((terminal) => terminal.name)).toEqual([
      'Bibliothek',
      'Foyer',
      'Foyer',
      'Foyer',
    ]);
    expect(await terminals.revoke(created.terminal.terminalId)).toMatchObject({ revoked: true, enrolled: false });
    expect(await terminals.authenticate(enrolled!.credential)).toBeUndefined();
  });

  it('staff and sessions: a taken name is refused, the last admin stays, a session idles out', async () => {
    await open();
    let now = clock.now();
    const staff = new StaffStore(sql, () => now);
    const sessions = new SessionStore(sql, staff, () => now);
    const admin = await staff.create({ username: 'a.admin', displayName: 'A', role: 'admin', password: PASSWORD });
    const other = await staff.create({ username: 'b.admin', displayName: 'B', role: 'admin', password: PASSWORD });
    await expect(
      staff.create({ username: 'a.admin', displayName: 'X', role: 'staff', password: PASSWORD }),
    ).rejects.toBeInstanceOf(UsernameTakenError);
    expect(await staff.countAdmins()).toBe(2);
    // Both admins disabled at once: one stays, whichever went first.
    const outcomes = await Promise.all([staff.disable(admin.staffId), staff.disable(other.staffId)]);
    expect(outcomes.sort()).toEqual(['disabled', 'last_admin']);
    expect(await staff.countActiveAdmins()).toBe(1);
    const active = (await staff.accounts()).find((account) => !account.disabled)!;
    expect((await staff.byUsername(active.username))!.passwordHash).toMatch(/^\$argon2id\$/);

    const session = await sessions.create(active.staffId);
    expect((await sessions.lookup(session.token))!.staff.staffId).toBe(active.staffId);
    now += 14 * 60_000;
    expect(await sessions.lookup(session.token)).toBeDefined();
    now += 15 * 60_000;
    expect(await sessions.lookup(session.token)).toBeUndefined();
    const again = await sessions.create(active.staffId);
    expect(await sessions.deleteForStaff(active.staffId)).toEqual([again.tokenHash]);
    expect(await sessions.lookup(again.token)).toBeUndefined();
    await sessions.create(active.staffId);
    now += 9 * 60 * 60_000;
    expect(await sessions.sweep()).toBe(1);
  });

  it('help and audit: a state change and its audit entry commit together; of two accepts at once one wins', async () => {
    await open();
    const staff = new StaffStore(sql, clock.now);
    const help = new HelpStore(sql, clock.now);
    const audit = new AuditStore(sql, clock.now);
    const access = new RequestAccess({ sql, help, audit });
    const anna = await staff.create({ username: 'anna', displayName: 'Anna', role: 'staff', password: PASSWORD });
    const ben = await staff.create({ username: 'ben', displayName: 'Ben', role: 'staff', password: PASSWORD });
    const request = {
      requestId: '0b8f3c7e-9d2a-4f1b-8c3e-5a6d7e8f9a0b',
      reason: HELP_REASONS[0],
      activity: ACTIVITY,
      since: new Date(clock.now()).toISOString(),
    };
    expect(await help.insert(T1, request)).toBe(true);
    // A kiosk sending it again changes nothing.
    expect(await help.insert(T1, request)).toBe(false);
    const accept = (who: typeof anna) =>
      access.change(who, request.requestId, 'help.accept', {
        needAssigned: false,
        refusal: (record) => (record.state !== 'waiting' ? { status: 409, code: 'not_waiting' } : undefined),
        state: 'accepted',
        assignedStaffId: who.staffId,
      });
    const outcomes = await Promise.allSettled([accept(anna), accept(ben)]);
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ assignedStaffId: string | null }>).value.assignedStaffId;
    expect((await help.get(request.requestId))!).toMatchObject({ state: 'accepted', assignedStaffId: winner });
    const entries = await audit.list();
    expect(entries.map((entry) => [entry.staffId === winner, entry.outcome]).sort()).toEqual([
      [false, 'refused'],
      [true, 'ok'],
    ]);
    // The one who lost may not resolve it: refused on the record, nothing changed.
    const loser = winner === anna.staffId ? ben : anna;
    await expect(
      access.change(loser, request.requestId, 'help.resolve', { needAssigned: true, state: 'resolved' }),
    ).rejects.toMatchObject({ status: 403, code: 'not_assigned' });
    expect((await help.open()).map((record) => record.requestId)).toEqual([request.requestId]);
    expect(await audit.list()).toHaveLength(3);
  });

  it('passes a ? inside a quoted string through as text', async () => {
    await open();
    await sql.run("INSERT INTO audit_log (at, staff_id, action, outcome) VALUES (?, ?, 'why?', ?)", [1, null, 'ok']);
    expect(await sql.get("SELECT action FROM audit_log WHERE action = 'why?' AND at = ?", [1])).toEqual({
      action: 'why?',
    });
  });
});
