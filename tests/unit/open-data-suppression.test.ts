import { describe, expect, it } from 'vitest';
import { SUPPRESSED } from '../../contract/usage';
import { blockEquations, blockSize, publishStacked, publishTable, type CountTable } from '../../hub/open-data/tables';
import type { Equation } from '../../hub/open-data/suppression';
import { derivable } from '../fixtures/suppression-attack';

/**
 * Small-number suppression (issue 18): a reader who knows how the tables are built (cells, row, column and grand
 * totals), that a published 0 is a 0 and that a suppressed cell is at least 1 tries to work out every suppressed
 * value from everything published, by exhaustive search for another table that publishes the same: it must find one
 * for every suppressed cell.
 */

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHOICES = [0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 9, 12];

function randomTable(next: () => number, R: number, C: number): CountTable {
  return {
    rows: Array.from({ length: R }, (_, r) => `r${r}`),
    cols: Array.from({ length: C }, (_, c) => `c${c}`),
    values: Array.from({ length: R }, () => Array.from({ length: C }, () => CHOICES[Math.floor(next() * 12)]!)),
  };
}

function flatten(
  table: CountTable,
  cell: (r: number, c: number) => number | typeof SUPPRESSED,
  margins: {
    row: (r: number) => number | typeof SUPPRESSED;
    col: (c: number) => number | typeof SUPPRESSED;
    grand: () => number | typeof SUPPRESSED;
  },
): (number | typeof SUPPRESSED)[] {
  const R = table.rows.length;
  const C = table.cols.length;
  return [
    ...Array.from({ length: R * C }, (_, i) => cell(Math.floor(i / C), i % C)),
    ...Array.from({ length: R }, (_, r) => margins.row(r)),
    ...Array.from({ length: C }, (_, c) => margins.col(c)),
    margins.grand(),
  ];
}

describe('small-number suppression', () => {
  it('suppresses every cell of 1–4 and publishes zeros and larger counts as they are, where safe', () => {
    const table: CountTable = {
      rows: ['a', 'b', 'c'],
      cols: ['x', 'y', 'z'],
      values: [
        [1, 30, 9],
        [20, 40, 50],
        [60, 7, 70],
      ],
    };
    const published = publishTable(table);
    expect(published.cell(0, 0)).toBe(SUPPRESSED);
    // Row a and column x would give the 1 back: another cell of each goes too; the rest stays.
    expect([1, 2].some((c) => published.cell(0, c) === SUPPRESSED)).toBe(true);
    expect([1, 2].some((r) => published.cell(r, 0) === SUPPRESSED)).toBe(true);
    expect(published.cell(2, 2)).toBe(70);
    expect(published.grand()).toBe(287);
    const zeros = publishTable({ rows: ['a'], cols: ['x', 'y'], values: [[0, 12]] });
    expect([zeros.cell(0, 0), zeros.cell(0, 1)]).toEqual([0, 12]);
  });

  it('no suppressed value of 200 random tables can be derived from what is published', () => {
    const next = random(18);
    let suppressedCells = 0;
    for (let round = 0; round < 200; round += 1) {
      const table = randomTable(next, 2 + (round % 2), 2 + ((round >> 1) % 2));
      const published = publishTable(table);
      const R = table.rows.length;
      const C = table.cols.length;
      const flat = flatten(table, published.cell, {
        row: published.rowTotal,
        col: published.colTotal,
        grand: published.grand,
      });
      const truth = flatten(table, (r, c) => table.values[r]![c]!, {
        row: (r) => table.values[r]!.reduce((a, b) => a + b, 0),
        col: (c) => table.values.reduce((a, row) => a + row[c]!, 0),
        grand: () => table.values.flat().reduce((a, b) => a + b, 0),
      }) as number[];
      // Every 1–4 is suppressed; nothing published differs from the truth.
      truth.forEach((value, position) => {
        if (value > 0 && value < 5) expect(flat[position]).toBe(SUPPRESSED);
        if (flat[position] !== SUPPRESSED) expect(flat[position]).toBe(value);
      });
      suppressedCells += flat.filter((value) => value === SUPPRESSED).length;
      expect(derivable(flat, truth, blockEquations(0, R, C)), JSON.stringify(table.values)).toEqual([]);
    }
    expect(suppressedCells).toBeGreaterThan(200);
  });

  it("daily tables under a month: no day's suppressed value is derivable from the days and the month together", () => {
    const next = random(1804);
    for (let round = 0; round < 40; round += 1) {
      const days = [0, 1].map(() => randomTable(next, 2, 2));
      const month: CountTable = {
        rows: days[0]!.rows,
        cols: days[0]!.cols,
        values: [0, 1].map((r) => [0, 1].map((c) => days.reduce((sum, day) => sum + day.values[r]![c]!, 0))),
      };
      const monthly = publishTable(month);
      const daily = publishStacked(days, monthly);
      const size = blockSize(2, 2);
      const margins = (table: CountTable) => ({
        row: (r: number) => table.values[r]!.reduce((a, b) => a + b, 0),
        col: (c: number) => table.values.reduce((a, row) => a + row[c]!, 0),
        grand: () => table.values.flat().reduce((a, b) => a + b, 0),
      });
      const flat = [
        ...daily.flatMap((day) =>
          flatten(day as unknown as CountTable, day.cell, { row: day.rowTotal, col: day.colTotal, grand: day.grand }),
        ),
        ...flatten(month, monthly.cell, { row: monthly.rowTotal, col: monthly.colTotal, grand: monthly.grand }),
      ];
      const truth = [...days, month].flatMap(
        (table) => flatten(table, (r, c) => table.values[r]![c]!, margins(table)) as number[],
      );
      const equations: Equation[] = [...days.flatMap((_, d) => blockEquations(d * size, 2, 2))];
      equations.push(...blockEquations(2 * size, 2, 2));
      for (let position = 0; position < size; position += 1)
        equations.push({ total: 2 * size + position, parts: [0, 1].map((d) => d * size + position) });
      expect(derivable(flat, truth, equations), JSON.stringify(days.map((day) => day.values))).toEqual([]);
    }
  });
});
