import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join, resolve } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyError } from 'fastify';
import { ZodError } from 'zod';
import type { ConsoleCatalog, Staff } from '../contract/hub';
import { systemClock } from '../core/clock';
import { ensurePrivateDir, makeFilesPrivate, OPEN_PARENT_WARNING } from '../core/fs/private-files';
import { createJsonLogger } from '../core/logging';
import type { Clock, Logger } from '../core/types';
import { buildConsoleCatalog } from './console-catalog';
import { openHubDb } from './db/open-hub-db';
import { SqliteClient } from './db/sqlite-client';
import { Desk, DeskError, type DeskOptions } from './desk';
import { HANDOVER_KEY_FILE, loadHandoverKey, type HandoverKey } from './handover-key';
import { HubError } from './hub-error';
import { registerConsoleRoutes } from './http/console-routes';
import { registerConsoleSocket } from './http/console-socket';
import { registerStaffRoutes } from './http/staff-routes';
import { DeviceTrust } from './device-trust';
import { allowedHosts, HostCheckConfigError, isLoopbackHost, registerHostCheck } from './http/host-check';
import { registerTerminalRoutes } from './http/terminal-routes';
import { registerBundleRoutes } from './http/bundle-routes';
import { BUNDLE_KEY_FILE, loadBundleKey } from './bundles/bundle-key';
import { BundlePublisher } from './bundles/bundle-publisher';
import { BundleStore } from './bundles/bundle-store';
import { registerUpdateFiles, UPDATES_PREFIX } from './http/update-files';
import { LiveHub } from './live-hub';
import type { AlertRuleSettings } from './health/alert-rules';
import { alertRules } from './health/alert-settings';
import { AlertStore } from './stores/alert-store';
import { HealthStore } from './stores/health-store';
import { LoginThrottle } from './login-throttle';
import { AuditStore } from './stores/audit-store';
import { HandoverStore } from './stores/handover-store';
import { KioskBookingStore } from './stores/kiosk-booking-store';
import { FeedbackStore } from './stores/feedback-store';
import { HelpStore } from './stores/help-store';
import { SessionStore } from './stores/session-store';
import { StaffStore } from './stores/staff-store';
import { TerminalStore } from './stores/terminal-store';
import { UsageStore } from './stores/usage-store';
import type { OpenDataSettings } from './open-data/dcat';
import { registerOpenDataRoutes } from './open-data/open-data-routes';
import { OpenDataPublisher } from './open-data/publisher';
import { addDays, townDay } from './open-data/local-day';
import { PublishedStore } from './stores/published-store';
import { HUB_CSP_DIRECTIVES } from './http/content-security-policy';
import { buildServiceDirectory, type ServiceDirectory } from './open-data/service-directory';
import { DEFAULT_USAGE_RETENTION_DAYS, UsageIngest } from './open-data/usage-ingest';

export interface HubOptions {
  dataDir: string;
  host?: string;
  port?: number;
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Injectable time for session timeouts, code expiry and audit times (tests move it). */
  clock?: Clock;
  /** The built staff console (dist/console); served at / when it exists. */
  consoleDir?: string;
  /** The kiosks' update files (electron-updater, generic provider), served at /updates/ when given. */
  updatesDir?: string;
  /** The origin browsers reach the hub by (e.g. https://hub.stade.local); default: scheme + Host header. */
  publicOrigin?: string;
  /**
   * No Host check (a closed test network reached by changing names). Without it, a hub on a network address
   * needs `publicOrigin`, and every request must name it or an address the hub listens on.
   */
  allowAnyHost?: boolean;
  /**
   * Continue at the desk: submits through a kiosk core of the hub's own. Without it, submit answers 503.
   * Its resourcesDir is also where the console's catalog (GET /catalog) comes from; without it, an empty one.
   */
  desk?: DeskOptions;
  logger?: Logger;
  /** RSA modulus for the handover key when it is first generated (default 3072). */
  handoverKeyBits?: number;
  /** How long a handed-over draft waits, sealed, for the desk; default HANDOVER_TTL_MS (the demo hub: an hour). */
  handoverTtlMs?: number;
  /** How long residents' feedback comments are kept (issue 18); default DEFAULT_FEEDBACK_RETENTION_DAYS. */
  feedbackRetentionDays?: number;
  /**
   * How long a staff member's consoles may all be closed before the requests assigned to them go back to the
   * queue and their kiosks' live view ends (a browser closed, not a page reload). Default 20 s.
   */
  staffGoneGraceMs?: number;
  /** Issue 18: how many days the kiosks' usage totals are kept (default 400); older ones are pruned daily. */
  usageRetentionDays?: number;
  /** Issue 18: who publishes the open data (the DCAT-AP.de metadata); defaults in open-data/dcat.ts. */
  openData?: OpenDataSettings;
  /** Terminal health alerts (issue 20): thresholds, opening hours, and how often the rules run. */
  health?: HealthOptions;
}

