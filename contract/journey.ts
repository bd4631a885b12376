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
