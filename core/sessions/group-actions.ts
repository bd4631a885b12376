import { fail, groupItems, ok, type AnswerInput, type Answers, type Result, type Step } from '../../contract';
import type { LoadedService } from '../catalog/loaded-service';
import { groupErrors, validateItem } from '../validation/validate-group';
import type { CoreContext } from './context';
import type { SessionRow } from './session-store';
import type { StoredPosition } from './stored-position';

/**
 * A repeatable group on screen is either its list ("Wer zieht mit um?": the items so far, add, change,
 * remove, Weiter) or one item's questions (position.item). Saving an item returns to the list; only the
 * list's "Weiter" passes the step, once the list has between `min` and `max` valid items.
 */

type StepPosition = Extract<StoredPosition, { kind: 'step' }>;

/** Where a step is entered: an empty group that needs items opens the first item's questions at once. */
export function enterStep(step: Step, answers: Answers, returnToCheck: boolean): StepPosition {
  const opensItem = step.repeat && step.repeat.min > 0 && groupItems(step, answers).length === 0;
  return { kind: 'step', stepId: step.id, returnToCheck, ...(opensItem ? { item: 0 } : {}) };
}

/** Whether `item` may be opened: an existing item, or the next new one while the limit allows. */
export function itemReachable(step: Step, answers: Answers, item: number): boolean {
  const count = groupItems(step, answers).length;
  return step.repeat !== undefined && item <= count && item < step.repeat.max;
}

/** Saves one item's answers from its page and returns to the group's list. */
export function answerItem(
  ctx: CoreContext,
  row: SessionRow,
  service: LoadedService,
  step: Step,
  position: StepPosition,
  input: { item: number; values: Record<string, AnswerInput> },
  answers: Answers,
  completed: string[],
): Result<Answers> {
  if (position.item !== input.item || !itemReachable(step, answers, input.item)) {
    return fail('not_reachable', { detail: 'item is not the one on screen' });
  }
  const items = groupItems(step, answers);
  const checked = validateItem(service, step, input.values, items, input.item);
  if (!checked.ok) {
    if ('unknownField' in checked)
      return fail('invalid_input', { detail: `values: unknown field for step ${step.id}` });
    ctx.store.savePageDraft(row, { stepId: step.id, item: input.item, values: input.values });
    return fail('validation', { fieldErrors: checked.fieldErrors });
  }
  const next = [...items];
  next[input.item] = checked.item;
  const saved: Answers = { ...answers, [step.repeat!.name]: next };
  ctx.store.saveStep(row, {
    answers: saved,
    completed,
    position: { kind: 'step', stepId: step.id, returnToCheck: position.returnToCheck },
    now: ctx.clock.now(),
  });
  return ok(saved);
}

/** The list's "Weiter": refused with every problem (too few, too many, an item in error) named by item. */
export function checkGroupDone(service: LoadedService, step: Step, answers: Answers): Result<void> {
  const errors = groupErrors(service, step, groupItems(step, answers));
  return errors.length > 0 ? fail('validation', { fieldErrors: errors }) : ok(undefined);
}

/** Removes item `item`; the ones after it move up ("Person 3" becomes "Person 2"). */
export function withoutItem(step: Step, answers: Answers, item: number): Result<Answers> {
  const items = groupItems(step, answers);
  if (item >= items.length) return fail('not_reachable', { detail: 'no such item' });
  const rest = items.filter((_, index) => index !== item);
  const next: Answers = { ...answers };
  if (rest.length > 0) next[step.repeat!.name] = rest;
  else delete next[step.repeat!.name];
  return ok(next);
}
