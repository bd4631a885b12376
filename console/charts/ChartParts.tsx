import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One chart: its heading, a visible caption, the drawing and the table of its numbers, as one figure. */
export function ChartSection({
  id,
  title,
  caption,
  children,
}: {
  id: string;
  title: string;
  caption: string;
  children: ReactNode;
}) {
  return (
    <section className="chart-section" aria-labelledby={`${id}-title`} data-chart={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <figure className="chart" aria-labelledby={`${id}-caption`}>
        <figcaption id={`${id}-caption`} className="chart-caption">
          {caption}
        </figcaption>
        {children}
      </figure>
    </section>
  );
}

export interface TableRow {
  label: string;
  cells: string[];
}

/**
 * The numbers behind a chart, for screen readers and for anyone who wants the figures. A wide table scrolls
 * sideways in its own region, which then takes keyboard focus so it can be scrolled without a mouse.
 */
export function DataTable({
  title,
  rowHeader,
  columns,
  rows,
  wide = false,
  suppressed,
}: {
  title: string;
  rowHeader: string;
  columns: string[];
  rows: TableRow[];
  wide?: boolean;
  /** Whether a cell shows "< 5": the explanation follows the table. */
  suppressed: boolean;
}) {
  const { t } = useTranslation('charts');
  const table = (
    <table className="table chart-table">
      <caption className="visually-hidden">{title}</caption>
      <thead>
        <tr>
          <th scope="col">{rowHeader}</th>
          {columns.map((column) => (
            <th scope="col" key={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            {row.cells.map((cell, index) => (
              <td key={columns[index] ?? index}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      {wide ? (
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard
        <div className="table-wrap chart-table-wrap" role="region" aria-label={title} tabIndex={0}>
          {table}
        </div>
      ) : (
        <div className="table-wrap chart-table-wrap">{table}</div>
      )}
      {suppressed && <p className="chart-note">{t('suppressedNote')}</p>}
    </>
  );
}
