import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { authenticationTagOf, checkCompactJwe, kidOf } from '../crypto/jwe';
import type { SubmissionRecord } from '../db/submission-store';
import { mediaType } from '../http/body';
import { emptyResponse, jsonResponse, problemOf } from '../http/responses';
import type { AuthenticationTags } from '../protocol/events';
import type { ReceiverState } from '../state';
import { bodyOf, HttpFailure, isUuid, jsonBodyOf, type Handler } from './context';
import { destinationOf } from './destinations';

/**
 * The sender's side of the Submission API: announce (POST /v1/submissions), upload each announced
 * attachment (PUT …/attachments/{id}, a compact JWE), then send metadata and data (PUT /v1/submissions/{id}).
 * An attachment may be uploaded again until the send (a retry after a lost answer is harmless);
 * after the send, the submission is closed and every further upload or send is refused with 409.
 */
const MAX_ATTACHMENTS = 100;
const ANNOUNCE_BODY_LIMIT = 256 * 1024;

const announceBodySchema = z.object({
  destinationId: z.string(),
  announcedAttachments: z.array(z.string()).max(MAX_ATTACHMENTS),
  serviceType: z.object({ name: z.string().optional(), identifier: z.string().min(1) }),
  caseId: z.string().optional(),
});

const sendBodySchema = z.object({
  encryptedMetadata: z.string().min(1),
  encryptedData: z.string().min(1).optional(),
});

function invalidBody(error: z.ZodError): HttpFailure {
  const detail = error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
  return new HttpFailure(problemOf('invalid-request-body', detail));
}

/** The caller's own submission, or the problem that says why not. */
function ownSubmission(state: ReceiverState, submissionId: string, clientId: string): SubmissionRecord {
  const submission = isUuid(submissionId) ? state.submissions.get(submissionId.toLowerCase()) : undefined;
  if (!submission) throw new HttpFailure(problemOf('submission-not-found', `no submission ${submissionId}`));
  if (submission.clientId !== clientId) {
    throw new HttpFailure(problemOf('forbidden', 'the submission belongs to another client'));
  }
  return submission;
}

function requireIncomplete(submission: SubmissionRecord): void {
  if (submission.status !== 'incomplete') {
    throw new HttpFailure(
      problemOf('submission-state-invalid', `the submission is ${submission.status}; only incomplete ones change`),
    );
  }
}

/**
 * Refuses what is not a compact JWE with RSA-OAEP-256 / A256GCM and a cty, encrypted for the destination's
 * current key: content for a rotated-out key is refused here, so the sender learns it at once and can
 * encrypt afresh (the subscriber checks the kid again, for a rotation between send and receipt).
 */
function requireJwe(state: ReceiverState, text: string, instance: string): string {
  const check = checkCompactJwe(text);
  if (!check.ok) {
    const slug = check.kind === 'syntax' ? 'invalid-jwe' : 'jwe-header-invalid';
    throw new HttpFailure(problemOf(slug, `${instance}: ${check.detail}`));
  }
  requireCurrentKid(state, check.header.kid, instance);
  return check.authenticationTag;
}

function requireCurrentKid(state: ReceiverState, kid: unknown, instance: string): void {
  if (kid !== state.keys.get('encryption').kid) {
    throw new HttpFailure(
      problemOf('jwe-header-invalid', `${instance}: kid is not the destination's current encryptionKid`),
    );
  }
}

export const announceHandler: Handler = async (context) => {
  const { state, clientId } = context;
  const parsed = announceBodySchema.safeParse(await jsonBodyOf(context, ANNOUNCE_BODY_LIMIT));
  if (!parsed.success) throw invalidBody(parsed.error);
  const body = parsed.data;
  const attachmentIds = body.announcedAttachments.map((id) => id.toLowerCase());
  if (!attachmentIds.every(isUuid))
    throw new HttpFailure(problemOf('invalid-request-body', 'attachment ids must be UUIDs'));
  if (new Set(attachmentIds).size !== attachmentIds.length) {
    throw new HttpFailure(problemOf('invalid-request-body', 'attachment ids must be unique'));
  }
  const destination = destinationOf(state, body.destinationId);
  if (destination.status !== 'active') {
    throw new HttpFailure(problemOf('destination-state-invalid', `the destination is ${destination.status}`));
  }
  const service = destination.services.find((candidate) => candidate.identifier === body.serviceType.identifier);
  if (!service) throw new HttpFailure(problemOf('service-not-supported', 'serviceType.identifier is not offered'));

  let caseId: string = randomUUID();
  if (body.caseId !== undefined) {
    const existing = isUuid(body.caseId) ? state.submissions.caseExists(body.caseId.toLowerCase()) : undefined;
    if (!existing) throw new HttpFailure(problemOf('case-not-found', `no case ${body.caseId}`));
    if (existing.clientId !== clientId)
      throw new HttpFailure(problemOf('forbidden', 'the case belongs to another client'));
    caseId = body.caseId.toLowerCase();
  }
  const submissionId = randomUUID();
  state.submissions.insert({
    submissionId,
    caseId,
    destinationId: destination.destinationId,
    clientId,
    serviceIdentifier: service.identifier,
    serviceName: body.serviceType.name ?? null,
    announcedAttachments: attachmentIds,
    createdAt: state.now(),
  });
  await state.eventLog.appendServiceEvent(state.submissions.get(submissionId)!, 'create-submission');
  state.log('submission.announced', { submissionId, attachments: attachmentIds.length });
  return jsonResponse(
    201,
    { destinationId: destination.destinationId, submissionId, caseId },
    { Location: `/v1/submissions/${submissionId}` },
  );
};

