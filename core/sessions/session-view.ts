import {
  DEFAULT_LANGUAGE,
  isLanguageCode,
  possibleStepCount,
  visibleSteps,
  type Answers,
  type Position,
  type SessionView,
} from '../../contract';
import type { LoadedService } from '../catalog/loaded-service';
import type { CoreContext } from './context';
import { pageDraftOf } from './page-draft';
import type { SessionRow } from './session-store';
import { CompletedStepsSchema, StoredPositionSchema, type StoredPosition } from './stored-position';

export function storedPosition(row: SessionRow): StoredPosition {
  return StoredPositionSchema.parse(JSON.parse(row.position));
}

export function completedSteps(row: SessionRow): string[] {
  return CompletedStepsSchema.parse(JSON.parse(row.completed_steps));
}

export function remainingMs(ctx: CoreContext, lastActivityAt: number): number {
  // While help is on its way the clock stands still (lifecycle.ts); it starts afresh when the request ends.
  if (ctx.idleHeld?.()) return ctx.idle.timeoutMs;
  return Math.max(0, Math.round(lastActivityAt + ctx.idle.timeoutMs - ctx.clock.now()));
}

/**
 * The session as the renderer sees it. The step number counts the currently visible steps; the
 * total is the longest journey the open answers can still lead to, so it never grows as a
 * later answer reveals a conditional step (contract/journey.ts).
 */
export function buildView(
  ctx: CoreContext,
  row: SessionRow,
  service: LoadedService,
  answers: Answers,
  position: StoredPosition = storedPosition(row),
): SessionView {
  const visible = visibleSteps(service.definition, answers);
  let viewPosition: Position;
  if (position.kind === 'step') {
    const index = visible.findIndex((step) => step.id === position.stepId);
    viewPosition = {
      ...position,
      stepNumber: index + 1 || 1,
      stepCount: Math.max(possibleStepCount(service.definition, answers, completedSteps(row)), 1),
    };
  } else {
    viewPosition = position;
  }
  const pageDraft = position.kind === 'step' ? pageDraftOf(ctx, row, position.stepId, position.item) : undefined;
  const today = ctx.today?.();
  return {
    ...(pageDraft ? { pageDraft } : {}),
    ...(today ? { today } : {}),
    sessionId: row.id,
    serviceId: row.service_id,
    language: isLanguageCode(row.language) ? row.language : DEFAULT_LANGUAGE,
    position: viewPosition,
    answers,
    visibleStepIds: visible.map((step) => step.id),
    idle: {
      remainingMs: remainingMs(ctx, row.last_activity_at),
      timeoutMs: ctx.idle.timeoutMs,
      warningMs: ctx.idle.warningMs,
    },
  };
}
