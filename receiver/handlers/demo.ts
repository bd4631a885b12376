import { htmlResponse } from '../http/responses';
import type { ReceivedApplication } from '../received';

/**
 * GET /demo — the applications the receiver has decided on, decrypted, as one plain server-rendered
 * page. Every value goes through escapeHtml; the page loads nothing and runs no script (strict CSP).
 */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function fieldsTable(data: unknown): string {
  if (data === null || data === undefined) return '<p><em>not readable</em></p>';
  if (typeof data !== 'object' || Array.isArray(data)) return `<pre>${escapeHtml(JSON.stringify(data, null, 2))}</pre>`;
  const rows = Object.entries(data as Record<string, unknown>)
    .map(([key, value]) => {
      const shown = typeof value === 'string' ? value : JSON.stringify(value);
      return `<tr><th scope="row">${escapeHtml(key)}</th><td>${escapeHtml(shown)}</td></tr>`;
    })
    .join('');
  return `<table>${rows}</table>`;
}

function applicationSection(application: ReceivedApplication): string {
  const problems = application.problems
    .map(
      (problem) =>
        `<li>${escapeHtml(problem.title)} (${escapeHtml(problem.instance)}): ${escapeHtml(problem.detail)}</li>`,
    )
    .join('');
  const attachments = application.attachments
    .map(
      (attachment) =>
        `<li>${escapeHtml(attachment.filename ?? attachment.attachmentId)} — ${escapeHtml(attachment.mimeType ?? '?')}, ` +
        `${attachment.content === null ? 'not readable' : `${attachment.content.length} bytes`}</li>`,
    )
    .join('');
  return `<section>
<h2>${escapeHtml(application.serviceName ?? application.serviceIdentifier)} — ${escapeHtml(application.status)}</h2>
<p>Submission ${escapeHtml(application.submissionId)}, case ${escapeHtml(application.caseId)}, received ${escapeHtml(application.decidedAt ?? '')}</p>
${problems ? `<h3>Problems</h3><ul>${problems}</ul>` : ''}
<h3>Data</h3>${fieldsTable(application.data)}
${attachments ? `<h3>Attachments</h3><ul>${attachments}</ul>` : ''}
</section>`;
}

/** `retentionMinutes`: how long the receiver keeps a decided application (null: until deleted by hand). */
export function renderDemoPage(applications: ReceivedApplication[], retentionMinutes: number | null = 60) {
  const retention =
    retentionMinutes === null
      ? '<p>This receiver keeps received applications until its data folder is deleted.</p>'
      : `<p id="retention">Demo receiver: each application is deleted ${retentionMinutes} minutes after it was received and decided on.</p>`;
  const body =
    applications.length === 0
      ? '<p>No applications received yet.</p>'
      : applications.slice().reverse().map(applicationSection).join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Reference receiver — received applications</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}section{border-top:1px solid #444;padding:1rem 0}th{text-align:left;padding-right:1rem;vertical-align:top}td{white-space:pre-wrap}</style>
</head><body><h1>Received applications (${applications.length})</h1>
${retention}
${body}
</body></html>`;
  return htmlResponse(200, html, {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
}
