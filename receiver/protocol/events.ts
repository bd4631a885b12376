/**
 * FIT-Connect event log vocabulary: event URIs, the Security Event Token payload, and the problems a
 * subscriber lists in a reject-submission event (`type` and `instance` are what a sender branches on).
 */
export const EVENT_BASE = 'https://schema.fitko.de/fit-connect/events/';
export const SET_PAYLOAD_SCHEMA = 'https://schema.fitko.de/fit-connect/set-payload/1.0.0/set-payload.schema.json';
export const SET_TYP = 'secevent+jwt';
export const SET_ALG = 'PS512';

export const EVENT_NAMES = [
  'create-submission',
  'submit-submission',
  'notify-submission',
  'forward-submission',
  'accept-submission',
  'reject-submission',
  'delete-submission',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export function eventUri(name: EventName): string {
  return EVENT_BASE + name;
}

/** Last segment of each compact JWE, so the subscriber's accept names exactly what it checked. */
export interface AuthenticationTags {
  metadata: string;
  data?: string;
  attachments?: Record<string, string>;
}

export interface SubscriberProblem {
  type: string;
  title: string;
  detail: string;
  /** "metadata", "data", "attachment:<uuid>" or "submission". */
  instance: string;
}

export interface SetPayload {
  $schema: string;
  jti: string;
  iss: string;
  iat: number;
  sub: string;
  txn: string;
  events: Record<string, Record<string, unknown>>;
}

export const SUBSCRIBER_PROBLEM_BASE = 'https://schema.fitko.de/fit-connect/events/problems/';

/** slug → title, in the style of FIT-Connect's "Einreichung überprüfen" list. */
export const SUBSCRIBER_PROBLEMS = {
  'encryption-issue': 'Decryption failed',
  'syntax-violation': 'Not valid JSON',
  'schema-violation': 'Schema violation',
  'unsupported-schema': 'Schema not supported',
  'missing-schema': 'Schema not available',
  'hash-mismatch': 'Hash does not match',
  'attachments-mismatch': 'Attachments do not match the announcement',
  'missing-data': 'Data missing',
  'service-mismatch': 'Service does not match the announcement',
  'technical-error': 'Technical error',
} as const;

export type SubscriberProblemSlug = keyof typeof SUBSCRIBER_PROBLEMS;

export function subscriberProblem(slug: SubscriberProblemSlug, instance: string, detail: string): SubscriberProblem {
  return { type: SUBSCRIBER_PROBLEM_BASE + slug, title: SUBSCRIBER_PROBLEMS[slug], detail, instance };
}
