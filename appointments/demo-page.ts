import type { SampleCatalogue } from './sample-data';
import type { ProcessRow } from './store';

/** `/demo`: the bookings the reference server holds, for whoever runs the demo (it is no production system). */
const escape = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const timeFormat = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  weekday: 'short',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function renderDemoPage(rows: ProcessRow[], catalogue: SampleCatalogue, nowMs: number): string {
  const office = (id: number) => catalogue.offices.find((candidate) => candidate.id === id)?.displayName ?? String(id);
  const service = (id: number) => catalogue.services.find((candidate) => candidate.id === id)?.name ?? String(id);
  const state = (row: ProcessRow) =>
    (row.status === 'reserved' || row.status === 'preconfirmed') && (row.expires_at ?? 0) <= nowMs
      ? `${row.status} (abgelaufen)`
      : row.status;
  const body = rows
    .map(
      (row) =>
        `<tr><td>${row.process_id}</td><td>${escape(timeFormat.format(row.timestamp * 1000))}</td><td>${escape(
          office(row.office_id),
        )}</td><td>${escape(service(row.service_id))}</td><td>${escape(row.family_name)}</td><td>${escape(state(row))}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Termine (Referenz-Terminserver)</title>
<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #333;padding:.4rem .8rem;text-align:left}</style>
</head><body>
<h1>Termine des Referenz-Terminservers</h1>
<p>Beispieldaten, kein Produktivsystem. ${rows.length} Vorgänge.</p>
<table><thead><tr><th>Vorgang</th><th>Zeit</th><th>Stelle</th><th>Leistung</th><th>Name</th><th>Status</th></tr></thead>
<tbody>
${body}
</tbody></table>
</body></html>
`;
}
