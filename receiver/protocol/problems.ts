/**
 * RFC 7807 problem documents of the Submission API. FIT-Connect names every problem type
 * `https://schema.fitko.de/fit-connect/submission-api/problems/<slug>`; the slugs below follow that scheme
 * (`destination-not-found`, `destination-state-invalid` and `submission-not-found` appear in FIT-Connect's
 * own docs and clients; the rest are chosen in the same style). Clients should branch on the status code first.
 */
export const SUBMISSION_API_PROBLEM_BASE = 'https://schema.fitko.de/fit-connect/submission-api/problems/';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
}

/** slug → [status, title] */
export const HTTP_PROBLEMS = {
  'invalid-request-body': [400, 'Invalid request body'],
  'invalid-jwe': [400, 'Not a compact JWE'],
  unauthorized: [401, 'Unauthorized'],
  forbidden: [403, 'Forbidden'],
  'not-found': [404, 'Not Found'],
  'destination-not-found': [404, 'Destination not found'],
  'key-not-found': [404, 'Key not found'],
  'submission-not-found': [404, 'Submission not found'],
  'case-not-found': [404, 'Case not found'],
  'attachment-not-announced': [404, 'Attachment not announced'],
  'method-not-allowed': [405, 'Method Not Allowed'],
  'submission-state-invalid': [409, 'Submission is not in the required state'],
  'payload-too-large': [413, 'Payload Too Large'],
  'unsupported-media-type': [415, 'Unsupported Media Type'],
  'destination-state-invalid': [422, 'Destination is not active'],
  'service-not-supported': [422, 'Service not offered by this destination'],
  'missing-attachments': [422, 'Announced attachments are missing'],
  'jwe-header-invalid': [422, 'JWE header not acceptable'],
  'too-many-requests': [429, 'Too Many Requests'],
  'internal-server-error': [500, 'Internal Server Error'],
  'bad-gateway': [502, 'Bad Gateway'],
  'service-unavailable': [503, 'Service Unavailable'],
  'gateway-timeout': [504, 'Gateway Timeout'],
} as const satisfies Record<string, readonly [number, string]>;

export type HttpProblemSlug = keyof typeof HTTP_PROBLEMS;

export function problem(slug: HttpProblemSlug, detail?: string, instance?: string): ProblemDocument {
  const [status, title] = HTTP_PROBLEMS[slug];
  return {
    type: SUBMISSION_API_PROBLEM_BASE + slug,
    title,
    status,
    ...(detail === undefined ? {} : { detail }),
    ...(instance === undefined ? {} : { instance }),
  };
}

/** The problem a fault-injected status code answers with (any 5xx not listed falls back to a generic one). */
export function problemForStatus(status: number, detail: string): ProblemDocument {
  const slug = (
    { 500: 'internal-server-error', 502: 'bad-gateway', 503: 'service-unavailable', 504: 'gateway-timeout' } as const
  )[status as 500 | 502 | 503 | 504];
  if (slug) return problem(slug, detail);
  return { type: 'about:blank', title: `HTTP ${status}`, status, detail };
}
