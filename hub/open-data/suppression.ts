/**
 * Small-number suppression for everything published (issue 18). A system of cells (counts) and equations
 * `total = Σ parts` (every total a reader could form or is given: a row, a column, a month over its days). A cell
 * counting 1–4 is suppressed ("<5"); then further cells are suppressed until no suppressed cell can be worked out
 * from the published ones: a reader knows a published zero is a zero and a suppressed cell is at least 1 (zeros are
 * never suppressed), and narrows each suppressed cell by every equation whose total is published (bounds
 * propagation), as far as it goes. Where a cell's bounds meet, the next smallest non-zero published cell in one of
 * its equations is suppressed too (or, when none is left, that equation's total); "fixed" cells (decided in an
 * earlier pass, e.g. the monthly figures for the daily file) are never changed.
 */

export const PRIMARY_LIMIT = 5;

export interface Equation {
  total: number;
  parts: readonly number[];
}

export interface SuppressionSystem {
  values: readonly number[];
  equations: readonly Equation[];
  /** Cells whose suppression an earlier pass decided: 1 = suppressed there, 0 = published there. */
  fixed?: ReadonlyMap<number, boolean>;
  /** Cells never published themselves (sums a reader could form): suppressing them costs nothing, so they go first. */
  hidden?: ReadonlySet<number>;
}

export interface SuppressionResult {
  suppressed: Uint8Array;
  /** Cells still derivable because nothing more could be suppressed (only where fixed cells block it). */
  unresolved: number;
}

const isPrimary = (value: number) => value > 0 && value < PRIMARY_LIMIT;

export function suppress(system: SuppressionSystem): SuppressionResult {
  const { values, equations } = system;
  const fixed = system.fixed ?? new Map<number, boolean>();
  const suppressed = new Uint8Array(values.length);
  values.forEach((value, cell) => {
    const decided = fixed.get(cell);
    suppressed[cell] = (decided ?? isPrimary(value)) ? 1 : 0;
  });
  const byCell: number[][] = values.map(() => []);
  equations.forEach((equation, index) => {
    for (const part of equation.parts) byCell[part]!.push(index);
    byCell[equation.total]!.push(index);
  });
  // A cell that would be the only unknown of an equation no other cell can join (its total published and fixed,
  // the rest zeros or fixed) would be given away at once: never a candidate.
  const stuck = (cell: number) =>
    byCell[cell]!.some((index) => {
      const equation = equations[index]!;
      const members = [equation.total, ...equation.parts].filter((member) => member !== cell);
      return members.every(
        (member) =>
          suppressed[member] === 0 && (fixed.has(member) || (values[member] === 0 && member !== equation.total)),
      );
    });
  // Totals (what the dashboard shows, and the sums a reader forms) stay published where a plain cell will do.
  const totals = new Set(equations.map((equation) => equation.total));
  const hidden = system.hidden ?? new Set<number>();
  const cost = (cell: number) =>
    hidden.has(cell) ? values[cell]! - 1e12 : values[cell]! + (totals.has(cell) ? 1e9 : 0);
  const movable = (cell: number) => !fixed.has(cell) && suppressed[cell] === 0 && !stuck(cell);
  let unresolved = 0;
  const given = new Set<number>();
  /** The smallest non-zero published part of an equation the exposed cell is in; else such an equation's total. */
  const choose = (next: number): number | undefined => {
    let choice: number | undefined;
    for (const index of byCell[next]!) {
      for (const part of equations[index]!.parts)
        if (movable(part) && values[part]! > 0 && (choice === undefined || cost(part) < cost(choice))) choice = part;
    }
    if (choice !== undefined) return choice;
    for (const index of byCell[next]!) {
      const total = equations[index]!.total;
      if (movable(total) && values[total]! > 0 && (choice === undefined || cost(total) < cost(choice))) choice = total;
    }
    return choice;
  };
  for (;;) {
    const pending = exposedCells(values, equations, suppressed).filter((cell) => !given.has(cell));
    if (pending.length === 0) break;
    // Unpublished sums and plain cells for every exposed one at once; a published total only one at a time (one
    // often settles several), the cheapest.
    const choices = pending.map((cell) => choose(cell));
    const plain = choices.filter((choice) => choice !== undefined && (hidden.has(choice) || !totals.has(choice)));
    if (plain.length > 0) for (const choice of plain) suppressed[choice!] = 1;
    else {
      const possible = choices.filter((choice): choice is number => choice !== undefined);
      if (possible.length === 0)
        for (const cell of pending) {
          given.add(cell);
          unresolved += 1;
        }
      else suppressed[possible.reduce((best, choice) => (cost(choice) < cost(best) ? choice : best))] = 1;
    }
  }
  return { suppressed, unresolved };
}

