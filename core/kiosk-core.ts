import { readBranding } from './branding';
import { join } from 'node:path';
import { ensurePrivateDir, OPEN_PARENT_WARNING } from './fs/private-files';
import {
  DEFAULT_LANGUAGE,
  DESK_OFFICE_ID,
  LANGUAGE_CODES,
  OFFICES_NS,
  type KioskEvent,
  type Result,
} from '../contract';
import type { PageCaller } from '../contract/session-token';
import { createDispatch } from './api/dispatch';
import { currentSessionToken, pageCallRules, tokenMatches } from './api/session-guard';
import { createHandlers } from './api/handlers';
import { loadCatalog } from './catalog/load-catalog';
import { checkBundleServices } from './catalog/bundle-files';
import { forgetCatalogViews } from './catalog/catalog-views';
import { bundleFoldersAtStart, CatalogueBundles } from './catalog/catalogue-bundles';
import { bundleCatalogueVersion, type HealthReport } from '../contract/hub';
import { PRECOMPILED_CATALOG } from './catalog/precompiled-catalog';
import { isoDateInZone, systemClock } from './clock';
import { assertMasterKeyOpensData, fileMasterKeyProvider, hasOutboxKeys } from './crypto/master-key';
import { migrate } from './db/migrate';
import { MIGRATIONS } from './db/migrations';
import { openDatabase } from './db/open-database';
import { createJsonLogger, errorClass } from './logging';
import type { CoreContext, IdleConfig } from './sessions/context';
import { recoverAtStartup, sweepIdle } from './sessions/lifecycle';
import { lazyReceiptMaker } from './sessions/session-receipt';
import { SessionStore } from './sessions/session-store';
import type { Clock, KioskCore, KioskCoreOptions } from './types';
import type { LoadedCatalog } from './catalog/load-catalog';
import { AttachmentPreparer } from './outbox/attachment-preparer';
import { DeliveryStore } from './outbox/delivery-store';
import type { PortalConfigInput } from './portal/portal-config';
import { lazyApplicationPdf, startPortalSync } from './portal/portal-sync-start';
import { readPackageVersion } from './version';
import { createSpeechService } from './speech/speech-service';
import { createHubClient, type HubClient } from './hub-client/hub-client';
import { watchAppointments } from './health/appointments-watch';
import { catalogueFigures, gatherHealth } from './health/health-figures';
import { watchPrinter } from './health/printer-watch';
import { AfterReply } from './api/after-reply';
import { sessionViewOf } from './api/session-views';
import { lookupTextKey } from './catalog/json-pointer';
import { BookingSession, type BookedNotice } from './appointments/booking-session';
import { ManageBooking } from './appointments/manage-booking';
import { HeldBookingStore } from './appointments/held-booking-store';
import { WalkIns } from './appointments/walk-ins';
import { UsageCounter } from './usage/usage-counter';
import { UsageStore } from './usage/usage-store';

export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
export const DEFAULT_IDLE_WARNING_MS = 30_000;
const SWEEP_INTERVAL_MS = 1_000;
const SPEECH_WARM_UP_AFTER_MS = 4_000;

export function idleConfig(options: Pick<KioskCoreOptions, 'idleTimeoutMs' | 'idleWarningMs'>): IdleConfig {
  const positive = (value: number | undefined, fallback: number) =>
    value !== undefined && Number.isFinite(value) && value >= 1 ? Math.round(value) : fallback;
  const timeoutMs = positive(options.idleTimeoutMs, DEFAULT_IDLE_TIMEOUT_MS);
  return { timeoutMs, warningMs: Math.min(positive(options.idleWarningMs, DEFAULT_IDLE_WARNING_MS), timeoutMs) };
}

/**
 * Opens the kiosk core: database (migrated, history verified), master key,
 * service catalog, start-up recovery, and the idle sweeper. Throws only when
 * the kiosk cannot run at all (unreadable data dir, foreign database history).
 */
