import { describe, expect, it } from 'vitest';
import { possibleStepCount, visibleSteps, type Answers, type ServiceDefinition, type Step } from '../../contract';
import { loadCatalog } from '../../core/catalog/load-catalog';
import { createMemoryLogger } from '../../core/logging';
import { PROJECT_RESOURCES } from '../fixtures/core-harness';

/**
 * "Schritt n von m" (issue 4: honest progress): walks every branch of every shipped service the
 * way the core does (answer a step, go to the next visible one) and checks that the total never
 * grows and is never below the number of steps the resident then actually goes through. (It may
 * shrink: on the last step of a branch the total still counts the branch not taken.)
 */

const services = loadCatalog(PROJECT_RESOURCES, () => '2025-06-15', createMemoryLogger()).services.map(
  (service) => service.definition,
);

/** The values a resident can give a step: each option of a choice field that a condition looks at. */
function answersFor(service: ServiceDefinition, step: Step): Answers[] {
  const referenced = JSON.stringify(service.journey.steps.map((candidate) => candidate.when ?? null));
  let out: Answers[] = [{}];
  for (const field of step.fields) {
    const values: (Answers[string] | undefined)[] =
      field.options && referenced.includes(`"${field.name}"`)
        ? field.options.map((option) => option.value)
        : [field.type === 'confirm' ? true : 'x', ...comparedValues(service, field.name)];
    if (field.optional) values.push(undefined);
    out = out.flatMap((answers) =>
      values.map((value) => (value === undefined ? { ...answers } : { ...answers, [field.name]: value })),
    );
  }
  return out;
}

/** Values the conditions compare a free-text or number field with (a Stade postcode, a limit and one above). */
function comparedValues(service: ServiceDefinition, name: string): Answers[string][] {
  const out: Answers[string][] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      const condition = node as Record<string, unknown>;
      if (condition.field === name) {
        if (Array.isArray(condition.in)) out.push(condition.in[0] as string);
        if (typeof condition.greaterThan === 'number') out.push(condition.greaterThan, condition.greaterThan + 1);
      }
      Object.values(condition).forEach(visit);
    }
  };
  visit(service.journey.steps.map((step) => step.when ?? null));
  return out;
}

interface Shown {
  number: number;
  count: number;
}

/** Every path through the service, as the sequence of "n von m" a resident sees. */
function walks(service: ServiceDefinition): Shown[][] {
  const out: Shown[][] = [];
  const go = (stepId: string, answers: Answers, completed: string[], shown: Shown[]): void => {
    const visible = visibleSteps(service, answers);
    const index = visible.findIndex((step) => step.id === stepId);
    // An outcome ends the journey; it is no numbered step.
    if (visible[index]!.kind === 'outcome') {
      out.push(shown);
      return;
    }
    const here = [...shown, { number: index + 1, count: possibleStepCount(service, answers, completed) }];
    for (const given of answersFor(service, visible[index]!)) {
      const next = { ...answers, ...given };
      const after = visibleSteps(service, next);
      const following = after[after.findIndex((step) => step.id === stepId) + 1];
      if (following) go(following.id, next, [...completed, stepId], here);
      else out.push(here);
    }
  };
  go(service.journey.steps[0]!.id, {}, [], []);
  return out;
}

describe('possibleStepCount', () => {
  it.each(services.map((service) => [service.id, service] as const))(
    '%s: the total never grows and is never below the steps still to come',
    (_id, service) => {
      const paths = walks(service);
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) {
        path.forEach((shown, index) => {
          expect(shown.number).toBe(index + 1);
          // Never fewer than the resident will actually go through ("6 von 6", then a 7th).
          expect(shown.count).toBeGreaterThanOrEqual(path.length);
          if (index > 0) expect(shown.count).toBeLessThanOrEqual(path[index - 1]!.count);
        });
      }
      // And not more than the longest journey there is.
      expect(paths[0]![0]!.count).toBe(Math.max(...paths.map((path) => path.length)));
    },
  );

  it('counts a conditional step while its answer is open, and drops it once ruled out', () => {
    const service = services.find((candidate) => candidate.id === 'meldebescheinigung')!;
    const purposeStep = service.journey.steps.find((step) => step.fields.some((field) => field.name === 'purpose'))!;
    const all = service.journey.steps.filter((step) => step.kind !== 'outcome').length;
    expect(visibleSteps(service, {}).length).toBe(all - 1);
    // Before "Wofür?" is answered, "purpose-other" may still come: it is counted.
    expect(possibleStepCount(service, {}, [])).toBe(all);
    expect(possibleStepCount(service, { purpose: 'sonstiges' }, [purposeStep.id])).toBe(all);
    // Answered otherwise: the step cannot come any more.
    expect(possibleStepCount(service, { purpose: 'bank' }, [purposeStep.id])).toBe(all - 1);
  });

  it('counts the longer of two exclusive branches once, not both', () => {
    const service = services.find((candidate) => candidate.id === 'maengel-melden')!;
    const ids = service.journey.steps.map((step) => step.id);
    expect(ids).toEqual(expect.arrayContaining(['contact-email', 'contact-phone']));
    // E-mail and phone exclude each other: at most one of them is ever shown.
    expect(possibleStepCount(service, {}, [])).toBe(ids.length - 1);
  });
});
