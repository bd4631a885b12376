import type { Answers } from './answers';
import type { Condition, ServiceDefinition, Step } from './service';

/**
 * Pure journey rules, shared by the core (authoritative) and the renderer
 * (for display only). State in, state out.
 */

export function conditionHolds(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((inner) => conditionHolds(inner, answers));
  if ('any' in condition) return condition.any.some((inner) => conditionHolds(inner, answers));
  const value = answers[condition.field];
  if ('equals' in condition) return value === condition.equals;
  if ('in' in condition) return typeof value === 'string' && condition.in.includes(value);
  const answered = value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  return answered === condition.answered;
}

export function visibleSteps(service: ServiceDefinition, answers: Answers): Step[] {
  return service.journey.steps.filter((step) => !step.when || conditionHolds(step.when, answers));
}

export function nextVisibleStep(service: ServiceDefinition, answers: Answers, currentStepId: string): Step | undefined {
  const steps = visibleSteps(service, answers);
  const index = steps.findIndex((step) => step.id === currentStepId);
  return index === -1 ? undefined : steps[index + 1];
}

export function previousVisibleStep(
  service: ServiceDefinition,
  answers: Answers,
  currentStepId: string,
): Step | undefined {
  const steps = visibleSteps(service, answers);
  const index = steps.findIndex((step) => step.id === currentStepId);
  return index <= 0 ? undefined : steps[index - 1];
}

/** Answers that belong to visible steps only: hidden branches are dropped before submission. */
export function answersOfVisibleSteps(service: ServiceDefinition, answers: Answers): Answers {
  const kept: Answers = {};
  for (const step of visibleSteps(service, answers)) {
    for (const field of step.fields) {
      const value = answers[field.name];
      if (value !== undefined) kept[field.name] = value;
    }
  }
  return kept;
}

/** Beyond this many combinations of open answers, the count falls back to a cheaper upper bound. */
const MAX_COMBINATIONS = 4096;

const OTHER_TEXT = '\u0000other';

function conditionFields(condition: Condition, into: Set<string>): Set<string> {
  if ('all' in condition) for (const inner of condition.all) conditionFields(inner, into);
  else if ('any' in condition) for (const inner of condition.any) conditionFields(inner, into);
  else into.add(condition.field);
  return into;
}

/** Every value a condition can tell apart for `field`: the values it names, "something else" and "no answer". */
function candidateValues(service: ServiceDefinition, field: string): (Answers[string] | undefined)[] {
  const values = new Set<Answers[string] | undefined>([undefined, OTHER_TEXT]);
  const visit = (condition: Condition): void => {
    if ('all' in condition) condition.all.forEach(visit);
    else if ('any' in condition) condition.any.forEach(visit);
    else if (condition.field !== field) return;
    else if ('equals' in condition) values.add(condition.equals);
    else if ('in' in condition) condition.in.forEach((value) => values.add(value));
  };
  for (const step of service.journey.steps) if (step.when) visit(step.when);
  for (const step of service.journey.steps) {
    for (const option of step.fields.find((candidate) => candidate.name === field)?.options ?? []) {
      values.add(option.value);
    }
  }
  return [...values];
}

/**
 * How many steps the journey can still have: the longest journey the answers not yet given
 * can lead to. "Schritt 6 von 6" must never be followed by "Schritt 7 von 7" because an
 * answer revealed a step; the total may only shrink when an answer rules steps out.
 * An answer counts as given once its step was passed (an optional field left empty is given
 * as "no answer"), so `completedStepIds` are the steps the resident has passed.
 */
export function possibleStepCount(
  service: ServiceDefinition,
  answers: Answers,
  completedStepIds: readonly string[],
): number {
  const completed = new Set(completedStepIds);
  const referenced = new Set<string>();
  for (const step of service.journey.steps) if (step.when) conditionFields(step.when, referenced);
  const open = service.journey.steps
    .filter((step) => !completed.has(step.id))
    .flatMap((step) => step.fields.map((field) => field.name))
    .filter((name) => referenced.has(name) && answers[name] === undefined);
  const choices = open.map((name) => candidateValues(service, name));
  const combinations = choices.reduce((product, values) => product * values.length, 1);
  if (combinations > MAX_COMBINATIONS) {
    // Too many to try: every step whose condition is not already decided against counts.
    const isOpen = (condition: Condition): boolean =>
      [...conditionFields(condition, new Set())].some((name) => open.includes(name));
    return service.journey.steps.filter((step) => !step.when || conditionHolds(step.when, answers) || isOpen(step.when))
      .length;
  }
  let longest = visibleSteps(service, answers).length;
  const trial: Answers = { ...answers };
  const tryFrom = (index: number): void => {
    if (index === open.length) {
      longest = Math.max(longest, visibleSteps(service, trial).length);
      return;
    }
    for (const value of choices[index]!) {
      if (value === undefined) delete trial[open[index]!];
      else trial[open[index]!] = value;
      tryFrom(index + 1);
    }
    delete trial[open[index]!];
  };
  tryFrom(0);
  return longest;
}