export function openKioskCore(options: KioskCoreOptions): KioskCore {
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const logger = options.logger ?? createJsonLogger();
  const timeZone = options.timeZone ?? 'Europe/Berlin';
  const openParent = ensurePrivateDir(options.dataDir);
  if (openParent) logger.warn(OPEN_PARENT_WARNING, { mode: openParent });
  const masterKeyProvider = options.masterKeyProvider ?? fileMasterKeyProvider(options.dataDir);

  const db = openDatabase(join(options.dataDir, 'kiosk.db'));
  let timer: ReturnType<Clock['setInterval']> | undefined;
  let speechTimer: ReturnType<typeof setTimeout> | undefined;
  try {
    const applied = migrate(db, MIGRATIONS, { now: clock.now });
    for (const version of applied) logger.info('db.migrated', { migration: version });
    // The key after the database: queued applications forbid a new key, and the key must open them.
    const masterKey = masterKeyProvider.load({ mayCreate: !hasOutboxKeys(db) });
    assertMasterKeyOpensData(db, masterKey);

    const listeners = new Set<(event: KioskEvent) => void>();
    // What a call causes beyond its answer runs after the reply left (core/api/after-reply.ts).
    const afterReply = new AfterReply((error) =>
      logger.error('dispatch.after_reply_failed', { errorClass: errorClass(error) }),
    );
    const today = () => isoDateInZone(clock.now(), timeZone);
    const precompiled = options.precompiled ?? PRECOMPILED_CATALOG;
    // Issue 20: the hub's active bundle replaces --services-dir; if it no longer passes the check, the last good one.
    const bundleFolders = bundleFoldersAtStart(options.dataDir);
    let bundleVersion: number | undefined;
    let catalog: LoadedCatalog | undefined;
    for (const entry of bundleFolders) {
      const checked = checkBundleServices(options.resourcesDir, entry.dir, today, logger, precompiled);
      if (checked.problems.length === 0) {
        catalog = checked.catalog;
        bundleVersion = entry.version;
        break;
      }
      logger.warn('catalogue.bundle_unusable', { version: entry.version });
    }
    catalog ??= loadCatalog(options.resourcesDir, today, logger, precompiled, options.servicesDir);
    let closed = false;
    const renderAttachments = options.renderAttachments ?? lazyApplicationPdf(catalog, options.resourcesDir, timeZone);
    const deliveries = new DeliveryStore(db, () => masterKey);
    const preparer = new AttachmentPreparer(deliveries, catalog, renderAttachments, logger);
    let portal: ReturnType<typeof startPortalSync> | undefined;
    const origin = options.portalOrigin ?? 'configured';
    const production = options.production === true;
    const attachPortal = (config: PortalConfigInput | undefined) => {
      if (!config || closed) return;
      if (production && origin === 'demo') {
        // The launcher never offers one in production (launcher/production.ts); refused here as well.
        logger.error('portal.demo_refused', { reason: 'production' });
        return;
      }
      const parts = { store: deliveries, catalog, clock, logger, timeZone, origin, production };
      portal = startPortalSync(config, renderAttachments, parts);
    };
    if (options.portal instanceof Promise) {
      // A portal that comes up after the kiosk (the local demo receiver): attach it when ready.
      options.portal.then(attachPortal, (error: unknown) =>
        logger.error('portal.unavailable', { errorClass: errorClass(error) }),
      );
    } else {
      attachPortal(options.portal);
    }
    const ctx: CoreContext = {
      store: new SessionStore(db, () => masterKey),
      catalog,
      clock,
      idle: idleConfig(options),
      logger,
      masterKey: () => masterKey,
      today,
      emit(event) {
        // The observers see the calls before this event in their order.
        afterReply.flush();
        for (const listener of listeners) {
          try {
            listener(event);
          } catch (error) {
            logger.error('event.listener_failed', { errorClass: errorClass(error) });
          }
        }
      },
      // The application's PDF is made right after sending, portal or not; then delivery starts.
      afterSubmit: () => void preparer.run().then(() => portal?.worker.runDue()),
    };
    recoverAtStartup(ctx);
    // Booking a time (issue 16): held times a crash left behind are released once the client is known.
    const bookings = new BookingSession(
      ctx,
      new HeldBookingStore(db, () => masterKey),
      timeZone,
      options.appointments !== undefined,
    );
    const manage = new ManageBooking(ctx, timeZone, options.appointments !== undefined, bookings);
    const walkIns = new WalkIns(ctx, timeZone);
    // Issue 20: what the health report says of the printer and the appointment system, learnt from their use.
    const healthChange = { notify: () => undefined as void };
    const printer = watchPrinter(options.receiptPrinter, clock.now, () => healthChange.notify());
    const appointmentSystem = watchAppointments(clock.now, () => healthChange.notify());
    const bundles = new CatalogueBundles({
      dataDir: options.dataDir,
      activeVersion: bundleFolders[0]?.version,
      startedOnFallback: bundleFolders.length > 0 && bundleVersion !== bundleFolders[0]!.version,
      logger,
      fetch: () => hub.fetchBundle(),
      pinnedKey: () => hub.bundleKey(),
      check: (dir) => checkBundleServices(options.resourcesDir, dir, today, logger, precompiled),
      sessionOpen: () => ctx.store.all().length > 0,
      activate(next, version) {
        // Every part of the core holds this one catalogue object: its contents change, between sessions only.
        Object.assign(catalog, next);
        forgetCatalogViews(catalog);
        bundleVersion = version;
        ctx.emit({ type: 'catalogue.changed' });
      },
      changed() {
        catalogue = figures();
        hub.healthChanged();
      },
    });
    const figures = (): HealthReport['catalogue'] => {
      const own = catalogueFigures(catalog);
      return {
        ...own,
        version: bundleVersion === undefined ? own.version : bundleCatalogueVersion(bundleVersion, own.version),
        activation: bundles.failed ? 'failed' : own.activation,
      };
    };
    let catalogue = figures();
    listeners.add((event) => {
      // The session's row goes right after its end is told: a waiting bundle is activated after that.
      if (event.type === 'session.ended') setImmediate(() => bundles.tryActivate());
    });
    void Promise.resolve(options.appointments)
      .then((given) => {
        if (closed) return undefined;
        const client = appointmentSystem.attach(given);
        manage.attach(client);
        walkIns.attach(client);
        return bookings.attach(client);
      })
      .catch((error: unknown) => logger.error('appointment.unavailable_at_start', { errorClass: errorClass(error) }));

    // The speech engine (WebAssembly and 24 MB of voices) loads in its own chunk, on first use or
    // a few seconds after start-up: never on the way to the first screen.
    const speech = createSpeechService({
      loadEngine:
        options.speech?.loadEngine ??
        (() => import('./speech/espeak-engine').then((engine) => engine.createEspeakEngine())),
      logger,
    });
    const warmUpAfterMs =
      options.speech?.warmUpAfterMs === undefined ? SPEECH_WARM_UP_AFTER_MS : options.speech.warmUpAfterMs;
    if (warmUpAfterMs !== null) {
      // The default language first: the start screen speaks it.
      const languages = [DEFAULT_LANGUAGE, ...LANGUAGE_CODES.filter((code) => code !== DEFAULT_LANGUAGE)];
      speechTimer = setTimeout(() => void speech.warmUp(languages), warmUpAfterMs);
      speechTimer.unref();
    }

    const version = options.version ?? readPackageVersion(options.resourcesDir);
    // The hub client runs staff commands through the same dispatch as the resident's taps
    // (observedDispatch, defined below, is only called once the core is open).
    const terminalName = options.terminalName?.trim() || 'Bürgerkiosk';
    const usageStore = new UsageStore(db, logger);
    usageStore.prune(today());
    const hub: HubClient = createHubClient(ctx, options.hub, {
      dataDir: options.dataDir,
      appVersion: version,
      terminalName,
      outboxBacklog: () => deliveries.backlog(),
      dispatch: (method, input) => observedDispatch(method, input),
      deskHours: catalog.offices.byId.get(DESK_OFFICE_ID),
      usage: usageStore,
      bundleOffered: (version) => void bundles.offered(version),
      health: () =>
        gatherHealth({
          appVersion: version.slice(0, 40),
          catalogue,
          startedAt,
          now: clock.now,
          dataDir: options.dataDir,
          printer,
          appointments: appointmentSystem,
          outbox: () => deliveries.healthFigures(),
          portal: () => portal?.worker.health(),
        }),
    });
    healthChange.notify = () => hub.healthChanged();
    listeners.add((event) => hub.onCoreEvent(event));
    // Anonymous usage figures (issue 18): counted from the calls and events below, folded when a session ends.
    const usage = new UsageCounter({
      store: usageStore,
      clock,
      timeZone,
      logger,
      onFolded: () => {
        usageStore.prune(today());
        hub.usageFolded();
      },
    });
    const counting = options.countUsage !== false;
    if (counting) listeners.add((event) => usage.onCoreEvent(event));
    ctx.idleHeld = () => hub.holdsIdle();
    // The desk sees the day's kiosk bookings in the staff console, under the office name residents read here.
    const tellHub = (booked: BookedNotice) => {
      const officeId = catalog.byId.get(booked.serviceId)?.definition.officeId;
      const officeName = lookupTextKey(catalog.translations.de?.[OFFICES_NS], `${officeId}.name`);
      hub.bookingMade({
        code: booked.code,
        serviceId: booked.serviceId,
        officeName: (typeof officeName === 'string' ? officeName : booked.officeName) ?? booked.serviceId,
        startsAt: new Date(booked.timestamp * 1000).toISOString(),
        familyName: booked.familyName,
      });
    };
    bookings.onBooked(tellHub);
    // A booking moved at the kiosk: the new time is listed, the old one taken off.
    manage.onBooked(tellHub);
    manage.onCancelled((code) => hub.bookingCancelled(code));
    const dispatch = createDispatch(
      createHandlers(ctx, {
        version,
        branding: readBranding(options.brandingDir ?? join(options.resourcesDir, 'branding'), logger),
        mode: options.mode,
        deliveries,
        hub,
        portalConfigured: () => portal !== undefined,
        wakeSync: () => void portal?.worker.runDue(),
        receipts: {
          maker: lazyReceiptMaker({ resourcesDir: options.resourcesDir, catalog, timeZone }),
          printer: printer.printer,
        },
        speech,
        bookings,
        manage,
        walkIns,
        usage,
        ...(options.outOfService ? { outOfService: options.outOfService } : {}),
        ...(options.feedbackRatings ? { ratings: options.feedbackRatings } : {}),
      }),
      logger,
      pageCallRules(ctx),
    );
    // Every session call that answers with a view moves the activity (and, with consent, the live view).
    // The usage figures and the hub hear of it after the reply has left: the resident waits for the reply only.
    const observedDispatch = async (method: unknown, input: unknown, caller?: PageCaller): Promise<Result<unknown>> => {
      afterReply.flush();
      if (counting) usage.before(method);
      const result = await dispatch(method, input, caller);
      const at = clock.now();
      afterReply.defer(() => {
        const view = sessionViewOf(method, result);
        if (counting) usage.after(method, input, result, { view, at });
        if (view) hub.sessionChanged(view);
      });
      return result;
    };
    timer = clock.setInterval(() => {
      try {
        sweepIdle(ctx);
        bundles.tryActivate();
        bookings.sweep();
        manage.sweep();
        walkIns.sweep();
      } catch (error) {
        logger.error('idle.sweep_failed', { errorClass: errorClass(error) });
      }
    }, SWEEP_INTERVAL_MS);
    if (typeof timer === 'object') timer.unref?.();

    logger.info('core.opened', { mode: options.mode, count: catalog.services.length });
    if (options.outOfService) logger.warn('core.out_of_service', { reason: options.outOfService });
    return {
      dispatch: (method, input, caller) =>
        closed ? Promise.resolve(closedResult()) : observedDispatch(method, input, caller),
      currentSessionToken: () => (closed ? undefined : currentSessionToken(ctx)),
      sessionTokenMatches: (sessionId, token) => !closed && tokenMatches(masterKey, sessionId, token),
      onEvent(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      catalogProblems: catalog.problems,
      syncNow: () => (closed || !portal ? Promise.resolve() : portal.worker.runDue()),
      prepareAttachments: () => (closed ? Promise.resolve() : preparer.run()),
      close() {
        if (closed) return;
        afterReply.flush();
        closed = true;
        bundles.stop();
        bookings.close();
        clock.clearInterval(timer);
        clearTimeout(speechTimer);
        void speech.close();
        preparer.stop();
        hub.stop();
        portal?.stop();
        listeners.clear();
        db.close();
      },
    };
  } catch (error) {
    if (timer !== undefined) clock.clearInterval(timer);
    clearTimeout(speechTimer);
    db.close();
    throw error;
  }
}

function closedResult() {
  return { ok: false as const, error: { code: 'internal' as const, detail: 'core is closed' } };
}
