import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CONSOLE_API_PREFIX } from '../../contract/hub';
import { DASHBOARD_PATH, type Dashboard } from '../../contract/open-data';
import { HubError } from '../hub-error';
import { requireSession, type AuthSettings } from '../http/console-auth';
import type { AuditStore } from '../stores/audit-store';
import type { TerminalStore } from '../stores/terminal-store';
import type { UsageStore } from '../stores/usage-store';
import { buildDashboard } from './dashboard';
import {
  buildCatalog,
  CATALOG_PATH,
  DASHBOARD_PAGE_PATH,
  MONTHLY_CSV_PATH,
  OPEN_DATA_PREFIX,
  type OpenDataSettings,
} from './dcat';
import { addDays, townDay } from './local-day';
import { dailyCsv, monthlyCsv, monthsOf } from './open-data-csv';
import type { ServiceDirectory } from './service-directory';

export const CONSOLE_USAGE_PATH = `${CONSOLE_API_PREFIX}/usage`;
/** How long a computed file is served before it is computed again. */
export const OPEN_DATA_CACHE_MS = 60_000;
const PUBLIC_RATE = { max: 120, timeWindow: 60_000 };
const TerminalQuery = z.strictObject({ terminalId: z.string().regex(/^t_[A-Za-z0-9_-]{1,40}$/) });

export interface OpenDataRouteParts {
  now: () => number;
  usage: UsageStore;
  terminals: TerminalStore;
  audit: AuditStore;
  auth: AuthSettings;
  directory: () => ServiceDirectory;
  retentionDays: number;
  settings: OpenDataSettings;
  publicOrigin: string | undefined;
}

/**
 * The open data, without login (issue 18): the monthly CSV, one daily CSV per month, their DCAT-AP.de metadata and
 * the dashboard's figures; and, for staff, the same figures for one terminal (audited).
 */
export function registerOpenDataRoutes(app: FastifyInstance, parts: OpenDataRouteParts): void {
  // Kiosks report after every session: keyed on the data's changes the cache would hardly ever hold, so the
  // published figures may lag a report by up to a minute.
  const cache = new Map<string, { at: number; value: string }>();
  const cached = (key: string, make: () => string): string => {
    const now = parts.now();
    const hit = cache.get(key);
    if (hit && now - hit.at < OPEN_DATA_CACHE_MS) return hit.value;
    const value = make();
    cache.set(key, { at: now, value });
    return value;
  };
  const fromDay = () => addDays(townDay(parts.now()), -parts.retentionDays);
  // A row per terminal and month (usage_months), summed as the days would be: the same figures as from the days.
  const stored = (terminalId?: string) => parts.usage.months(fromDay(), terminalId);
  /** The stored days of one month (YYYY-MM) within the retention. */
  const daysOf = (month: string) => {
    const from = fromDay();
    const first = `${month}-01`;
    return parts.usage.between(first > from ? first : from, addDays(first, 31).slice(0, 7) + '-01');
  };
  const origin = (request: FastifyRequest) => parts.publicOrigin ?? `${request.protocol}://${request.host}`;

  const open = (reply: FastifyReply, type: string) =>
    reply
      .header('content-type', type)
      .header('cache-control', `public, max-age=${OPEN_DATA_CACHE_MS / 1000}`)
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin');
  const config = { rateLimit: PUBLIC_RATE };

  // The open data's own address leads people to the page that explains and draws it.
  app.get(`${OPEN_DATA_PREFIX}/`, (_request, reply) => reply.redirect(DASHBOARD_PAGE_PATH));
  app.get(MONTHLY_CSV_PATH, { config }, (_request, reply) =>
    open(reply, 'text/csv; charset=utf-8; header=present').send(
      cached('monthly', () => monthlyCsv(stored(), parts.directory())),
    ),
  );
  app.get(`${OPEN_DATA_PREFIX}/usage-daily-:month(^\\d{4}-(?:0[1-9]|1[0-2])).csv`, { config }, (request, reply) => {
    const { month } = request.params as { month: string };
    if (!monthsOf(stored()).includes(month)) throw new HubError(404, 'not_found');
    return open(reply, 'text/csv; charset=utf-8; header=present').send(
      cached(`daily-${month}`, () => dailyCsv(daysOf(month), month, parts.directory())),
    );
  });
  app.get(CATALOG_PATH, { config }, (request, reply) => {
    const from = fromDay();
    const base = origin(request);
    return open(reply, 'application/ld+json; charset=utf-8').send(
      cached(`catalog ${base}`, () => {
        const summary = parts.usage.summary(from);
        const now = new Date(parts.now()).toISOString();
        return JSON.stringify(
          buildCatalog({
            origin: base,
            settings: parts.settings,
            months: monthsOf(stored()),
            coverage: summary ? { from: summary.from, to: summary.to } : null,
            issued: summary ? new Date(summary.firstReceived).toISOString() : now,
            modified: summary ? new Date(summary.lastReceived).toISOString() : now,
          }),
          null,
          2,
        );
      }),
    );
  });
  app.get(DASHBOARD_PATH, { config }, (_request, reply) =>
    open(reply, 'application/json; charset=utf-8').send(
      cached('dashboard', () =>
        JSON.stringify(buildDashboard(stored(), parts.directory(), parts.now(), null) satisfies Dashboard),
      ),
    ),
  );

  // At start, the month tables are suppressed once (tables.ts keeps them): a request later suppresses only the
  // months whose figures changed since, mostly the current one, so the event loop is not held for the whole period.
  monthlyCsv(stored(), parts.directory());
  buildDashboard(stored(), parts.directory(), parts.now(), null);

  app.get(CONSOLE_USAGE_PATH, { onRequest: requireSession(parts.auth) }, async (request) => {
    const staffId = request.consoleSession!.staff.staffId;
    const parsed = TerminalQuery.safeParse(request.query);
    const terminal = parsed.success ? await parts.terminals.get(parsed.data.terminalId) : undefined;
    await parts.audit.write({
      staffId,
      action: 'usage.view',
      terminalId: terminal?.terminalId ?? null,
      outcome: terminal ? 'ok' : 'refused',
    });
    if (!parsed.success) throw new HubError(400, 'invalid_input');
    if (!terminal) throw new HubError(404, 'not_found');
    return buildDashboard(stored(terminal.terminalId), parts.directory(), parts.now(), {
      terminalId: terminal.terminalId,
      name: terminal.name,
    });
  });
}
