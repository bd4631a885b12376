import {
  answersOfVisibleSteps,
  applicableParts,
  fail,
  groupItems,
  isOutcome,
  nextVisibleStep,
  ok,
  previousVisibleStep,
  visibleSteps,
  type AnswerInput,
  type Answers,
  type ApiInput,
  type LanguageCode,
  type Result,
  type SessionView,
} from '../../contract';
import type { LoadedService } from '../catalog/loaded-service';
import { checkpointTruncate } from '../db/open-database';
import { firstIncompleteStep, validateAnswers, validateStep } from '../validation/validate-answers';
import type { CoreContext } from './context';
import { requireActive, type ActiveSession } from './lifecycle';
import type { SessionRow } from './session-store';
import { buildView, completedSteps, storedPosition } from './session-view';
import type { StoredPosition } from './stored-position';
import { submitSession } from './submit-session';
import { answerItem, checkGroupDone, enterStep, itemReachable, withoutItem } from './group-actions';

type ViewResult = Result<SessionView>;

/**
 * Runs `action` on the active session after touching its activity time (every
 * call on a session counts as the resident being there), then returns the
 * fresh view. An action that changes the answers returns them, so they are
 * decrypted once per call, not read back. A session on the confirmation page
 * only accepts `allowSubmitted` calls.
 */
function withSession(
  ctx: CoreContext,
  sessionId: string,
  action: (session: ActiveSession, answers: Answers) => Result<Answers | void>,
  allowSubmitted = false,
): ViewResult {
  const active = requireActive(ctx, sessionId);
  if (!active.ok) return active;
  const { row, service } = active.value;
  // Touch and action share one transaction, so an answer costs one durable commit (one fsync), not two.
  // A refused action still commits the touch: the resident was there.
  return ctx.store.db.transaction((): ViewResult => {
    ctx.store.touch(row.id, ctx.clock.now());
    if (row.status === 'submitted' && !allowSubmitted) return fail('already_submitted');
    const answers = ctx.store.readAnswers(row);
    const result = action({ row, service }, answers);
    if (!result.ok) return result;
    return ok(buildView(ctx, ctx.store.get(row.id)!, service, result.value ?? answers));
  })();
}

const done: Result<void> = ok(undefined);

function move(ctx: CoreContext, row: SessionRow, position: StoredPosition): Result<void> {
  ctx.store.updatePosition(row.id, position, completedSteps(row), ctx.clock.now());
  return done;
}

/** Where "Weiter" leads after a step was answered. */
function positionAfterAnswer(
  service: LoadedService,
  answers: Answers,
  completed: string[],
  stepId: string,
  returnToCheck: boolean,
): StoredPosition {
  const incomplete = firstIncompleteStep(service, answers, completed);
  const toIncomplete = (back: boolean): StoredPosition =>
    incomplete ? enterStep(incomplete.step, answers, back) : { kind: 'check' };
  if (returnToCheck) return toIncomplete(true);
  const next = nextVisibleStep(service.definition, answers, stepId);
  return next ? enterStep(next, answers, false) : toIncomplete(false);
}

export function answerStep(ctx: CoreContext, input: ApiInput<'session.answer'>): ViewResult {
  return withSession(ctx, input.sessionId, ({ row, service }, answers) => {
    const position = storedPosition(row);
    const step = visibleSteps(service.definition, answers).find((candidate) => candidate.id === input.stepId);
    if (position.kind !== 'step' || position.stepId !== input.stepId || !step) {
      return fail('not_reachable', { detail: 'stepId is not the current step' });
    }
    // An outcome ends the journey: there is nothing to answer, only "Zurück" or "Beenden".
    if (isOutcome(step)) return fail('not_reachable', { detail: 'an outcome step has no answer' });
    if (step.repeat) {
      if (input.item !== undefined) {
        const values = input.values as Record<string, AnswerInput>;
        return answerItem(
          ctx,
          row,
          service,
          step,
          position,
          { item: input.item, values },
          answers,
          completedSteps(row),
        );
      }
      // The list's "Weiter": nothing to type, only the list to check.
      if (position.item !== undefined || Object.keys(input.values).length > 0) {
        return fail('not_reachable', { detail: 'the group list takes no values' });
      }
      const done = checkGroupDone(service, step, answers);
      if (!done.ok) return done;
      const completed = completedSteps(row);
      if (!completed.includes(step.id)) completed.push(step.id);
      ctx.store.saveStep(row, {
        answers,
        completed,
        position: positionAfterAnswer(service, answers, completed, step.id, position.returnToCheck),
        now: ctx.clock.now(),
      });
      return ok(answers);
    }
    if (input.item !== undefined) return fail('invalid_input', { detail: 'item: the step does not repeat' });
    const checked = validateStep(service, step, input.values as Record<string, AnswerInput>, answers);
    if (!checked.ok) {
      if ('unknownField' in checked)
        return fail('invalid_input', { detail: `values: unknown field for step ${step.id}` });
      // Refused, so not an answer; but what was typed is kept as the page's entries, as the screen keeps it.
      ctx.store.savePageDraft(row, { stepId: step.id, values: input.values });
      return fail('validation', { fieldErrors: checked.fieldErrors });
    }
    const next: Answers = { ...answers, ...checked.set };
    for (const name of checked.remove) delete next[name];
    const completed = completedSteps(row);
    if (!completed.includes(step.id)) completed.push(step.id);
    ctx.store.saveStep(row, {
      answers: next,
      completed,
      position: positionAfterAnswer(service, next, completed, step.id, position.returnToCheck),
      now: ctx.clock.now(),
    });
    return ok(next);
  });
}

