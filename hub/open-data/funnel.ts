import { SUPPRESSED, type PublishedCount } from '../../contract/usage';
import { suppress, type Equation } from './suppression';

/**
 * A service's funnel over the whole period, suppressed as one system with the figures a reader has beside it
 * (issue 18). A session that reached step i reached step i+1 or gave up at step i, unless it skipped step i+1 (a step
 * shown only for some answers) or went back. A reader who knows how a journey goes assumes so:
 *
 *   started  = reached₁
 *   reachedᵢ = reachedᵢ₊₁ + given upᵢ      (i < n)
 *   reachedₙ = completed + given upₙ
 *   given up (all steps) = Σ given upᵢ
 *
 * Each of the first three holds for most services and steps, and where it holds a reader could solve it for a
 * suppressed count (e.g. "started" minus the published step counts): so every one that holds is an equation of the
 * system. One that does not hold (someone skipped or went back) would only lead a reader astray, and is left out.
 * "started", "completed" and "given up" over the period are sums of the months' town-wide totals (the dashboard's
 * and the monthly CSV's), so each is known exactly when every month's is published, and otherwise must stay unknown:
 * then it is a fixed suppressed cell here, and any step count that would pin it is suppressed with it. A step count
 * or given-up count of 1–4 is suppressed, and then further ones until none can be worked out (suppression.ts).
 */
export interface FunnelInput {
  started: number;
  completed: number;
  reached: readonly number[];
  givenUp: readonly number[];
  /** Whether some month's town-wide total is suppressed (so the period's must not be formable). */
  startedHidden: boolean;
  completedHidden: boolean;
  givenUpHidden: boolean;
}

export interface FunnelSystem {
  values: number[];
  equations: Equation[];
  fixed: Map<number, boolean>;
  /** Positions: started, completed, given up in all, then reached₁…ₙ, given up₁…ₙ. */
  reachedAt: (step: number) => number;
  givenUpAt: (step: number) => number;
}

export function funnelSystem(input: FunnelInput): FunnelSystem {
  const n = input.reached.length;
  const STARTED = 0;
  const COMPLETED = 1;
  const GIVEN_UP = 2;
  const reachedAt = (step: number) => 3 + step;
  const givenUpAt = (step: number) => 3 + n + step;
  const values = [
    input.started,
    input.completed,
    input.givenUp.reduce((sum, value) => sum + value, 0),
    ...input.reached,
    ...input.givenUp,
  ];
  const equations: Equation[] = [{ total: GIVEN_UP, parts: input.givenUp.map((_, step) => givenUpAt(step)) }];
  const holds = (total: number, parts: number[]) => {
    if (values[total] === parts.reduce((sum, part) => sum + values[part]!, 0)) equations.push({ total, parts });
  };
  if (n > 0) holds(STARTED, [reachedAt(0)]);
  for (let step = 0; step < n; step += 1)
    holds(reachedAt(step), [step + 1 < n ? reachedAt(step + 1) : COMPLETED, givenUpAt(step)]);
  const fixed = new Map<number, boolean>([
    [STARTED, input.startedHidden && input.started > 0],
    [COMPLETED, input.completedHidden && input.completed > 0],
    [GIVEN_UP, input.givenUpHidden && values[GIVEN_UP]! > 0],
  ]);
  return { values, equations, fixed, reachedAt, givenUpAt };
}

/** The funnel's step counts as published: reached and given up per step. */
export function publishFunnel(input: FunnelInput): { reached: PublishedCount[]; givenUp: PublishedCount[] } {
  const system = funnelSystem(input);
  const { suppressed } = suppress(system);
  const shown = (position: number): PublishedCount => (suppressed[position] ? SUPPRESSED : system.values[position]!);
  return {
    reached: input.reached.map((_, step) => shown(system.reachedAt(step))),
    givenUp: input.givenUp.map((_, step) => shown(system.givenUpAt(step))),
  };
}
