import { fail, ok, visibleSteps, type LanguageCode, type Result, type SessionEndReason } from '../../contract';
import type { LoadedService } from '../catalog/loaded-service';
import { checkpointTruncate } from '../db/open-database';
import { errorClass } from '../logging';
import type { CoreContext } from './context';
import type { SessionRow } from './session-store';
import { storedPosition } from './session-view';

/** Wipes one session and tells listeners. Returns false when there was nothing to end. */
export function endSession(ctx: CoreContext, sessionId: string, reason: SessionEndReason): boolean {
  const removed = ctx.store.wipe(sessionId);
  if (removed) {
    ctx.logger.info('session.ended', { sessionId, reason });
    ctx.emit({ type: 'session.ended', sessionId, reason });
  }
  return removed;
}

function isExpired(ctx: CoreContext, row: SessionRow): boolean {
  // Staff were called and are coming: the resident is told to stay, and their work must not go.
  if (ctx.idleHeld?.()) return false;
  return row.last_activity_at + ctx.idle.timeoutMs <= ctx.clock.now();
}

/** Ends every session whose idle window has passed (in progress or on the confirmation page). */
export function sweepIdle(ctx: CoreContext): void {
  for (const row of ctx.store.all()) {
    if (isExpired(ctx, row)) endSession(ctx, row.id, 'idle');
  }
}

/**
 * Start-up: keep the one session a crash interrupted if it is still inside its
 * idle window (crash resume); wipe everything else, and any orphaned keys or answers.
 */
export function recoverAtStartup(ctx: CoreContext): void {
  const orphans = ctx.store.wipeOrphans();
  if (orphans > 0) ctx.logger.warn('startup.orphans_wiped', { count: orphans });
  ctx.store.all().forEach((row, index) => {
    let keep = index === 0 && !isExpired(ctx, row) && ctx.catalog.byId.has(row.service_id);
    if (keep) {
      // A session that cannot be read back (e.g. the master key changed) would be stuck: wipe it instead.
      try {
        storedPosition(row);
        ctx.store.readAnswers(row);
      } catch (error) {
        ctx.logger.warn('session.unreadable', { sessionId: row.id, errorClass: errorClass(error) });
        keep = false;
      }
    }
    if (keep) {
      ctx.logger.info('session.resumable', { sessionId: row.id, serviceId: row.service_id });
    } else if (ctx.store.wipe(row.id)) {
      ctx.logger.info('session.ended', { sessionId: row.id, reason: 'startup' });
    }
  });
  if (orphans > 0) checkpointTruncate(ctx.store.db);
}

export type ActiveSession = { row: SessionRow; service: LoadedService };

/**
 * The active session if `sessionId` names it. Sweeps first, so a session past
 * its idle window is never used even if the sweeper has not run yet.
 */
export function requireActive(ctx: CoreContext, sessionId: string): Result<ActiveSession> {
  sweepIdle(ctx);
  const row = ctx.store.all()[0];
  if (!row) return fail('no_session');
  if (row.id !== sessionId) return fail('session_mismatch');
  const service = ctx.catalog.byId.get(row.service_id);
  if (!service) {
    endSession(ctx, row.id, 'startup');
    return fail('no_session');
  }
  return ok({ row, service });
}

/** The surviving session, if any (for session.resume). */
export function currentSession(ctx: CoreContext): ActiveSession | undefined {
  sweepIdle(ctx);
  const row = ctx.store.all()[0];
  const service = row && ctx.catalog.byId.get(row.service_id);
  return row && service ? { row, service } : undefined;
}

/** At most one session per kiosk: starting ends (and wipes) whatever was there. */
export function startSession(ctx: CoreContext, serviceId: string, language: LanguageCode): Result<ActiveSession> {
  const service = ctx.catalog.byId.get(serviceId);
  if (!service) return fail('unknown_service');
  sweepIdle(ctx);
  for (const row of ctx.store.all()) endSession(ctx, row.id, 'resident');
  const first = visibleSteps(service.definition, {})[0];
  if (!first) return fail('internal', { detail: 'service has no visible first step' });
  const id = ctx.store.create({
    serviceId,
    language,
    position: { kind: 'step', stepId: first.id, returnToCheck: false },
    now: ctx.clock.now(),
  });
  ctx.logger.info('session.started', { sessionId: id, serviceId });
  return ok({ row: ctx.store.get(id)!, service });
}
