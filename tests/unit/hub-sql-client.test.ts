import { describe, expect, it } from 'vitest';
import { DatabaseUrlError, parseDatabaseUrl } from '../../hub/db/database-url';
import { isConnectionError } from '../../hub/db/postgres-client';
import { toPostgresPlaceholders } from '../../hub/db/sql-client';

/** The parts of the hub's SQL interface that need no server: placeholders, --database-url, error classes. */

describe('? placeholders for PostgreSQL', () => {
  it('numbers them in order, once per statement', () => {
    expect(toPostgresPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toBe(
      'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)',
    );
  });

  it('leaves a ? in strings, quoted names and comments alone', () => {
    expect(
      toPostgresPlaceholders(
        `SELECT 'why?', 'it''s ?', "odd?name" FROM t -- really?\nWHERE a = ? /* b = ? */ AND c = ?`,
      ),
    ).toBe(`SELECT 'why?', 'it''s ?', "odd?name" FROM t -- really?\nWHERE a = $1 /* b = ? */ AND c = $2`);
  });

  it('refuses $n written by hand and unterminated quotes', () => {
    expect(() => toPostgresPlaceholders('SELECT $1')).toThrow(/Write \? placeholders/);
    expect(() => toPostgresPlaceholders("SELECT 'open")).toThrow(/Unterminated/);
  });
});

describe('--database-url', () => {
  it('reads host, port, user, database and the password without putting it in messages', () => {
    const settings = parseDatabaseUrl('postgres://hub:s%40cret@db.stade.local:6432/kiosk_hub');
    expect(settings.connection).toEqual({
      host: 'db.stade.local',
      port: 6432,
      user: 'hub',
      password: 's@cret',
      database: 'kiosk_hub',
    });
    expect(settings.where).toBe('db.stade.local:6432/kiosk_hub');
    expect(parseDatabaseUrl('postgresql://hub@127.0.0.1/hub').connection.port).toBe(5432);
    expect(parseDatabaseUrl('postgres://hub@db/hub?sslmode=verify-full').connection.ssl).toEqual({
      rejectUnauthorized: true,
      servername: 'db',
    });
  });

  it.each([
    ['not a url', /is not a URL/],
    ['mysql://hub@db/hub', /must start with postgres:\/\//],
    ['postgres://hub@db:0/hub', /port number/],
    ['postgres://db/hub', /needs a user name/],
    ['postgres://hub@db/', /needs a database name/],
    ['postgres://hub@db/hub?sslmode=prefer', /sslmode must be disable or verify-full/],
    ['postgres://hub@db/hub?options=-c%20x', /unknown parameter options/],
  ])('refuses %s', (url, message) => {
    expect(() => parseDatabaseUrl(url)).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl(url)).toThrow(message);
  });
});

describe('connection errors', () => {
  it('tells a lost or refused connection from an error in the SQL', () => {
    const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    expect(isConnectionError(coded('ECONNREFUSED'))).toBe(true);
    expect(isConnectionError(coded('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isConnectionError(coded('08006'))).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError(coded('23505', 'duplicate key value'))).toBe(false);
    expect(isConnectionError(coded('40001', 'could not serialize access'))).toBe(false);
  });
});
