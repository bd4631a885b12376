import type { Answers, GroupItem, ScalarAnswer } from './answers';
import type { Condition, Fee, NextStep, ServiceDefinition, Step } from './service';

// Type imports only: the renderer imports this file, and zod must stay out of its bundle.

/**
 * Pure journey rules, shared by the core (authoritative) and the renderer
 * (for display only). State in, state out.
 */

/**
 * `today` (YYYY-MM-DD, the core's clock in the town's time zone) is needed only by `ageUnder`; without it an
 * age condition does not hold.
 */
export function conditionHolds(condition: Condition, answers: Answers, today?: string): boolean {
  if ('all' in condition) return condition.all.every((inner) => conditionHolds(inner, answers, today));
  if ('any' in condition) return condition.any.some((inner) => conditionHolds(inner, answers, today));
  if ('not' in condition) return !conditionHolds(condition.not, answers, today);
  const value = answers[condition.field];
  if ('ageUnder' in condition) {
    const age = typeof value === 'string' && today ? ageOn(value, today) : undefined;
    return age !== undefined && age < condition.ageUnder;
  }
  if ('equals' in condition) return value === condition.equals;
  if ('in' in condition) return typeof value === 'string' && condition.in.includes(value);
  if ('greaterThan' in condition) return typeof value === 'number' && value > condition.greaterThan;
  if ('lessThan' in condition) return typeof value === 'number' && value < condition.lessThan;
  const answered = value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  return answered === condition.answered;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole years from `birthDate` to `today` (both YYYY-MM-DD); undefined for anything else. */
export function ageOn(birthDate: string, today: string): number | undefined {
  const birth = ISO_DATE.exec(birthDate);
  const now = ISO_DATE.exec(today);
  if (!birth || !now) return undefined;
  const [by, bm, bd] = birth.slice(1).map(Number) as [number, number, number];
  const [ty, tm, td] = now.slice(1).map(Number) as [number, number, number];
  const beforeBirthday = tm < bm || (tm === bm && td < bd);
  return ty - by - (beforeBirthday ? 1 : 0);
}

export function nextStepKey(entry: NextStep): string {
  return typeof entry === 'string' ? entry : entry.key;
}

function given(value: Answers[string] | undefined): boolean {
  return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/** The answers a step gives: its fields' names, or for a repeatable group the one array of items. */
export function stepAnswerNames(step: Step): string[] {
  return step.repeat ? [step.repeat.name] : step.fields.map((field) => field.name);
}

/** A field's own answer; a repeatable group's list of items is no field's answer. */
export function scalarAnswer(value: Answers[string] | undefined): ScalarAnswer | undefined {
  return Array.isArray(value) && value.some((entry) => typeof entry !== 'string')
    ? undefined
    : (value as ScalarAnswer | undefined);
}

/** A repeatable group's items as stored (an empty list when none were given). */
export function groupItems(step: Step, answers: Answers): GroupItem[] {
  const value = step.repeat ? answers[step.repeat.name] : undefined;
  return Array.isArray(value) ? value.filter((item): item is GroupItem => typeof item === 'object') : [];
}

export function isOutcome(step: Step): boolean {
  return step.kind === 'outcome';
}

/**
 * The steps the answers lead to, in order. An outcome step whose condition holds ends the
 * journey: nothing after it is visible, so the check page and "Senden" cannot be reached.
 */
export function visibleSteps(service: ServiceDefinition, answers: Answers): Step[] {
  const visible: Step[] = [];
  for (const step of service.journey.steps) {
    if (step.when && !conditionHolds(step.when, answers)) continue;
    // An outcome needs the answers it looks at: "not a Stade postcode" is no outcome before the postcode.
    if (
      isOutcome(step) &&
      step.when &&
      ![...conditionFields(step.when, new Set())].every((name) => given(answers[name]))
    ) {
      continue;
    }
    visible.push(step);
    if (isOutcome(step)) break;
  }
  return visible;
}

/** The outcome the answers lead to, if any. */
export function reachedOutcome(service: ServiceDefinition, answers: Answers): Step | undefined {
  const last = visibleSteps(service, answers).at(-1);
  return last && isOutcome(last) ? last : undefined;
}

/** Which fees, next steps and documents apply to these answers (indexes into the service's lists). */
export interface ApplicableParts {
  fees: number[];
  /** How many of each applying fee (same order as `fees`), for fees `perCount`; absent means one each. */
  feeCounts?: number[];
  nextSteps: number[];
  documents: number[];
}

/** `today` (YYYY-MM-DD, core clock) decides fees and documents by age; see conditionHolds. */
export function applicableParts(service: ServiceDefinition, answers: Answers, today?: string): ApplicableParts {
  const holds = (when: Condition | undefined) => !when || conditionHolds(when, answers, today);
  const indexes = <T>(items: readonly T[], when: (item: T) => Condition | undefined) =>
    items.flatMap((item, index) => (holds(when(item)) ? [index] : []));
  const fees = indexes(service.fees, (fee) => fee.when);
  const feeCounts = fees.map((index) => feeCount(service.fees[index]!, answers));
  return {
    fees,
    ...(feeCounts.some((count) => count !== 1) ? { feeCounts } : {}),
    nextSteps: indexes(service.nextStepsKeys, (entry) => (typeof entry === 'string' ? undefined : entry.when)),
    documents: indexes(service.documentsToBring, (document) => document.when),
  };
}

/** A per-piece fee counts the pieces asked for (a whole number, at least 1); any other fee counts once. */
function feeCount(fee: Fee, answers: Answers): number {
  if (!fee.perCount) return 1;
  const value = answers[fee.perCount];
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : 1;
}

/** A fee as it applies: `amountCents` is the line's total, `count` how many pieces it is for. */
export interface AppliedFee extends Fee {
  count: number;
  unitCents: number;
}

/** A fee as a page lists it: from the catalog (start page) or as it applies (check page, receipt). */
export type FeeLine = Fee & Partial<Pick<AppliedFee, 'count' | 'unitCents'>>;

/** Every part: for a confirmation stored before parts were recorded. */
export function allParts(service: ServiceDefinition): ApplicableParts {
  const all = (length: number) => Array.from({ length }, (_, index) => index);
  return {
    fees: all(service.fees.length),
    nextSteps: all(service.nextStepsKeys.length),
    documents: all(service.documentsToBring.length),
  };
}

/** The texts and fees of `parts`, ready to show: what applies to this resident only. */
export function selectParts(
  service: ServiceDefinition,
  parts: ApplicableParts,
): { fees: AppliedFee[]; nextStepKeys: string[]; documentKeys: string[] } {
  const pick = <T>(items: readonly T[], indexes: number[]) =>
    indexes.flatMap((index) => (items[index] === undefined ? [] : [items[index]]));
  const fees = parts.fees.flatMap((index, position) => {
    const fee = service.fees[index];
    if (!fee) return [];
    const count = parts.feeCounts?.[position] ?? 1;
    return [{ ...fee, count, unitCents: fee.amountCents, amountCents: fee.amountCents * count }];
  });
  return {
    fees,
    nextStepKeys: pick(service.nextStepsKeys, parts.nextSteps).map(nextStepKey),
    documentKeys: pick(service.documentsToBring, parts.documents).map((document) => document.labelKey),
  };
}

/** The sum of fees in cents (one currency, EUR, in the format). */
export function totalCents(fees: readonly Fee[]): number {
  return fees.reduce((sum, fee) => sum + fee.amountCents, 0);
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
    for (const name of stepAnswerNames(step)) {
      const value = answers[name];
      if (value !== undefined) kept[name] = value;
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
  else if ('not' in condition) conditionFields(condition.not, into);
  else into.add(condition.field);
  return into;
}

/** Every value a condition can tell apart for `field`: the values it names, "something else" and "no answer". */
function candidateValues(service: ServiceDefinition, field: string): (Answers[string] | undefined)[] {
  const values = new Set<Answers[string] | undefined>([undefined, OTHER_TEXT]);
  const visit = (condition: Condition): void => {
    if ('all' in condition) condition.all.forEach(visit);
    else if ('any' in condition) condition.any.forEach(visit);
    else if ('not' in condition) visit(condition.not);
    else if (condition.field !== field) return;
    else if ('equals' in condition) values.add(condition.equals);
    else if ('in' in condition) condition.in.forEach((value) => values.add(value));
    else if ('greaterThan' in condition) values.add(condition.greaterThan + 1).add(condition.greaterThan);
    else if ('lessThan' in condition) values.add(condition.lessThan - 1).add(condition.lessThan);
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
    .flatMap(stepAnswerNames)
    .filter((name) => referenced.has(name) && answers[name] === undefined);
  const choices = open.map((name) => candidateValues(service, name));
  const combinations = choices.reduce((product, values) => product * values.length, 1);
  if (combinations > MAX_COMBINATIONS) {
    // Too many to try: every step whose condition is not already decided against counts.
    const isOpen = (condition: Condition): boolean =>
      [...conditionFields(condition, new Set())].some((name) => open.includes(name));
    return service.journey.steps.filter(
      (step) => !isOutcome(step) && (!step.when || conditionHolds(step.when, answers) || isOpen(step.when)),
    ).length;
  }
  const questions = (given: Answers) => visibleSteps(service, given).filter((step) => !isOutcome(step)).length;
  let longest = questions(answers);
  const trial: Answers = { ...answers };
  const tryFrom = (index: number): void => {
    if (index === open.length) {
      longest = Math.max(longest, questions(trial));
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
