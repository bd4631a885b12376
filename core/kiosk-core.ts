import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskEvent } from '../contract';
import { createDispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { loadCatalog } from './catalog/load-catalog';
import { isoDateInZone, systemClock } from './clock';
import { fileMasterKeyProvider } from './crypto/master-key';
import { migrate } from './db/migrate';
import { MIGRATIONS } from './db/migrations';
import { openDatabase } from './db/open-database';
import { createJsonLogger, errorClass } from './logging';
import type { CoreContext, IdleConfig } from './sessions/context';
import { recoverAtStartup, sweepIdle } from './sessions/lifecycle';
import { SessionStore } from './sessions/session-store';
import type { Clock, KioskCore, KioskCoreOptions } from './types';
import { readPackageVersion } from './version';

export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
export const DEFAULT_IDLE_WARNING_MS = 30_000;
const SWEEP_INTERVAL_MS = 1_000;

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
  const logger = options.logger ?? createJsonLogger();
  const timeZone = options.timeZone ?? 'Europe/Berlin';
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const masterKeyProvider = options.masterKeyProvider ?? fileMasterKeyProvider(options.dataDir);
  const masterKey = masterKeyProvider.load();

  const db = openDatabase(join(options.dataDir, 'kiosk.db'));
  let timer: ReturnType<Clock['setInterval']> | undefined;
  try {
    const applied = migrate(db, MIGRATIONS, { now: clock.now });
    for (const version of applied) logger.info('db.migrated', { migration: version });

    const listeners = new Set<(event: KioskEvent) => void>();
    const today = () => isoDateInZone(clock.now(), timeZone);
    const catalog = loadCatalog(options.resourcesDir, today, logger);
    const ctx: CoreContext = {
      store: new SessionStore(db, () => masterKey),
      catalog,
      clock,
      idle: idleConfig(options),
      logger,
      masterKey: () => masterKey,
      emit(event) {
        for (const listener of listeners) {
          try {
            listener(event);
          } catch (error) {
            logger.error('event.listener_failed', { errorClass: errorClass(error) });
          }
        }
      },
    };
    recoverAtStartup(ctx);

    const dispatch = createDispatch(
      createHandlers(ctx, {
        version: options.version ?? readPackageVersion(options.resourcesDir),
        mode: options.mode,
        terminalName: options.terminalName?.trim() || 'Bürgerkiosk',
      }),
      logger,
    );
    timer = clock.setInterval(() => {
      try {
        sweepIdle(ctx);
      } catch (error) {
        logger.error('idle.sweep_failed', { errorClass: errorClass(error) });
      }
    }, SWEEP_INTERVAL_MS);
    if (typeof timer === 'object') timer.unref?.();

    let closed = false;
    logger.info('core.opened', { mode: options.mode, count: catalog.services.length });
    return {
      dispatch: (method, input) => (closed ? Promise.resolve(closedResult()) : dispatch(method, input)),
      onEvent(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      catalogProblems: catalog.problems,
      close() {
        if (closed) return;
        closed = true;
        clock.clearInterval(timer);
        listeners.clear();
        db.close();
      },
    };
  } catch (error) {
    if (timer !== undefined) clock.clearInterval(timer);
    db.close();
    throw error;
  }
}

function closedResult() {
  return { ok: false as const, error: { code: 'internal' as const, detail: 'core is closed' } };
}
