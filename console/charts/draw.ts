import * as Plot from '@observablehq/plot';

/**
 * The dashboard's chart shapes, drawn with Observable Plot as SVG. Every mark carries its number as text next to
 * it (no meaning by colour alone); bars are the console's dark blue on white, heat cells a light-blue ramp under
 * black text (at least 9:1 on the darkest cell). Sizes are in CSS pixels at 16 px text (charts.css sets it).
 */

const INK = '#0b0c0c';
const BAR = '#1d3b5e';
const GRID = '#6f777b';
const RAMP = ['#ffffff', '#7fb2e5'];
/** Roughly one character of 16 px text, for the room a label needs. */
const CHAR_PX = 9;

export interface BarRow {
  label: string;
  value: number;
  /** What is written at the bar's end: the count, "< 5", or more. */
  text: string;
  /** Written instead where the chart is too narrow for `text` (the table has the rest). */
  shortText?: string;
}

export interface HeatCell {
  x: string;
  y: string;
  value: number;
  text: string;
}

/**
 * The room at the left for the labels, and the line width (in ems) past which Plot cuts a label with "…". Plot
 * measures text by its own estimate, which puts a month like "Dezember 2026" above the room made for it here: so a
 * label is cut only where the room hit its cap (a long service name on a narrow screen), never where it was made
 * to fit (the month chart, one month or more).
 */
function labelRoom(labels: readonly string[], width: number): { marginLeft: number; lineWidth: number } {
  const longest = Math.max(4, ...labels.map((label) => label.length));
  const wanted = 16 + longest * CHAR_PX;
  const marginLeft = Math.round(Math.min(width * 0.42, wanted));
  return { marginLeft, lineWidth: wanted <= width * 0.42 ? Infinity : (marginLeft - 12) / 16 };
}

/** One bar per row, the label at the left, the figure at the bar's end. */
export function horizontalBars(rows: readonly BarRow[], width: number, options: { textRoom?: number } = {}): Element {
  const { marginLeft, lineWidth } = labelRoom(
    rows.map((row) => row.label),
    width,
  );
  const room = options.textRoom ?? 72;
  // On a narrow screen the bars keep at least this much room; long texts give way to their short form.
  const short = width - marginLeft - room < 240;
  const marginRight = short ? 72 : room;
  const ticks = Math.max(2, Math.floor((width - marginLeft - marginRight) / 90));
  const drawn = rows.map((row) => ({ ...row, text: short ? (row.shortText ?? row.text) : row.text }));
  const max = Math.max(1, ...rows.map((row) => row.value));
  return Plot.plot({
    width,
    height: rows.length * 40 + 56,
    marginLeft,
    marginRight,
    marginTop: 40,
    x: { domain: [0, max], grid: true, axis: 'top', label: null, ticks },
    y: { domain: rows.map((row) => row.label), label: null, padding: 0.25 },
    marks: [
      Plot.axisY({ tickSize: 0, lineWidth, textOverflow: 'ellipsis', fill: INK }),
      Plot.barX(drawn, { x: 'value', y: 'label', fill: BAR }),
      Plot.ruleX([0], { stroke: INK }),
      Plot.text(drawn, { x: 'value', y: 'label', text: 'text', textAnchor: 'start', dx: 6, fill: INK }),
    ],
  });
}

/** A grid of cells (e.g. weekday × hour), each with its figure written in it. */
export function heatGrid(
  cells: readonly HeatCell[],
  xDomain: readonly string[],
  yDomain: readonly string[],
  width: number,
  cell: { height?: number; minWidth?: number } = {},
): Element {
  const cellHeight = cell.height ?? 36;
  const { marginLeft, lineWidth } = labelRoom(yDomain, width);
  // Below this a cell cannot hold its figure: the SVG is drawn at this width and shrinks as a picture.
  const drawnWidth = Math.max(width, marginLeft + xDomain.length * (cell.minWidth ?? 40) + 16);
  const max = Math.max(1, ...cells.map((cell) => cell.value));
  return Plot.plot({
    width: drawnWidth,
    height: yDomain.length * cellHeight + 56,
    marginLeft,
    marginTop: 40,
    marginRight: 16,
    padding: 0,
    x: { domain: [...xDomain], axis: 'top', label: null, tickSize: 0 },
    y: { domain: [...yDomain], label: null, tickSize: 0 },
    color: { type: 'linear', domain: [0, max], range: RAMP },
    marks: [
      Plot.axisY({ tickSize: 0, lineWidth, textOverflow: 'ellipsis', fill: INK }),
      Plot.cell(cells, { x: 'x', y: 'y', fill: 'value', stroke: GRID, inset: 0 }),
      Plot.text(cells, { x: 'x', y: 'y', text: 'text', fill: INK }),
    ],
  });
}
