import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CompactEncrypt, decodeProtectedHeader, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { DEFAULT_DESTINATION_ID, startReceiver, type Receiver, type ReceiverOptions } from '../../receiver';

/**
 * A minimal FIT-Connect sender written with jose, as a test would write it: token, destination, key
 * check, announce, upload, send, read the event log and verify the SETs. Not the kiosk's sender.
 */
export const CLIENT = { id: 'kiosk-test', secret: 'test-secret-0123456789' } as const;
export const OTHER_CLIENT = { id: 'other-sender', secret: 'other-secret-0123456789' } as const;
export const DESTINATION_ID = DEFAULT_DESTINATION_ID;
export const MELDE_SCHEMA = 'urn:de:stade:buergerkiosk:schema:meldebescheinigung:1.0.0';
export const MELDE_SERVICE = 'urn:de:fim:leika:leistung:99115003012000';
/** Hook timeout for starting a receiver: the first start generates three RSA-4096 key pairs. */
export const START_TIMEOUT_MS = 240_000;

export const VALID_MELDE_DATA = {
  certificateKind: 'einfach',
  purpose: 'bank',
  familyName: 'Mustermann',
  givenNames: 'Erika',
  dateOfBirth: '1964-08-12',
  street: 'Hinterm Hagedorn',
  houseNumber: '12',
  postcode: '21682',
  town: 'Stade',
  deliveryMethod: 'post',
};

export interface TestReceiver {
  receiver: Receiver;
  dataDir: string;
  cleanup(): Promise<void>;
}

