import type pg from 'pg';

export interface PostgresSettings {
  connection: Pick<pg.ClientConfig, 'host' | 'port' | 'user' | 'password' | 'database' | 'ssl'>;
  /** host:port/database, for messages and logs (never the password). */
  where: string;
}

export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

const NAME = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;
const SSL_MODES = ['disable', 'verify-full'] as const;

/**
 * `--database-url postgres://user[:password]@host[:port]/database[?sslmode=disable|verify-full]`, checked before any
 * connection: a typo fails at start-up with what is wrong, not later as a timeout. Without a password in the URL,
 * `pg` reads PGPASSWORD (keeps it out of the process list). verify-full checks the server's certificate against the
 * system's CAs (and NODE_EXTRA_CA_CERTS).
 */
export function parseDatabaseUrl(raw: string): PostgresSettings {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DatabaseUrlError('--database-url is not a URL (postgres://user@host:5432/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new DatabaseUrlError(`--database-url must start with postgres:// (found ${url.protocol}//)`);
  if (!url.hostname) throw new DatabaseUrlError('--database-url needs a host');
  const port = url.port === '' ? 5432 : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new DatabaseUrlError('--database-url needs a port number (1–65535)');
  const user = decodeURIComponent(url.username);
  if (!NAME.test(user)) throw new DatabaseUrlError('--database-url needs a user name (postgres://user@host/database)');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!NAME.test(database)) throw new DatabaseUrlError('--database-url needs a database name after the host (/hub)');
  for (const key of url.searchParams.keys())
    if (key !== 'sslmode') throw new DatabaseUrlError(`--database-url: unknown parameter ${key} (only sslmode)`);
  const sslmode = url.searchParams.get('sslmode') ?? 'disable';
  if (!(SSL_MODES as readonly string[]).includes(sslmode))
    throw new DatabaseUrlError(`--database-url: sslmode must be ${SSL_MODES.join(' or ')}`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    connection: {
      host,
      port,
      user,
      database,
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(sslmode === 'verify-full' ? { ssl: { rejectUnauthorized: true, servername: host } } : {}),
    },
    where: `${url.hostname}:${port}/${database}`,
  };
}
