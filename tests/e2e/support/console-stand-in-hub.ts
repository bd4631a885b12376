/**
 * A STAND-IN for the help-desk hub (hub/, being written in parallel): it serves the built console
 * (dist/console) and implements the console routes of contract/hub/console-protocol.ts with small
 * in-memory state that stays consistent (accepting a request changes the queue, creating a terminal
 * adds it, …). The kiosk side is played by the test through the methods below. The integrator switches
 * tests/e2e/console.spec.ts to the real hub once it exists; nothing here is shipped.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type {
  AuditEntry,
  HelpRequestView,
  HubToConsole,
  LiveSnapshot,
  Staff,
  TerminalView,
} from '../../../contract/hub';
import { CONSOLE_API_PREFIX, CONSOLE_WS_PATH, CSRF_HEADER, CODE_ALPHABET, consoleRoutes } from '../../../contract/hub';
import { contentSecurityPolicy, securityHeaders } from '../../../core/transport/security-headers';
import { ROOT } from './paths';

const CONSOLE_DIR = join(ROOT, 'dist', 'console');
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};
/** Failed logins per user name before 429, and the wait the stand-in asks for. */
export const LOGIN_LIMIT = 3;
export const LOGIN_WAIT_SECONDS = 30;

interface Account extends Staff {
  password: string;
}

export interface RecordedCommand {
  route: string;
  requestId: string;
  body: Record<string, unknown>;
  commandId?: string;
}

export const ACCOUNTS: Account[] = [
  { staffId: 's_admin', username: 'admin', displayName: 'Frau Admin', role: 'admin', password: 'admin-password-1' },
  { staffId: 's_meyer', username: 'meyer', displayName: 'Frau Meyer', role: 'staff', password: 'meyer-password-1' },
  { staffId: 's_koch', username: 'koch', displayName: 'Herr Koch', role: 'staff', password: 'koch-password-12' },
];

function code(groups: number): string {
  const bytes = randomBytes(groups * 4);
  const chars = [...bytes].map((byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]);
  return Array.from({ length: groups }, (_, i) => chars.slice(i * 4, i * 4 + 4).join('')).join('-');
}

export class StandInHub {
  private server: Server;
  private wss = new WebSocketServer({ noServer: true });
  private sockets = new Set<WebSocket>();
  private sessions = new Map<string, { staffId: string; csrf: string }>();
  private failedLogins = new Map<string, number>();
  port = 0;

  accounts: Account[] = [];
  queue: HelpRequestView[] = [];
  terminals: TerminalView[] = [];
  audit: AuditEntry[] = [];
  handovers = new Map<
    string,
    { handoverId: string; serviceId: string; language: 'de'; answers: Record<string, string> }
  >();
  submitted: { handoverId: string; answers: Record<string, unknown> }[] = [];
  /** What the hub would have sent to the kiosk: guide targets, takeover commands, consent requests. */
  commands: RecordedCommand[] = [];
  private references = 0;

