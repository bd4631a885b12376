import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CONSOLE_API_PREFIX } from '../../contract/hub';
import { DASHBOARD_PATH } from '../../contract/open-data';
import { HubError } from '../hub-error';
import { requireSession, type AuthSettings } from '../http/console-auth';
import type { AuditStore } from '../stores/audit-store';
import type { TerminalStore } from '../stores/terminal-store';
import {
  buildCatalog,
  CATALOG_PATH,
  DASHBOARD_PAGE_PATH,
  MONTHLY_CSV_PATH,
  OPEN_DATA_PREFIX,
  type OpenDataSettings,
} from './dcat';
import { OPEN_DATA_LAG_MS, type OpenDataPublisher, type ServedFile } from './publisher';

export const CONSOLE_USAGE_PATH = `${CONSOLE_API_PREFIX}/usage`;
/** How long a client may keep a file (the published figures may lag the reports by as much, see publisher.ts). */
export const OPEN_DATA_CACHE_MS = OPEN_DATA_LAG_MS;
const PUBLIC_RATE = { max: 120, timeWindow: 60_000 };
const TerminalQuery = z.strictObject({ terminalId: z.string().regex(/^t_[A-Za-z0-9_-]{1,40}$/) });

export interface OpenDataRouteParts {
  terminals: TerminalStore;
  audit: AuditStore;
  auth: AuthSettings;
  publisher: OpenDataPublisher;
  settings: OpenDataSettings;
  publicOrigin: string | undefined;
}

/** Whether the client takes gzip (an `accept-encoding` entry gzip or *, its q not 0). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((entry) => {
    const [coding, ...params] = entry.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/**
 * The open data, without login (issue 18): the monthly CSV, one daily CSV per month, their DCAT-AP.de metadata and
 * the dashboard's figures; and, for staff, the same figures for one terminal (audited). Every figure is computed in
 * the publisher's worker (publisher.ts): a handler here only sends bytes that are ready, or waits for them.
 */
export function registerOpenDataRoutes(app: FastifyInstance, parts: OpenDataRouteParts): void {
  const { publisher } = parts;
  const catalogs = new Map<string, { generation: number; text: string }>();
  const origin = (request: FastifyRequest) => parts.publicOrigin ?? `${request.protocol}://${request.host}`;

  const open = (reply: FastifyReply, type: string) =>
    reply
      .header('content-type', type)
      .header('cache-control', `public, max-age=${OPEN_DATA_CACHE_MS / 1000}`)
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('vary', 'accept-encoding');
  const send = async (request: FastifyRequest, reply: FastifyReply, type: string, file: ServedFile) => {
    open(reply, type);
    if (acceptsGzip(request.headers['accept-encoding']))
      return reply.header('content-encoding', 'gzip').send(file.gzip);
    return reply.send(await file.plain());
  };
  const config = { rateLimit: PUBLIC_RATE };
  const CSV = 'text/csv; charset=utf-8; header=present';

  // The open data's own address leads people to the page that explains and draws it.
  app.get(`${OPEN_DATA_PREFIX}/`, (_request, reply) => reply.redirect(DASHBOARD_PAGE_PATH));
  app.get(MONTHLY_CSV_PATH, { config }, async (request, reply) =>
    send(request, reply, CSV, (await publisher.town()).monthlyCsv),
  );
  app.get(
    `${OPEN_DATA_PREFIX}/usage-daily-:month(^\\d{4}-(?:0[1-9]|1[0-2])).csv`,
    { config },
    async (request, reply) => {
      const { month } = request.params as { month: string };
      const publication = await publisher.town();
      if (!publication.meta.months.includes(month)) throw new HubError(404, 'not_found');
      return send(request, reply, CSV, await publisher.dailyCsv(publication, month));
    },
  );
  app.get(CATALOG_PATH, { config }, async (request, reply) => {
    const base = origin(request);
    const publication = await publisher.town();
    let catalog = catalogs.get(base);
    if (catalog?.generation !== publication.generation) {
      const { months, coverage, generatedAt } = publication.meta;
      const at = new Date(generatedAt).toISOString();
      const text = JSON.stringify(
        buildCatalog({
          origin: base,
          settings: parts.settings,
          months,
          coverage: coverage ? { from: coverage.from, to: coverage.to } : null,
          issued: coverage ? new Date(coverage.firstReceived).toISOString() : at,
          modified: coverage ? new Date(coverage.lastReceived).toISOString() : at,
        }),
        null,
        2,
      );
      catalogs.set(base, (catalog = { generation: publication.generation, text }));
    }
    return open(reply, 'application/ld+json; charset=utf-8').send(catalog.text);
  });
  app.get(DASHBOARD_PATH, { config }, async (request, reply) =>
    send(request, reply, 'application/json; charset=utf-8', (await publisher.town()).dashboard),
  );

  app.get(CONSOLE_USAGE_PATH, { onRequest: requireSession(parts.auth) }, async (request, reply) => {
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
    const figures: string = await publisher.terminal(terminal.terminalId, terminal.name);
    return reply.header('content-type', 'application/json; charset=utf-8').send(figures);
  });
}
