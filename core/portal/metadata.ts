import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv/dist/2020';
import metadataSchema from '../../resources/fit-connect/metadata.schema.v1.0.0.json';
import { loadAjv } from '../validation/ajv';
import { permanent } from './portal-error';

export const METADATA_SCHEMA_URI = 'https://schema.fitko.de/fit-connect/metadata/1.0.0/metadata.schema.json';

export interface MetadataAttachment {
  attachmentId: string;
  sha512: string;
  purpose: 'form' | 'attachment' | 'report';
  mimeType: string;
  filename: string;
}

export interface MetadataInput {
  dataSha512: string;
  schemaUri: string;
  attachments: MetadataAttachment[];
  publicServiceType: { name: string; identifier: string };
  senderReference: string;
  /** YYYY-MM-DD, the day the resident sent the application. */
  applicationDate: string;
}

export function sha512Hex(bytes: Uint8Array): string {
  return createHash('sha512').update(bytes).digest('hex');
}

/** The FIT-Connect metadata for one submission (schema 1.0.0). */
export function buildMetadata(input: MetadataInput): Record<string, unknown> {
  return {
    $schema: METADATA_SCHEMA_URI,
    contentStructure: {
      data: {
        hash: { type: 'sha512', content: input.dataSha512 },
        submissionSchema: { schemaUri: input.schemaUri, mimeType: 'application/json' },
      },
      attachments: input.attachments.map((attachment) => ({
        attachmentId: attachment.attachmentId,
        hash: { type: 'sha512', content: attachment.sha512 },
        purpose: attachment.purpose,
        mimeType: attachment.mimeType,
        filename: attachment.filename,
      })),
    },
    publicServiceType: input.publicServiceType,
    additionalReferenceInfo: { senderReference: input.senderReference, applicationDate: input.applicationDate },
  };
}

let validator: ValidateFunction | undefined;

/**
 * Checks metadata against the official schema (a verbatim copy in resources/fit-connect/,
 * shared with the reference receiver) before it leaves the kiosk: a metadata bug is ours,
 * and it is permanent. Compiled on first use, so the start screen does not wait for it.
 */
export function assertValidMetadata(metadata: unknown): void {
  if (!validator) {
    // Ajv itself is loaded here too, not at start-up.
    const { ajvModule, addFormats } = loadAjv();
    const ajv = new ajvModule.default({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(metadataSchema);
  }
  if (!validator(metadata)) {
    const where = validator.errors?.[0]?.instancePath || '/';
    throw permanent('urn:buergerkiosk:portal:metadata-invalid', `Metadata does not match the schema at ${where}`);
  }
}