export const attachmentHandler: Handler = async (context) => {
  const { state, params, clientId, request } = context;
  const submission = ownSubmission(state, params.submissionId!, clientId);
  requireIncomplete(submission);
  const attachmentId = params.attachmentId!.toLowerCase();
  if (!submission.announcedAttachments.includes(attachmentId)) {
    throw new HttpFailure(problemOf('attachment-not-announced', `attachment ${params.attachmentId} was not announced`));
  }
  if (mediaType(request) !== 'application/jose') {
    throw new HttpFailure(problemOf('unsupported-media-type', 'Content-Type must be application/jose'));
  }
  const jwe = (await bodyOf(context)).toString('latin1').trim();
  requireJwe(state, jwe, 'attachment');
  state.submissions.putAttachment(submission.submissionId, attachmentId, jwe, state.now());
  return emptyResponse(204);
};

export const sendHandler: Handler = async (context) => {
  const { state, params, clientId } = context;
  const submission = ownSubmission(state, params.submissionId!, clientId);
  requireIncomplete(submission);
  const parsed = sendBodySchema.safeParse(await jsonBodyOf(context));
  if (!parsed.success) throw invalidBody(parsed.error);
  const { encryptedMetadata, encryptedData } = parsed.data;
  const tags: AuthenticationTags = { metadata: requireJwe(state, encryptedMetadata, 'encryptedMetadata') };
  if (encryptedData !== undefined) tags.data = requireJwe(state, encryptedData, 'encryptedData');

  const uploaded = state.submissions.attachments(submission.submissionId);
  const missing = submission.announcedAttachments.filter((id) => !uploaded.has(id));
  if (missing.length > 0) {
    throw new HttpFailure(problemOf('missing-attachments', `not uploaded yet: ${missing.join(', ')}`));
  }
  if (uploaded.size > 0) {
    // Uploaded before a key rotation: such an attachment must be uploaded again (or the submission announced anew).
    // Their shape was checked on upload; the kid alone can have gone stale since.
    for (const [id, jwe] of uploaded) requireCurrentKid(state, kidOf(jwe), `attachment ${id}`);
    tags.attachments = Object.fromEntries([...uploaded].map(([id, jwe]) => [id, authenticationTagOf(jwe)]));
  }
  if (
    !state.submissions.markSubmitted(submission.submissionId, encryptedMetadata, encryptedData ?? null, state.now())
  ) {
    throw new HttpFailure(problemOf('submission-state-invalid', 'the submission was sent meanwhile'));
  }
  const submitted = state.submissions.get(submission.submissionId)!;
  await state.eventLog.appendServiceEvent(submitted, 'submit-submission', { authenticationTags: tags });
  const forceReject = state.faults.take('send', 'forceReject');
  state.subscriber.enqueue(submitted.submissionId, { forceReject });
  state.log('submission.submitted', { submissionId: submitted.submissionId });
  return jsonResponse(202, {
    destinationId: submitted.destinationId,
    submissionId: submitted.submissionId,
    caseId: submitted.caseId,
  });
};

export const eventsHandler: Handler = async ({ state, params, clientId }) => {
  const caseId = params.caseId!.toLowerCase();
  const owner = isUuid(caseId) ? state.submissions.caseExists(caseId) : undefined;
  if (!owner) throw new HttpFailure(problemOf('case-not-found', `no case ${params.caseId}`));
  if (owner.clientId !== clientId) throw new HttpFailure(problemOf('forbidden', 'the case belongs to another client'));
  return jsonResponse(200, { eventLog: state.eventLog.tokensForCase(caseId) });
};