  constructor() {
    this.reset();
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('upgrade', (req, socket, head) => {
      const session = this.sessionOf(req);
      const originOk = req.headers.origin === this.origin;
      if (req.url !== CONSOLE_WS_PATH || !session || !originOk) {
        socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.add(ws);
        ws.on('close', () => this.sockets.delete(ws));
        ws.send(JSON.stringify({ type: 'queue', requests: this.queue } satisfies HubToConsole));
        ws.send(JSON.stringify({ type: 'terminals', terminals: this.terminals } satisfies HubToConsole));
      });
    });
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Fresh state for each test: three accounts, two terminals, one handover draft, no requests. */
  reset(): void {
    this.accounts = ACCOUNTS.map((account) => ({ ...account }));
    this.sessions.clear();
    this.failedLogins.clear();
    this.queue = [];
    this.audit = [];
    this.commands = [];
    this.submitted = [];
    this.references = 0;
    const now = new Date().toISOString();
    this.terminals = [
      {
        terminalId: 't_rathaus001',
        name: 'Rathaus Eingang',
        location: 'Rathaus, Erdgeschoss',
        online: true,
        lastContact: now,
        activity: {
          serviceId: 'meldebescheinigung',
          stepId: 'adresse',
          screen: 'step',
          stepNumber: 2,
          stepCount: 4,
          language: 'tr',
        },
        outboxBacklog: 0,
        appVersion: '0.1.0',
        revoked: false,
      },
      {
        terminalId: 't_buergerbuero2',
        name: 'Bürgerbüro',
        location: 'Bürgerbüro, Wartebereich',
        online: false,
        lastContact: null,
        activity: null,
        outboxBacklog: 2,
        appVersion: null,
        revoked: false,
      },
    ];
    this.handovers.clear();
    this.handovers.set('ABCD-2345', {
      handoverId: randomUUID(),
      serviceId: 'sperrmuell',
      language: 'de',
      answers: { street: 'Am Hafen 3', items: 'Sofa' },
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- the kiosk's side, played by the test ----

  /** A kiosk asks for help: the console gets help.new. */
  addHelpRequest(terminalId = 't_rathaus001', reason: HelpRequestView['reason'] = 'button'): HelpRequestView {
    const terminal = this.terminals.find((entry) => entry.terminalId === terminalId)!;
    const request: HelpRequestView = {
      requestId: randomUUID(),
      terminalId,
      terminalName: terminal.name,
      location: terminal.location,
      reason,
      activity: terminal.activity ?? {
        serviceId: null,
        stepId: null,
        screen: 'start',
        stepNumber: null,
        stepCount: null,
        language: 'de',
      },
      since: new Date(Date.now() - 65_000).toISOString(),
      state: 'waiting',
      assignedTo: null,
      consent: 'none',
      mode: 'none',
    };
    this.queue.push(request);
    this.broadcast({ type: 'help.new', request });
    this.broadcast({ type: 'queue', requests: this.queue });
    return request;
  }

  /** The resident answered the consent question; with "Ja" the kiosk sends its first snapshot. */
  answerConsent(requestId: string, granted: boolean, snapshot: LiveSnapshot): void {
    this.patch(requestId, { consent: granted ? 'granted' : 'declined', mode: granted ? 'viewing' : 'none' });
    if (granted) this.broadcast({ type: 'live.snapshot', requestId, snapshot });
  }

  sendSnapshot(requestId: string, snapshot: LiveSnapshot): void {
    this.broadcast({ type: 'live.snapshot', requestId, snapshot });
  }

  takeoverResult(result: Omit<Extract<HubToConsole, { type: 'takeover.result' }>, 'type'>): void {
    this.broadcast({ type: 'takeover.result', ...result });
  }

  /** The resident tapped "Beenden" on the kiosk's banner. */
  residentStops(requestId: string): void {
    this.patch(requestId, { mode: 'none', consent: 'none' });
    this.broadcast({ type: 'live.stopped', requestId, by: 'resident' });
  }

  /** Every session times out at once (idle timeout). */
  expireSessions(): void {
    this.sessions.clear();
  }

  // ---- HTTP ----

  private broadcast(event: HubToConsole): void {
    const text = JSON.stringify(event);
    for (const socket of this.sockets) socket.send(text);
  }

  private patch(requestId: string, change: Partial<HelpRequestView>): HelpRequestView {
    const index = this.queue.findIndex((entry) => entry.requestId === requestId);
    const updated = { ...this.queue[index]!, ...change };
    this.queue[index] = updated;
    this.broadcast({ type: 'queue', requests: this.queue });
    return updated;
  }

  private sessionOf(req: IncomingMessage) {
    const cookie = /(?:^|;\s*)hub_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    return cookie ? this.sessions.get(cookie) : undefined;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...securityHeaders(contentSecurityPolicy({ connectSrc: [`ws://127.0.0.1:${this.port}`] })),
      'Cache-Control': 'no-store',
      ...extra,
    };
  }

  private json(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
    res.writeHead(status, this.headers({ 'Content-Type': 'application/json', ...extra }));
    res.end(JSON.stringify(body));
  }

  private serveStatic(url: string, res: ServerResponse): void {
    const relative = normalize(decodeURIComponent(url.split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    let file = join(CONSOLE_DIR, relative === '/' ? 'index.html' : relative);
    if (!file.startsWith(CONSOLE_DIR) || !existsSync(file) || statSync(file).isDirectory()) {
      file = join(CONSOLE_DIR, 'index.html');
    }
    res.writeHead(200, this.headers({ 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' }));
    res.end(readFileSync(file));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    if (!url.startsWith(CONSOLE_API_PREFIX)) return this.serveStatic(url, res);
    const path = url.slice(CONSOLE_API_PREFIX.length);
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown> = {};
    try {
      body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return this.json(res, 400, { error: 'bad_json' });
    }
    // The route's own schema from the contract, as the real hub checks it.
    const key = (Object.keys(consoleRoutes) as (keyof typeof consoleRoutes)[]).find((candidate) => {
      const [m, template] = candidate.split(' ') as [string, string];
      return m === method && new RegExp(`^${template.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(path);
    });
    if (!key) return this.json(res, 404, { error: 'not_found' });
    const route = consoleRoutes[key];
    if ('body' in route && !route.body.safeParse(body).success) return this.json(res, 400, { error: 'invalid' });
    const param = path.split('/')[2] ?? '';

    if (key === 'POST /login') return this.login(body as { username: string; password: string }, res);
    const session = this.sessionOf(req);
    if (!session) return this.json(res, 401, { error: 'unauthorized' });
    if (method === 'POST' && req.headers[CSRF_HEADER] !== session.csrf) return this.json(res, 403, { error: 'csrf' });
    const me = this.accounts.find((account) => account.staffId === session.staffId)!;
    const staffView = (account: Account): Staff => ({
      staffId: account.staffId,
      username: account.username,
      displayName: account.displayName,
      role: account.role,
    });
    const adminOnly = () => me.role !== 'admin' && (this.json(res, 403, { error: 'forbidden' }), true);
    const log = (action: string, terminalId: string | null, subjectId: string | null) =>
      this.audit.push({
        at: new Date().toISOString(),
        staffId: me.staffId,
        action,
        terminalId,
        subjectId,
        outcome: 'ok',
      });
    const request = () => this.queue.find((entry) => entry.requestId === param);

    switch (key) {
      case 'POST /logout':
        for (const [token, value] of this.sessions) if (value === session) this.sessions.delete(token);
        return this.json(res, 200, { ok: true });
      case 'GET /session':
        return this.json(res, 200, { staff: staffView(me), csrfToken: session.csrf });
      case 'GET /queue':
        return this.json(res, 200, this.queue);
      case 'GET /terminals':
        return this.json(res, 200, this.terminals);
      case 'GET /staff':
        return this.json(res, 200, this.accounts.map(staffView));
      case 'GET /audit':
        return adminOnly() ? undefined : this.json(res, 200, this.audit);
      case 'POST /staff': {
        if (adminOnly()) return;
        const input = body as { username: string; displayName: string; role: 'staff' | 'admin'; password: string };
        if (this.accounts.some((account) => account.username === input.username)) return this.json(res, 409, {});
        const account: Account = { ...input, staffId: `s_${input.username}` };
        this.accounts.push(account);
        return this.json(res, 200, staffView(account));
      }
      case 'POST /terminals': {
        if (adminOnly()) return;
        const input = body as { name: string; location: string };
        const terminal: TerminalView = {
          terminalId: `t_${randomBytes(6).toString('hex')}`,
          ...input,
          online: false,
          lastContact: null,
          activity: null,
          outboxBacklog: null,
          appVersion: null,
          revoked: false,
        };
        this.terminals.push(terminal);
        this.broadcast({ type: 'terminals', terminals: this.terminals });
        const expiresAt = new Date(Date.now() + 24 * 3600_000).toISOString();
        return this.json(res, 200, { terminal, enrolmentCode: code(3), expiresAt });
      }
      case 'POST /terminals/:terminalId/revoke': {
        if (adminOnly()) return;
        const terminal = this.terminals.find((entry) => entry.terminalId === param);
        if (!terminal) return this.json(res, 404, {});
        Object.assign(terminal, { revoked: true, online: false });
        return this.json(res, 200, terminal);
      }
      case 'POST /handover/open': {
        const draft = this.handovers.get((body as { code: string }).code);
        if (!draft) return this.json(res, 404, {});
        log('handover.open', null, draft.handoverId);
        return this.json(res, 200, { ...draft, createdAt: new Date().toISOString() });
      }
      case 'POST /handover/:handoverId/submit': {
        this.submitted.push({ handoverId: param, answers: (body as { answers: Record<string, unknown> }).answers });
        log('handover.submit', null, param);
        this.references += 1;
        return this.json(res, 200, { reference: `STD-2026-${String(this.references).padStart(6, '0')}` });
      }
      default:
        break;
    }

    // The help routes: the request must exist; all but accept need it to be one's own.
    const current = request();
    if (!current) return this.json(res, 404, {});
    const action = key.split('/').slice(3).join('.');
    if (key === 'POST /help/:requestId/accept') {
      if (current.state !== 'waiting') return this.json(res, 409, {});
      log('help.accept', current.terminalId, current.requestId);
      return this.json(
        res,
        200,
        this.patch(param, { state: 'accepted', assignedTo: { staffId: me.staffId, displayName: me.displayName } }),
      );
    }
    if (current.assignedTo?.staffId !== me.staffId) return this.json(res, 403, {});
    log(`help.${action}`, current.terminalId, current.requestId);
    const commandId = randomUUID();
    this.commands.push({ route: key, requestId: param, body, commandId });
    switch (key) {
      case 'POST /help/:requestId/resolve':
        return this.json(res, 200, this.patch(param, { state: 'resolved', mode: 'none' }));
      case 'POST /help/:requestId/transfer': {
        const to = this.accounts.find((account) => account.staffId === (body as { toStaffId: string }).toStaffId);
        if (!to) return this.json(res, 404, {});
        return this.json(
          res,
          200,
          this.patch(param, { assignedTo: { staffId: to.staffId, displayName: to.displayName } }),
        );
      }
      case 'POST /help/:requestId/consent':
        return this.json(res, 200, this.patch(param, { consent: 'asked' }));
      case 'POST /help/:requestId/live/end':
        return this.json(res, 200, this.patch(param, { consent: 'none', mode: 'none' }));
      case 'POST /help/:requestId/guide':
        return this.json(res, 200, { ok: true });
      case 'POST /help/:requestId/takeover/start':
        if (current.consent !== 'granted') return this.json(res, 409, {});
        return this.json(res, 200, this.patch(param, { mode: 'takeover' }));
      case 'POST /help/:requestId/takeover/end':
        return this.json(res, 200, this.patch(param, { mode: 'viewing' }));
      case 'POST /help/:requestId/takeover/answer':
      case 'POST /help/:requestId/takeover/navigate':
        if (current.mode !== 'takeover') return this.json(res, 409, {});
        return this.json(res, 200, { commandId });
      default:
        return this.json(res, 404, {});
    }
  }

  private login(input: { username: string; password: string }, res: ServerResponse): void {
    const failures = this.failedLogins.get(input.username) ?? 0;
    if (failures >= LOGIN_LIMIT) {
      return this.json(res, 429, { error: 'rate_limited' }, { 'Retry-After': String(LOGIN_WAIT_SECONDS) });
    }
    const account = this.accounts.find((entry) => entry.username === input.username);
    if (!account || account.password !== input.password) {
      this.failedLogins.set(input.username, failures + 1);
      return this.json(res, 401, { error: 'unauthorized' });
    }
    const token = randomBytes(24).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    this.sessions.set(token, { staffId: account.staffId, csrf });
    const { password: _password, ...staff } = account;
    this.json(
      res,
      200,
      { staff, csrfToken: csrf },
      { 'Set-Cookie': `hub_session=${token}; HttpOnly; SameSite=Strict; Path=/` },
    );
  }
}