export interface HealthOptions extends Partial<AlertRuleSettings> {
  /** How often the alert rules run besides on each report; default 30 s. */
  checkEveryMs?: number;
}

export interface RouteEntry {
  method: string;
  url: string;
  websocket: boolean;
}

export interface Hub {
  url: string;
  /** Every route as registered on the router (for the security tests). */
  routes: readonly RouteEntry[];
  createStaff(input: { username: string; displayName: string; role: Staff['role']; password: string }): Promise<Staff>;
  /** A terminal and its enrolment code, as POST /terminals makes them (for the embedded default and tests). */
  createTerminal(name: string, location: string): Promise<{ terminalId: string; enrolmentCode: string }>;
  handoverPublicKey(): Promise<Record<string, unknown>>;
  /** The public key of the hub's catalogue bundles (SPKI DER, base64), as enrolment pins it. */
  bundlePublicKey(): string;
  hasAdmin(): Promise<boolean>;
  /** Whether a device credential is valid (enrolled, not revoked). */
  terminalCredentialValid(credential: string): Promise<boolean>;
  close(): Promise<void>;
}

const SESSION_SWEEP_MS = 60_000;

/** The console's own WebSocket origin for connect-src ('self' covers ws: only in newer CSP implementations). */
function socketOrigin(tls: boolean, publicOrigin: string | undefined) {
  return (request: IncomingMessage): string => {
    if (publicOrigin) return publicOrigin.replace(/^http/, 'ws');
    const host = request.headers.host ?? '';
    // Only a plain host[:port] goes into the header.
    return /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(host)
      ? `${tls ? 'wss' : 'ws'}://${host}`
      : "'self'";
  };
}

function contentSecurityPolicy(tls: boolean, publicOrigin: string | undefined) {
  return {
    useDefaults: false,
    directives: {
      ...Object.fromEntries(Object.entries(HUB_CSP_DIRECTIVES).map(([name, values]) => [name, [...values]])),
      connectSrc: [...HUB_CSP_DIRECTIVES.connectSrc, socketOrigin(tls, publicOrigin)],
      ...(tls ? { upgradeInsecureRequests: [] } : {}),
    },
  };
}

/**
 * The help-desk hub: staff console API and WebSocket, kiosk enrolment and
 * WebSocket, SQLite in <dataDir>/hub.db, the built console at /.
 */
