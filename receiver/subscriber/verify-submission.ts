import { createHash } from 'node:crypto';
import type { DestinationConfig } from '../config';
import { decryptCompact, kidOf } from '../crypto/jwe';
import type { SubmissionRecord } from '../db/submission-store';
import { subscriberProblem, type SubscriberProblem } from '../protocol/events';
import { describeErrors, METADATA_SCHEMA_ID, type Validators } from './validators';

/**
 * The subscriber's checks, in FIT-Connect's order: decrypt the metadata (with the current key only),
 * validate it against the metadata schema, match its attachment list with the announcement, decrypt the
 * data and every attachment, compare their SHA-512 hashes, and validate the data against the service's
 * submission schema. Returns every problem found (none: accept).
 */
export interface VerifyInput {
  submission: SubmissionRecord;
  destination: DestinationConfig | undefined;
  encryptedAttachments: Map<string, string>;
  encryptionKid: string;
  decryptionKey: CryptoKey;
  validators: Validators;
}

interface MetadataShape {
  $schema?: unknown;
  publicServiceType?: { identifier?: string };
  contentStructure: {
    data?: { hash: { content: string }; submissionSchema: { schemaUri: string; mimeType: string } };
    attachments: Array<{ attachmentId: string; hash: { content: string } }>;
  };
}

function sha512Hex(bytes: Uint8Array): string {
  return createHash('sha512').update(bytes).digest('hex');
}

async function decryptPart(jwe: string, instance: string, input: VerifyInput, problems: SubscriberProblem[]) {
  const kid = kidOf(jwe);
  if (kid !== input.encryptionKid) {
    problems.push(subscriberProblem('encryption-issue', instance, 'encrypted for a key that is not the current one'));
    return undefined;
  }
  try {
    return await decryptCompact(jwe, input.decryptionKey);
  } catch {
    problems.push(subscriberProblem('encryption-issue', instance, 'decryption failed'));
    return undefined;
  }
}

function parseJson(bytes: Uint8Array, instance: string, problems: SubscriberProblem[]): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch {
    problems.push(subscriberProblem('syntax-violation', instance, 'not valid JSON'));
    return undefined;
  }
}

export async function verifySubmission(input: VerifyInput): Promise<SubscriberProblem[]> {
  const { submission, validators } = input;
  const problems: SubscriberProblem[] = [];
  const metadataBytes = await decryptPart(submission.encryptedMetadata ?? '', 'metadata', input, problems);
  if (!metadataBytes) return problems;
  const parsed = parseJson(metadataBytes, 'metadata', problems);
  if (parsed === undefined) return problems;
  if (!validators.metadata(parsed)) {
    problems.push(subscriberProblem('schema-violation', 'metadata', describeErrors(validators.metadata.errors)));
    return problems;
  }
  const metadata = parsed as MetadataShape;
  if (metadata.$schema !== undefined && metadata.$schema !== METADATA_SCHEMA_ID) {
    problems.push(subscriberProblem('unsupported-schema', 'metadata', 'only metadata schema 1.0.0 is supported'));
    return problems;
  }
  const announcedService = metadata.publicServiceType?.identifier;
  if (announcedService !== undefined && announcedService !== submission.serviceIdentifier) {
    problems.push(subscriberProblem('service-mismatch', 'metadata', 'publicServiceType differs from the announcement'));
  }

  const listed = metadata.contentStructure.attachments.map((entry) => entry.attachmentId.toLowerCase());
  const announced = new Set(submission.announcedAttachments);
  if (listed.length !== announced.size || !listed.every((id) => announced.has(id))) {
    problems.push(subscriberProblem('attachments-mismatch', 'metadata', 'attachments differ from the announcement'));
  }
  for (const entry of metadata.contentStructure.attachments) {
    const id = entry.attachmentId.toLowerCase();
    const jwe = input.encryptedAttachments.get(id);
    if (!jwe) continue;
    const bytes = await decryptPart(jwe, `attachment:${id}`, input, problems);
    if (bytes && sha512Hex(bytes) !== entry.hash.content) {
      problems.push(subscriberProblem('hash-mismatch', `attachment:${id}`, 'SHA-512 of the attachment differs'));
    }
  }

  await verifyData(input, metadata, problems);
  return problems;
}

async function verifyData(input: VerifyInput, metadata: MetadataShape, problems: SubscriberProblem[]): Promise<void> {
  const { submission } = input;
  const declared = metadata.contentStructure.data;
  if (!declared && submission.encryptedData === null) return;
  if (!declared || submission.encryptedData === null) {
    problems.push(subscriberProblem('missing-data', 'data', 'metadata and sent content disagree about data'));
    return;
  }
  const bytes = await decryptPart(submission.encryptedData, 'data', input, problems);
  if (!bytes) return;
  if (sha512Hex(bytes) !== declared.hash.content) {
    problems.push(subscriberProblem('hash-mismatch', 'data', 'SHA-512 of the data differs'));
    return;
  }
  const { schemaUri, mimeType } = declared.submissionSchema;
  const offered = input.destination?.services
    .find((service) => service.identifier === submission.serviceIdentifier)
    ?.submissionSchemas.some((schema) => schema.schemaUri === schemaUri && schema.mimeType === mimeType);
  if (!offered) {
    problems.push(subscriberProblem('unsupported-schema', 'data', 'the service does not accept this schema'));
    return;
  }
  const validate = input.validators.service(schemaUri);
  if (!validate) {
    problems.push(subscriberProblem('missing-schema', 'data', 'the schema is not available to the receiver'));
    return;
  }
  const data = parseJson(bytes, 'data', problems);
  if (data === undefined) return;
  if (!validate(data)) problems.push(subscriberProblem('schema-violation', 'data', describeErrors(validate.errors)));
}