export function goBack(ctx: CoreContext, input: ApiInput<'session.back'>): ViewResult {
  return withSession(ctx, input.sessionId, ({ row, service }, answers) => {
    const position = storedPosition(row);
    if (position.kind === 'check') {
      const last = visibleSteps(service.definition, answers).at(-1)!;
      return move(ctx, row, { kind: 'step', stepId: last.id, returnToCheck: false });
    }
    if (position.kind !== 'step') return fail('already_submitted');
    // From an item's questions back to its group's list, unless the list is still empty.
    const current = service.definition.journey.steps.find((step) => step.id === position.stepId);
    if (position.item !== undefined && current && groupItems(current, answers).length > 0) {
      return move(ctx, row, { kind: 'step', stepId: position.stepId, returnToCheck: position.returnToCheck });
    }
    if (position.returnToCheck && !firstIncompleteStep(service, answers, completedSteps(row))) {
      return move(ctx, row, { kind: 'check' });
    }
    const previous = previousVisibleStep(service.definition, answers, position.stepId);
    if (!previous) return fail('not_reachable', { detail: 'no previous step' });
    // A group entered from behind shows its list (its items were given on the way forward).
    return move(ctx, row, { kind: 'step', stepId: previous.id, returnToCheck: false });
  });
}

export function goTo(ctx: CoreContext, input: ApiInput<'session.goTo'>): ViewResult {
  return withSession(ctx, input.sessionId, ({ row, service }, answers) => {
    const steps = visibleSteps(service.definition, answers);
    const incomplete = firstIncompleteStep(service, answers, completedSteps(row));
    const firstOpen = incomplete ? steps.findIndex((step) => step.id === incomplete.step.id) : steps.length;
    const target = input.target;
    if (target.kind === 'check') {
      if (incomplete) return fail('not_reachable', { stepId: incomplete.step.id });
      return move(ctx, row, { kind: 'check' });
    }
    const index = steps.findIndex((step) => step.id === target.stepId);
    // Only visible steps, and none beyond the first one that still needs an answer.
    if (index === -1 || index > firstOpen) {
      return fail('not_reachable', incomplete ? { stepId: incomplete.step.id } : {});
    }
    const step = steps[index]!;
    if (target.item !== undefined) {
      if (!itemReachable(step, answers, target.item)) return fail('not_reachable', { detail: 'no such item' });
      const position = {
        kind: 'step',
        stepId: step.id,
        returnToCheck: target.returnToCheck,
        item: target.item,
      } as const;
      return move(ctx, row, position);
    }
    return move(ctx, row, enterStep(step, answers, target.returnToCheck));
  });
}

/** Removes an item of the repeatable group whose list is on screen. */
export function removeItem(ctx: CoreContext, input: ApiInput<'session.removeItem'>): ViewResult {
  return withSession(ctx, input.sessionId, ({ row, service }, answers) => {
    const position = storedPosition(row);
    const step = service.definition.journey.steps.find((candidate) => candidate.id === input.stepId);
    if (position.kind !== 'step' || position.stepId !== input.stepId || position.item !== undefined || !step?.repeat) {
      return fail('not_reachable', { detail: 'the group list is not on screen' });
    }
    const next = withoutItem(step, answers, input.item);
    if (!next.ok) return next;
    ctx.store.saveStep(row, { answers: next.value, completed: completedSteps(row), position, now: ctx.clock.now() });
    return next;
  });
}

export function setLanguage(ctx: CoreContext, sessionId: string, language: LanguageCode): ViewResult {
  return withSession(
    ctx,
    sessionId,
    ({ row }) => {
      ctx.store.setLanguage(row.id, language, ctx.clock.now());
      return done;
    },
    true,
  );
}

export function keepAlive(ctx: CoreContext, sessionId: string): ViewResult {
  return withSession(ctx, sessionId, () => done, true);
}

export function submit(ctx: CoreContext, sessionId: string): ViewResult {
  const result = submitInTransaction(ctx, sessionId);
  if (result.ok) {
    checkpointTruncate(ctx.store.db);
    ctx.afterSubmit();
  }
  return result;
}

function submitInTransaction(ctx: CoreContext, sessionId: string): ViewResult {
  return withSession(ctx, sessionId, ({ row, service }, answers) => {
    if (storedPosition(row).kind !== 'check')
      return fail('not_reachable', { detail: 'submit only from the check page' });
    // An in-person service sends nothing: its journey ends in visit.prepare (prepared-visit.ts).
    if (service.definition.completion === 'visit')
      return fail('not_reachable', { detail: 'an in-person service is prepared as a visit, not sent' });
    const incomplete = firstIncompleteStep(service, answers, completedSteps(row));
    if (incomplete) return fail('incomplete', { stepId: incomplete.step.id, fieldErrors: incomplete.fieldErrors });
    const fieldErrors = validateAnswers(service, answers);
    if (fieldErrors.length > 0) return fail('incomplete', { fieldErrors });
    const data = answersOfVisibleSteps(service.definition, answers);
    const submitted = submitSession(
      ctx.store,
      ctx.masterKey(),
      row,
      {
        serviceId: service.definition.id,
        schemaUri: service.schemaUri,
        language: row.language,
        data,
        now: ctx.clock.now(),
      },
      applicableParts(service.definition, data, ctx.today?.()),
    );
    ctx.logger.info('session.submitted', {
      sessionId: row.id,
      serviceId: service.definition.id,
      outboxId: submitted.outboxId,
    });
    const draftGone: Answers = {}; // the data now lives only in the outbox
    return ok(draftGone);
  });
}
