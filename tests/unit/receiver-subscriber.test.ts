// @vitest-environment node
import { CompactEncrypt, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DestinationConfig } from '../../receiver';
import type { SubmissionRecord } from '../../receiver/db/submission-store';
import { defaultDestinations } from '../../receiver/default-destinations';
import { defaultServicesDir } from '../../receiver/project-root';
import { loadServiceSchemas } from '../../receiver/subscriber/service-schemas';
import { createValidators, type Validators } from '../../receiver/subscriber/validators';
import { verifySubmission } from '../../receiver/subscriber/verify-submission';
import { MELDE_SCHEMA, MELDE_SERVICE, sha512Hex, uuid, VALID_MELDE_DATA } from './receiver-test-sender';

/**
 * The subscriber's checks one by one, without a server. A 2048-bit key keeps this fast: the checks do not
 * look at the key size (the receiver's own keys are 4096-bit, see receiver-happy-path).
 */
const KID = 'test-encryption-kid';

let publicKey: CryptoKey;
let privateKey: CryptoKey;
let validators: Validators;
let destination: DestinationConfig;

beforeAll(async () => {
  ({ publicKey, privateKey } = await generateKeyPair('RSA-OAEP-256', { modulusLength: 2048 }));
  const schemas = loadServiceSchemas(defaultServicesDir());
  validators = createValidators(schemas);
  const [input] = defaultDestinations(schemas);
  destination = {
    ...input!,
    status: 'active',
    metadataVersions: ['1.0.0'],
    services: [
      ...input!.services,
      {
        identifier: 'urn:test:no-schema-file',
        submissionSchemas: [{ schemaUri: 'urn:test:absent', mimeType: 'application/json' }],
      },
    ],
  } as DestinationConfig;
});

function encrypt(text: string | Buffer, kid = KID, cty = 'application/json'): Promise<string> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return new CompactEncrypt(bytes)
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid, cty })
    .encrypt(publicKey);
}

interface Case {
  data?: unknown;
  dataHash?: string;
  schemaUri?: string;
  serviceIdentifier?: string;
  announced?: string[];
  attachments?: Array<{ id: string; bytes: Buffer; hash?: string }>;
  metadata?: (metadata: Record<string, unknown>) => unknown;
  rawMetadata?: string;
  sendData?: boolean;
  kid?: string;
}

async function verify(test: Case = {}) {
  const attachments = test.attachments ?? [];
  const dataText = JSON.stringify(test.data ?? VALID_MELDE_DATA);
  const base: Record<string, unknown> = {
    contentStructure: {
      data: {
        hash: { type: 'sha512', content: test.dataHash ?? sha512Hex(dataText) },
        submissionSchema: { schemaUri: test.schemaUri ?? MELDE_SCHEMA, mimeType: 'application/json' },
      },
      attachments: attachments.map((attachment) => ({
        attachmentId: attachment.id,
        hash: { type: 'sha512', content: attachment.hash ?? sha512Hex(attachment.bytes) },
        purpose: 'attachment',
        mimeType: 'application/pdf',
      })),
    },
    publicServiceType: { identifier: test.serviceIdentifier ?? MELDE_SERVICE },
  };
  const metadataText = test.rawMetadata ?? JSON.stringify(test.metadata ? test.metadata(base) : base);
  const submission: SubmissionRecord = {
    submissionId: uuid(),
    caseId: uuid(),
    destinationId: destination.destinationId,
    clientId: 'c',
    serviceIdentifier: test.serviceIdentifier ?? MELDE_SERVICE,
    serviceName: null,
    announcedAttachments: test.announced ?? attachments.map((attachment) => attachment.id),
    status: 'submitted',
    encryptedMetadata: await encrypt(metadataText, test.kid),
    encryptedData: test.sendData === false ? null : await encrypt(dataText, test.kid),
    createdAt: 0,
    submittedAt: 0,
    decidedAt: null,
    problems: [],
  };
  const encryptedAttachments = new Map<string, string>();
  for (const attachment of attachments) {
    encryptedAttachments.set(attachment.id, await encrypt(attachment.bytes, test.kid, 'application/pdf'));
  }
  const problems = await verifySubmission({
    submission,
    destination,
    encryptedAttachments,
    encryptionKid: KID,
    decryptionKey: privateKey,
    validators,
  });
  return problems.map((problem) => `${problem.type.slice(problem.type.lastIndexOf('/') + 1)}@${problem.instance}`);
}

describe('the subscriber’s checks', () => {
  it('finds nothing wrong with a valid submission', async () => {
    expect(await verify({ attachments: [{ id: uuid(), bytes: Buffer.from('pdf') }] })).toEqual([]);
  });

  it('refuses content for another key id (a rotation between send and receipt)', async () => {
    expect(await verify({ kid: 'an-old-kid-000' })).toEqual(['encryption-issue@metadata']);
  });

  it('reports metadata that is not JSON, or not valid against the metadata schema', async () => {
    expect(await verify({ rawMetadata: '{not json' })).toEqual(['syntax-violation@metadata']);
    expect(await verify({ metadata: () => ({ contentStructure: {} }) })).toEqual(['schema-violation@metadata']);
    expect(await verify({ metadata: (m) => ({ ...m, $schema: 'https://example.org/other' }) })).toEqual([
      'unsupported-schema@metadata',
    ]);
  });

  it('compares the attachments with the announcement and checks their hashes', async () => {
    const id = uuid();
    expect(await verify({ attachments: [{ id, bytes: Buffer.from('pdf') }], announced: [] })).toEqual([
      'attachments-mismatch@metadata',
    ]);
    expect(await verify({ attachments: [{ id, bytes: Buffer.from('pdf'), hash: sha512Hex('other') }] })).toEqual([
      `hash-mismatch@attachment:${id}`,
    ]);
  });

  it('checks the data: present, hashed, under a schema the service takes, that the receiver has, and valid', async () => {
    expect(await verify({ sendData: false })).toEqual(['missing-data@data']);
    expect(await verify({ dataHash: sha512Hex('x') })).toEqual(['hash-mismatch@data']);
    expect(await verify({ schemaUri: 'urn:test:absent' })).toEqual(['unsupported-schema@data']);
    expect(await verify({ schemaUri: 'urn:test:absent', serviceIdentifier: 'urn:test:no-schema-file' })).toEqual([
      'missing-schema@data',
    ]);
    expect(await verify({ data: { ...VALID_MELDE_DATA, dateOfBirth: '12.08.1964' } })).toEqual([
      'schema-violation@data',
    ]);
  });

  it('reports a publicServiceType that differs from the announced service', async () => {
    expect(
      await verify({ metadata: (m) => ({ ...m, publicServiceType: { identifier: 'urn:de:fim:leika:leistung:1' } }) }),
    ).toEqual(['service-mismatch@metadata']);
  });
});
