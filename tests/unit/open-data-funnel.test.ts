import { describe, expect, it } from 'vitest';
import { SUPPRESSED, type PublishedCount } from '../../contract/usage';
import { funnelSystem, publishFunnel, type FunnelInput } from '../../hub/open-data/funnel';
import { random } from '../../bench/open-data-reports';
import { derivable } from '../fixtures/suppression-attack';

/**
 * A service's funnel (hub/open-data/funnel.ts): started → reached each step → completed, and given up at each step.
 * A reader who knows how a journey goes (a session that reached a step reached the next, gave up there, or skipped)
 * and the period's started, completed and given-up totals where every month's is published, tries every other
 * funnel that publishes the same (tests/fixtures/suppression-attack.ts): no suppressed count may be pinned down.
 */

/** What a reader sees of the funnel's system: its published positions, the period's totals as the months give them. */
function seen(input: FunnelInput, published: { reached: PublishedCount[]; givenUp: PublishedCount[] }) {
  const system = funnelSystem(input);
  const view: PublishedCount[] = system.values.map((value) => value);
  view[0] = input.startedHidden && input.started > 0 ? SUPPRESSED : input.started;
  view[1] = input.completedHidden && input.completed > 0 ? SUPPRESSED : input.completed;
  view[2] = input.givenUpHidden && system.values[2]! > 0 ? SUPPRESSED : system.values[2]!;
  published.reached.forEach((value, step) => (view[system.reachedAt(step)] = value));
  published.givenUp.forEach((value, step) => (view[system.givenUpAt(step)] = value));
  return { view, system };
}

describe('the funnel is suppressed with the relation between its steps', () => {
  // 20 started; 3 gave up at the first step, 2 at the second, 15 completed: every session went step by step.
  const input: FunnelInput = {
    started: 20,
    completed: 15,
    reached: [20, 17],
    givenUp: [3, 2],
    startedHidden: false,
    completedHidden: false,
    givenUpHidden: false,
  };

  it('a hand-made case: the given-up counts alone suppressed would be given away by the step counts', () => {
    // As suppressed before: each given-up count alone (and with its line), the step counts as they are.
    const alone = { reached: [20, 17], givenUp: [SUPPRESSED, SUPPRESSED] as PublishedCount[] };
    const before = seen(input, alone);
    expect(derivable(before.view, before.system.values, before.system.equations)).toEqual([
      before.system.givenUpAt(0),
      before.system.givenUpAt(1),
    ]);
    // With the relation: a step count goes too, and neither given-up count can be worked out.
    const published = publishFunnel(input);
    expect(published.givenUp).toEqual([SUPPRESSED, SUPPRESSED]);
    expect(published.reached).toContain(SUPPRESSED);
    const after = seen(input, published);
    expect(derivable(after.view, after.system.values, after.system.equations)).toEqual([]);
  });

  it('the period’s starts hidden (a month’s suppressed, and with them its completions): no step count pins them', () => {
    const hidden = { ...input, reached: [20, 19], givenUp: [1, 4], startedHidden: true, completedHidden: true };
    const published = publishFunnel(hidden);
    expect(published.reached[0]).toBe(SUPPRESSED);
    const view = seen(hidden, published);
    expect(derivable(view.view, view.system.values, view.system.equations)).toEqual([]);
  });

  it('200 random funnels over two months: every count of 1–4 suppressed, none derivable', () => {
    const next = random(7);
    let checked = 0;
    for (let run = 0; run < 200; run += 1) {
      const steps = 1 + Math.floor(next() * 4);
      const reached = new Array<number>(steps).fill(0);
      const givenUp = new Array<number>(steps).fill(0);
      // Per month: started, completed, given up (town-wide), whose 1–4 are suppressed in the month tables.
      const months = [0, 1].map(() => {
        const month = { started: Math.floor(next() * 25), completed: 0, givenUp: 0 };
        for (let session = 0; session < month.started; session += 1) {
          let step = 0;
          for (; step < steps; step += 1) {
            // Some steps are shown only for some answers: skipped.
            if (step > 0 && next() < 0.1) continue;
            reached[step]! += 1;
            if (next() < 0.15) {
              givenUp[step]! += 1;
              month.givenUp += 1;
              break;
            }
          }
          if (step === steps) month.completed += 1;
        }
        return month;
      });
      const small = (figure: 'started' | 'completed' | 'givenUp') =>
        months.some((month) => month[figure] > 0 && month[figure] < 5);
      const funnel: FunnelInput = {
        started: months[0]!.started + months[1]!.started,
        completed: months[0]!.completed + months[1]!.completed,
        reached,
        givenUp,
        startedHidden: small('started'),
        completedHidden: small('completed'),
        givenUpHidden: small('givenUp'),
      };
      // Where exactly one of the three totals is hidden, the other two give it away already (started = completed +
      // given up): the month tables' own limit (README, "Small numbers"), which no funnel can mend. Left out.
      const hiddenCount = [funnel.startedHidden, funnel.completedHidden, funnel.givenUpHidden].filter(Boolean).length;
      if (hiddenCount === 1) continue;
      checked += 1;
      const published = publishFunnel(funnel);
      const label = JSON.stringify(funnel);
      [...reached, ...givenUp].forEach((value, index) => {
        const shown = [...published.reached, ...published.givenUp][index];
        if (value > 0 && value < 5) expect(shown, label).toBe(SUPPRESSED);
        else if (shown !== SUPPRESSED) expect(shown, label).toBe(value);
      });
      const { view, system } = seen(funnel, published);
      expect(derivable(view, system.values, system.equations), label).toEqual([]);
    }
    expect(checked).toBeGreaterThan(100);
  });
});