export async function startTestReceiver(
  options: Partial<ReceiverOptions> = {},
  dataDir?: string,
): Promise<TestReceiver> {
  const dir = dataDir ?? mkdtempSync(path.join(tmpdir(), 'receiver-test-'));
  const receiver = await startReceiver({ port: 0, dataDir: dir, clients: [CLIENT, OTHER_CLIENT], ...options });
  return {
    receiver,
    dataDir: dir,
    async cleanup() {
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function sha512Hex(bytes: Uint8Array | string): string {
  return createHash('sha512').update(bytes).digest('hex');
}

export interface Outgoing {
  data: unknown;
  attachments?: Array<{ bytes: Buffer; mimeType: string; filename: string }>;
  /** Overrides for the test: send these data bytes but hash something else, etc. */
  dataHashOverride?: string;
}

export interface SentSubmission {
  submissionId: string;
  caseId: string;
  attachmentIds: string[];
  encryptedData: string;
  encryptedMetadata: string;
}

export class TestSender {
  private accessToken: string | undefined;

  constructor(
    readonly base: string,
    readonly client: { id: string; secret: string } = CLIENT,
  ) {}

  tokenRequest(body: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.base}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(body).toString(),
    });
  }

  async token(fresh = false): Promise<string> {
    if (!this.accessToken || fresh) {
      const response = await this.tokenRequest({
        grant_type: 'client_credentials',
        client_id: this.client.id,
        client_secret: this.client.secret,
      });
      if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
      this.accessToken = ((await response.json()) as { access_token: string }).access_token;
    }
    return this.accessToken;
  }

  async call(
    method: string,
    pathname: string,
    options: { json?: unknown; body?: string; contentType?: string; token?: string | null } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? await this.token() : options.token;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['Content-Type'] = 'application/json';
    }
    if (options.contentType) headers['Content-Type'] = options.contentType;
    return fetch(`${this.base}${pathname}`, { method, headers, ...(body === undefined ? {} : { body }) });
  }

  async destination(destinationId = DESTINATION_ID): Promise<{
    status: string;
    encryptionKid: string;
    services: Array<{ identifier: string; submissionSchemas: Array<{ schemaUri: string; mimeType: string }> }>;
    metadataVersions: string[];
  }> {
    const response = await this.call('GET', `/v1/destinations/${destinationId}`);
    if (response.status !== 200) throw new Error(`destination: ${response.status}`);
    return response.json() as never;
  }

  async encryptionKey(destinationId = DESTINATION_ID): Promise<{ jwk: JWK; key: CryptoKey }> {
    const { encryptionKid } = await this.destination(destinationId);
    const response = await this.call('GET', `/v1/destinations/${destinationId}/keys/${encryptionKid}`);
    const jwk = (await response.json()) as JWK;
    // key_ops ["wrapKey"] is checked, then dropped: WebCrypto would otherwise refuse jose's RSA-OAEP "encrypt".
    if (!jwk.key_ops?.includes('wrapKey')) throw new Error('destination key cannot wrap keys');
    const { kty, n, e } = jwk;
    return { jwk, key: (await importJWK({ kty, n, e }, 'RSA-OAEP-256')) as CryptoKey };
  }

  static encrypt(plaintext: Uint8Array | string, key: CryptoKey, kid: string, cty: string | null): Promise<string> {
    const bytes = typeof plaintext === 'string' ? new TextEncoder().encode(plaintext) : plaintext;
    return new CompactEncrypt(bytes)
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid, ...(cty === null ? {} : { cty }) })
      .encrypt(key);
  }

  async announce(attachmentIds: string[], serviceIdentifier = MELDE_SERVICE, destinationId = DESTINATION_ID) {
    return this.call('POST', '/v1/submissions', {
      json: {
        destinationId,
        announcedAttachments: attachmentIds,
        serviceType: { name: 'Meldebescheinigung', identifier: serviceIdentifier },
      },
    });
  }

  upload(submissionId: string, attachmentId: string, jwe: string): Promise<Response> {
    return this.call('PUT', `/v1/submissions/${submissionId}/attachments/${attachmentId}`, {
      body: jwe,
      contentType: 'application/jose',
    });
  }

  send(submissionId: string, encryptedMetadata: string, encryptedData?: string): Promise<Response> {
    return this.call('PUT', `/v1/submissions/${submissionId}`, {
      json: { encryptedMetadata, ...(encryptedData === undefined ? {} : { encryptedData }) },
    });
  }

  async events(caseId: string): Promise<string[]> {
    const response = await this.call('GET', `/v1/cases/${caseId}/events`);
    if (response.status !== 200) throw new Error(`events: ${response.status}`);
    return ((await response.json()) as { eventLog: string[] }).eventLog;
  }

  /** Announce, upload, send: the whole happy path, returning what a sender would keep. */
  async submit(
    outgoing: Outgoing,
    schemaUri = MELDE_SCHEMA,
    serviceIdentifier = MELDE_SERVICE,
  ): Promise<SentSubmission> {
    const { jwk, key } = await this.encryptionKey();
    const kid = jwk.kid!;
    const attachments = (outgoing.attachments ?? []).map((attachment) => ({ ...attachment, id: randomUUID() }));
    const announced = await this.announce(
      attachments.map((attachment) => attachment.id),
      serviceIdentifier,
    );
    if (announced.status !== 201) throw new Error(`announce: ${announced.status} ${await announced.text()}`);
    const { submissionId, caseId } = (await announced.json()) as { submissionId: string; caseId: string };
    for (const attachment of attachments) {
      const jwe = await TestSender.encrypt(attachment.bytes, key, kid, attachment.mimeType);
      const uploaded = await this.upload(submissionId, attachment.id, jwe);
      if (uploaded.status !== 204) throw new Error(`upload: ${uploaded.status}`);
    }
    const { encryptedData, encryptedMetadata } = await TestSender.application(outgoing.data, key, kid, {
      schemaUri,
      serviceIdentifier,
      ...(outgoing.dataHashOverride ? { dataHash: outgoing.dataHashOverride } : {}),
      attachments: attachments.map((attachment) => ({
        attachmentId: attachment.id,
        hash: { type: 'sha512', content: sha512Hex(attachment.bytes) },
        purpose: 'attachment',
        mimeType: attachment.mimeType,
        filename: attachment.filename,
      })),
    });
    const sent = await this.send(submissionId, encryptedMetadata, encryptedData);
    if (sent.status !== 202) throw new Error(`send: ${sent.status} ${await sent.text()}`);
    return { submissionId, caseId, attachmentIds: attachments.map((a) => a.id), encryptedData, encryptedMetadata };
  }

  /** Data and FIT-Connect metadata (with the data's SHA-512 and schema reference), each as a compact JWE. */
  static async application(
    data: unknown,
    key: CryptoKey,
    kid: string,
    options: { schemaUri?: string; serviceIdentifier?: string; dataHash?: string; attachments?: unknown[] } = {},
  ): Promise<{ encryptedData: string; encryptedMetadata: string }> {
    const dataText = JSON.stringify(data);
    const serviceIdentifier = options.serviceIdentifier ?? MELDE_SERVICE;
    const metadata = {
      contentStructure: {
        data: {
          hash: { type: 'sha512', content: options.dataHash ?? sha512Hex(dataText) },
          submissionSchema: { schemaUri: options.schemaUri ?? MELDE_SCHEMA, mimeType: 'application/json' },
        },
        attachments: options.attachments ?? [],
      },
      publicServiceType: { name: 'Meldebescheinigung', identifier: serviceIdentifier },
      additionalReferenceInfo: { senderReference: 'K-TEST-0001', applicationDate: '2025-11-25' },
    };
    return {
      encryptedData: await TestSender.encrypt(dataText, key, kid, 'application/json'),
      encryptedMetadata: await TestSender.encrypt(JSON.stringify(metadata), key, kid, 'application/json'),
    };
  }

  /**
   * Verifies one SET: service-issued events with the submission service's JWKS, subscriber-issued
   * ones (iss = destination id) with the destination's key of that kid.
   */
  async verifySet(token: string): Promise<JWTPayload & { events: Record<string, Record<string, unknown>> }> {
    const header = decodeProtectedHeader(token);
    const unverified = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { iss: string };
    let jwk: JWK | undefined;
    if (unverified.iss.startsWith('http')) {
      const jwks = (await (await fetch(`${this.base}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
      jwk = jwks.keys.find((candidate) => candidate.kid === header.kid);
    } else {
      const response = await this.call('GET', `/v1/destinations/${unverified.iss}/keys/${header.kid}`);
      if (response.status === 200) jwk = (await response.json()) as JWK;
    }
    if (!jwk) throw new Error(`no key ${header.kid} for issuer ${unverified.iss}`);
    const { kty, n, e } = jwk;
    const key = await importJWK({ kty, n, e }, 'PS512');
    const { payload } = await jwtVerify(token, key, { algorithms: ['PS512'], typ: 'secevent+jwt' });
    return payload as JWTPayload & { events: Record<string, Record<string, unknown>> };
  }

  /** Polls the event log until the subscriber's accept or reject appears (bounded; no timing assumptions). */
  async decision(caseId: string, receiver: Receiver): Promise<{ event: string; payload: Record<string, unknown> }> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await receiver.idle();
      for (const token of await this.events(caseId)) {
        const payload = await this.verifySet(token);
        const [uri, eventPayload] = Object.entries(payload.events)[0]!;
        const event = uri.slice(uri.lastIndexOf('/') + 1);
        if (event === 'accept-submission' || event === 'reject-submission') return { event, payload: eventPayload };
      }
    }
    throw new Error('no decision in the event log');
  }
}

export function uuid(): string {
  return randomUUID();
}