export async function createHub(options: HubOptions): Promise<Hub> {
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const logger = options.logger ?? createJsonLogger();
  const tls = options.tls !== undefined;
  const dataDir = resolve(options.dataDir);
  const listenHost = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(listenHost) && !options.publicOrigin && options.allowAnyHost !== true)
    throw new HostCheckConfigError();
  if (options.publicOrigin && !/^https?:\/\/[^/?#]+$/.test(options.publicOrigin))
    throw new Error('the public origin must be scheme://host[:port], nothing after it');
  const retentionDays = options.usageRetentionDays ?? DEFAULT_USAGE_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new Error('the usage retention is whole days, ≥ 1');
  const openParent = ensurePrivateDir(dataDir);
  if (openParent) logger.warn(OPEN_PARENT_WARNING, { mode: openParent });
  // The key is loaded on first use; a loose one from an older run is tightened now.
  makeFilesPrivate(join(dataDir, HANDOVER_KEY_FILE), join(dataDir, BUNDLE_KEY_FILE));
  const db = openHubDb(dataDir, now);
  // The stores moving to the asynchronous SQL interface (ARCHITECTURE.md, "The region") share the file meanwhile.
  const sql = new SqliteClient(db);
  // Issue 20: the catalogue bundles' signing key, generated on the first start (Ed25519: milliseconds).
  const bundleKey = loadBundleKey(dataDir);

  const staff = new StaffStore(sql, now);
  const sessions = new SessionStore(sql, staff, now);
  const terminals = new TerminalStore(sql, now);
  const help = new HelpStore(sql, now);
  const audit = new AuditStore(sql, now);
  const handovers = new HandoverStore(db, now, options.handoverTtlMs);
  const bookings = new KioskBookingStore(db, now);
  const feedback = new FeedbackStore(db, now, options.feedbackRetentionDays);
  const rules = alertRules(options.health, options.desk?.resourcesDir, logger);
  const usageStore = new UsageStore(db, now);
  let directory: ServiceDirectory | undefined;
  const services = () =>
    (directory ??= buildServiceDirectory(options.desk?.resourcesDir, logger, options.desk?.servicesDir));
  const usage = new UsageIngest({ now, usage: usageStore, terminals, audit, directory: services, retentionDays });
  usage.pruneIfDue();
  const openData = new OpenDataPublisher({
    dbFile: join(dataDir, 'hub.db'),
    store: new PublishedStore(db),
    usage: usageStore,
    now,
    fromDay: () => addDays(townDay(now()), -retentionDays),
    directory: services,
    logger,
  });
  const live = new LiveHub({
    sql,
    health: { store: new HealthStore(sql), alerts: new AlertStore(db, now), rules, logger },
    now,
    staff,
    terminals,
    help,
    audit,
    handovers,
    bookings,
    feedback,
    usage,
    ...(options.staffGoneGraceMs !== undefined ? { staffGoneGraceMs: options.staffGoneGraceMs } : {}),
  });
  const bundles = new BundlePublisher({
    dataDir,
    store: new BundleStore(dataDir),
    key: () => bundleKey,
    resourcesDir: options.desk?.resourcesDir,
    audit,
    logger,
    now,
    offer: (version) => live.offerBundle(version),
  });
  const throttle = new LoginThrottle(now);
  let keyPromise: Promise<HandoverKey> | undefined;
  const handoverKey = () => (keyPromise ??= loadHandoverKey(dataDir, options.handoverKeyBits));
  const desk = options.desk ? new Desk(dataDir, options.desk, clock, logger) : undefined;
  let catalog: ConsoleCatalog | undefined;
  const auth = { sessions, tls, ...(options.publicOrigin ? { publicOrigin: options.publicOrigin } : {}) };

  const app = Fastify({
    logger: false,
    // A whole application's answers at the desk; every other body is far smaller.
    bodyLimit: 512 * 1024,
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
  });
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      routes.push({
        method,
        url: route.url,
        websocket: route.websocket === true || typeof route.wsHandler === 'function',
      });
  });

  await app.register(helmet, {
    contentSecurityPolicy: contentSecurityPolicy(tls, options.publicOrigin),
    hsts: tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: true,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  // 3 MB: a sealed handover draft may be up to 2 MB of base64.
  await app.register(websocket, { options: { maxPayload: 3 * 1024 * 1024 } });
  // After the WebSocket plugin: its own onRequest marks an upgrade, so a refused one gets its socket closed.
  // Filled in once the port is known; until then no Host passes.
  let hosts: ReadonlySet<string> | undefined = new Set<string>();
  registerHostCheck(app, () => hosts);

  app.setErrorHandler((error: FastifyError | HubError | ZodError | DeskError, _request, reply) => {
    if (error instanceof HubError) return reply.code(error.status).send({ error: error.code });
    if (error instanceof ZodError) return reply.code(400).send({ error: 'invalid_input' });
    if (error instanceof DeskError)
      return reply
        .code(422)
        .send({ error: error.code, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) });
    const status = (error as FastifyError).statusCode ?? 500;
    if (status >= 500) logger.error('hub.request_failed', { errorClass: (error as Error).name });
    return reply
      .code(status)
      .send({ error: status === 429 ? 'rate_limited' : status >= 500 ? 'internal' : 'invalid_request' });
  });

  registerConsoleRoutes(app, {
    auth,
    sessions,
    staff,
    terminals,
    audit,
    handovers,
    bookings,
    feedback,
    live,
    handoverKey,
    desk,
    catalog: () => (catalog ??= buildConsoleCatalog(options.desk?.resourcesDir, logger, options.desk?.servicesDir)),
  });
  registerStaffRoutes(app, { auth, sessions, staff, audit, live, throttle, devices: await DeviceTrust.load(sql, now) });
  registerConsoleSocket(app, { auth, sessions, live });
  const terminalSide = registerTerminalRoutes(app, {
    terminals,
    audit,
    live,
    handoverKey,
    usage,
    bundles: { publicKey: bundleKey.publicKey, activeVersion: () => bundles.activeVersion() },
  });
  registerBundleRoutes(app, { auth, terminals, publisher: bundles });
  registerOpenDataRoutes(app, {
    terminals,
    audit,
    auth,
    publisher: openData,
    settings: options.openData ?? {},
    publicOrigin: options.publicOrigin,
  });

  const consoleDir = options.consoleDir;
  const serveConsole = consoleDir !== undefined && existsSync(join(consoleDir, 'index.html'));
  if (serveConsole) {
    // redirect: a folder asked for without its slash (/dashboard) goes to its index page (/dashboard/).
    await app.register(fastifyStatic, { root: resolve(consoleDir), prefix: '/', index: 'index.html', redirect: true });
  }
  if (options.updatesDir !== undefined) await registerUpdateFiles(app, options.updatesDir);
  app.setNotFoundHandler((request, reply) => {
    // The console is one page: its own paths (e.g. /queue) get index.html; the API and updates get a JSON 404.
    const ownPath = ['/api/', '/ws/', '/open-data/', UPDATES_PREFIX].some((prefix) => request.url.startsWith(prefix));
    if (serveConsole && request.method === 'GET' && !ownPath) return reply.sendFile('index.html');
    return reply.code(404).send({ error: 'not_found' });
  });

  const sweeper = clock.setInterval(() => {
    void live.background(sessions.sweep());
    handovers.purgeExpired();
    bookings.purgePast();
    feedback.purgeOld();
    usage.pruneIfDue();
    openData.sweep();
    void live.background(live.sweepConsoles(async (hash) => (await sessions.lookupHash(hash, false)) !== undefined));
  }, SESSION_SWEEP_MS);
  if (typeof sweeper === 'object') sweeper.unref?.();
  const healthCheck = clock.setInterval(
    () => void live.background(live.health.evaluate()),
    options.health?.checkEveryMs ?? 30_000,
  );
  if (typeof healthCheck === 'object') healthCheck.unref?.();

  let url: string;
  try {
    await app.listen({ host: listenHost, port: options.port ?? 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    hosts = options.allowAnyHost === true ? undefined : allowedHosts(listenHost, port ?? 0, options.publicOrigin);
    const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
    url = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  } catch (error) {
    clock.clearInterval(sweeper);
    clock.clearInterval(healthCheck);
    terminalSide.stop();
    await app.close().catch(() => undefined);
    await openData.close();
    db.close();
    throw error;
  }
  logger.info('hub.listening', { count: routes.length });

  let closed = false;
  return {
    url,
    routes,
    createStaff: (input) => staff.create(input),
    async createTerminal(name, location) {
      const created = await terminals.create(name, location);
      live.terminalsChanged();
      return { terminalId: created.terminal.terminalId, enrolmentCode: created.enrolmentCode };
    },
    handoverPublicKey: async () => ({ ...(await handoverKey()).publicJwk }),
    bundlePublicKey: () => bundleKey.publicKey,
    hasAdmin: async () => (await staff.countAdmins()) > 0,
    terminalCredentialValid: async (credential) => (await terminals.authenticate(credential)) !== undefined,
    async close() {
      if (closed) return;
      closed = true;
      clock.clearInterval(sweeper);
      clock.clearInterval(healthCheck);
      terminalSide.stop();
      await live.closeAll();
      await app.close();
      await openData.close();
      await keyPromise?.catch(() => undefined);
      desk?.close();
      db.close();
    },
  };
}
