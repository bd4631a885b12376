import type { PublishedCount } from '../../contract/usage';
import { SUPPRESSED } from '../../contract/usage';
import { suppress, type Equation } from './suppression';

/**
 * Counts by row (a terminal location) and column (a service, a language, …), with the row, column and grand
 * totals a reader could form, suppressed as one system (suppression.ts). The daily tables of a month are stacked
 * under the month's, whose cells are then fixed: the daily file can never reveal more than the monthly one.
 */
export interface CountTable {
  rows: readonly string[];
  cols: readonly string[];
  /** values[row][col] */
  values: readonly (readonly number[])[];
}

export interface PublishedTable {
  rows: readonly string[];
  cols: readonly string[];
  cell(row: number, col: number): PublishedCount;
  rowTotal(row: number): PublishedCount;
  colTotal(col: number): PublishedCount;
  grand(): PublishedCount;
  /** The raw suppression flags in block layout (for stacking the daily tables under it). */
  flags: Uint8Array;
}

/** Cell positions of one table and its margins: cells, then row totals, column totals, the grand total. */
export function blockSize(rows: number, cols: number): number {
  return rows * cols + rows + cols + 1;
}

export function blockValues(table: CountTable): number[] {
  const R = table.rows.length;
  const C = table.cols.length;
  const values = new Array<number>(blockSize(R, C)).fill(0);
  for (let r = 0; r < R; r += 1)
    for (let c = 0; c < C; c += 1) {
      const value = table.values[r]![c]!;
      values[r * C + c] = value;
      values[R * C + r]! += value;
      values[R * C + R + c]! += value;
      values[R * C + R + C]! += value;
    }
  return values;
}

export function blockEquations(offset: number, R: number, C: number): Equation[] {
  const equations: Equation[] = [];
  const cell = (r: number, c: number) => offset + r * C + c;
  const rowTotal = (r: number) => offset + R * C + r;
  const colTotal = (c: number) => offset + R * C + R + c;
  const grand = offset + R * C + R + C;
  for (let r = 0; r < R; r += 1)
    equations.push({ total: rowTotal(r), parts: Array.from({ length: C }, (_, c) => cell(r, c)) });
  for (let c = 0; c < C; c += 1)
    equations.push({ total: colTotal(c), parts: Array.from({ length: R }, (_, r) => cell(r, c)) });
  equations.push({ total: grand, parts: Array.from({ length: R }, (_, r) => rowTotal(r)) });
  equations.push({ total: grand, parts: Array.from({ length: C }, (_, c) => colTotal(c)) });
  return equations;
}

function published(table: CountTable, values: readonly number[], flags: Uint8Array, offset = 0): PublishedTable {
  const R = table.rows.length;
  const C = table.cols.length;
  const at = (position: number): PublishedCount => (flags[offset + position] ? SUPPRESSED : values[offset + position]!);
  return {
    rows: table.rows,
    cols: table.cols,
    cell: (r, c) => at(r * C + c),
    rowTotal: (r) => at(R * C + r),
    colTotal: (c) => at(R * C + R + c),
    grand: () => at(R * C + R + C),
    flags: flags.slice(offset, offset + blockSize(R, C)),
  };
}

/** A block's row totals and grand total: never published (the column totals are, on the dashboard). */
function hiddenOf(offset: number, R: number, C: number): number[] {
  return [...Array.from({ length: R }, (_, r) => offset + R * C + r), offset + R * C + R + C];
}

/**
 * The suppression of the tables most recently published, by their whole content: a closed month's tables do not
 * change, so the dashboard and the monthly CSV (which publish the same month tables) suppress only the months that
 * did. A pure function's results, so the figures are the same with or without it.
 */
const MEMO_SIZE = 600;
const memo = new Map<string, PublishedTable>();

/** Forgets every kept suppression (the bench, to time the work a hub does at start). */
export function forgetPublishedTables(): void {
  memo.clear();
}

/** One table with its margins; `forced` cells (row, column) are suppressed whatever they count. */
export function publishTable(table: CountTable, forced: readonly [number, number][] = []): PublishedTable {
  const key = JSON.stringify([table.rows, table.cols, table.values, forced]);
  const known = memo.get(key);
  if (known) {
    // Most recently used last: the oldest goes first when the memo is full.
    memo.delete(key);
    memo.set(key, known);
    return known;
  }
  const result = computeTable(table, forced);
  memo.set(key, result);
  if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
  return result;
}

function computeTable(table: CountTable, forced: readonly [number, number][]): PublishedTable {
  const values = blockValues(table);
  const R = table.rows.length;
  const C = table.cols.length;
  const { suppressed } = suppress({
    values,
    equations: blockEquations(0, R, C),
    fixed: new Map(forced.map(([row, col]) => [row * C + col, true])),
    hidden: new Set(hiddenOf(0, R, C)),
  });
  return published(table, values, suppressed);
}

/**
 * The daily tables of one period (same rows and columns as the period's table), each with its margins, every
 * position summing over the days to the period's, whose suppression (`period.flags`) is fixed.
 */
export function publishStacked(days: readonly CountTable[], period: PublishedTable): PublishedTable[] {
  const R = period.rows.length;
  const C = period.cols.length;
  const size = blockSize(R, C);
  const values: number[] = [];
  const equations: Equation[] = [];
  days.forEach((day, index) => {
    values.push(...blockValues(day));
    equations.push(...blockEquations(index * size, R, C));
  });
  const periodOffset = days.length * size;
  const periodValues = new Array<number>(size).fill(0);
  for (let d = 0; d < days.length; d += 1)
    for (let position = 0; position < size; position += 1) periodValues[position]! += values[d * size + position]!;
  values.push(...periodValues);
  const fixed = new Map<number, boolean>();
  for (let position = 0; position < size; position += 1) {
    fixed.set(periodOffset + position, period.flags[position] === 1);
    equations.push({
      total: periodOffset + position,
      parts: Array.from({ length: days.length }, (_, d) => d * size + position),
    });
  }
  // Within a day only the cells are published: the day's sums (by location, town-wide, in all) are not.
  const hidden = new Set<number>();
  for (let d = 0; d < days.length; d += 1)
    for (let position = R * C; position < size; position += 1) hidden.add(d * size + position);
  const { suppressed } = suppress({ values, equations, fixed, hidden });
  return days.map((day, index) => published(day, values, suppressed, index * size));
}