/**
 * The suppressed cells a reader can pin down (or pin to "all at their extreme"): bounds propagation over every
 * equation, starting from [1, ∞) for every suppressed cell.
 */
export function exposedCells(
  values: readonly number[],
  equations: readonly Equation[],
  suppressed: Uint8Array,
): number[] {
  const low = new Float64Array(values.length);
  const high = new Float64Array(values.length);
  for (let cell = 0; cell < values.length; cell += 1) {
    low[cell] = suppressed[cell] ? 1 : values[cell]!;
    high[cell] = suppressed[cell] ? Number.POSITIVE_INFINITY : values[cell]!;
  }
  const exposed = new Set<number>();
  for (const equation of equations) {
    if (suppressed[equation.total]) continue;
    const unknown = equation.parts.filter((part) => suppressed[part] === 1);
    if (unknown.length < 2) continue;
    const rest = equation.parts.reduce((sum, part) => sum + (suppressed[part] ? 0 : values[part]!), 0);
    // All of them exactly 4 is what a reader who guesses "each below 5" would find: not that either.
    if (values[equation.total]! - rest === 4 * unknown.length) for (const part of unknown) exposed.add(part);
  }
  for (let round = 0, changed = true; changed && round < 50; round += 1) {
    changed = false;
    for (const equation of equations) {
      const totalLow = low[equation.total]!;
      const totalHigh = high[equation.total]!;
      let lowSum = 0;
      let finiteHigh = 0;
      let unbounded = 0;
      for (const part of equation.parts) {
        lowSum += low[part]!;
        if (high[part] === Number.POSITIVE_INFINITY) unbounded += 1;
        else finiteHigh += high[part]!;
      }
      for (const part of equation.parts) {
        if (!suppressed[part]) continue;
        // The others' bounds, this part left out (an unbounded other leaves no lower bound).
        const own = high[part] === Number.POSITIVE_INFINITY;
        const othersLow = lowSum - low[part]!;
        const othersHigh =
          unbounded - (own ? 1 : 0) > 0 ? Number.POSITIVE_INFINITY : finiteHigh - (own ? 0 : high[part]!);
        const newHigh = totalHigh - othersLow;
        const newLow = totalLow - othersHigh;
        if (newHigh < high[part]!) {
          if (own) unbounded -= 1;
          else finiteHigh -= high[part]!;
          finiteHigh += newHigh;
          high[part] = newHigh;
          changed = true;
        }
        if (newLow > low[part]!) {
          lowSum += newLow - low[part]!;
          low[part] = newLow;
          changed = true;
        }
      }
      // A suppressed total lies between its parts' sums.
      if (suppressed[equation.total]) {
        const sumHigh = unbounded > 0 ? Number.POSITIVE_INFINITY : finiteHigh;
        if (sumHigh < high[equation.total]!) {
          high[equation.total] = sumHigh;
          changed = true;
        }
        if (lowSum > low[equation.total]!) {
          low[equation.total] = lowSum;
          changed = true;
        }
      }
    }
  }
  for (let cell = 0; cell < values.length; cell += 1)
    if (suppressed[cell] && low[cell]! >= high[cell]!) exposed.add(cell);
  return [...exposed].sort((a, b) => a - b);
}
