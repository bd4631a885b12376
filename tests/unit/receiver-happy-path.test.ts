// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESTINATION_ID,
  MELDE_SCHEMA,
  MELDE_SERVICE,
  sha512Hex,
  startTestReceiver,
  START_TIMEOUT_MS,
  TestSender,
  VALID_MELDE_DATA,
  type TestReceiver,
} from './receiver-test-sender';

const EVENT = 'https://schema.fitko.de/fit-connect/events/';
const SPERRMUELL_SCHEMA = 'urn:de:stade:buergerkiosk:schema:sperrmuell:1.0.0';

describe('reference receiver: a sender from token to accept', () => {
  let running: TestReceiver;
  let sender: TestSender;

  beforeAll(async () => {
    running = await startTestReceiver();
    sender = new TestSender(running.receiver.url);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await running?.cleanup();
  });

  it('issues a bearer token for client_secret_post with an expiry', async () => {
    const response = await sender.tokenRequest({
      grant_type: 'client_credentials',
      client_id: sender.client.id,
      client_secret: sender.client.secret,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(1800);
    expect(typeof body.access_token).toBe('string');
  });

  it('describes the destination and offers a 4096-bit wrapKey key under its encryptionKid', async () => {
    const destination = await sender.destination();
    expect(destination.status).toBe('active');
    expect(destination.metadataVersions).toEqual(['1.0.0']);
    const melde = destination.services.find((service) => service.identifier === MELDE_SERVICE);
    expect(melde?.submissionSchemas).toEqual([{ schemaUri: MELDE_SCHEMA, mimeType: 'application/json' }]);
    expect(destination.services.map((service) => service.identifier)).toContain(
      'urn:de:stade:buergerkiosk:leistung:sperrmuell',
    );

    const { jwk } = await sender.encryptionKey();
    expect(jwk.kid).toBe(destination.encryptionKid);
    expect(jwk.kid!.length).toBeGreaterThanOrEqual(8);
    expect(jwk.kid!.length).toBeLessThanOrEqual(64);
    expect(jwk).toMatchObject({ kty: 'RSA', e: 'AQAB', alg: 'RSA-OAEP-256', key_ops: ['wrapKey'] });
    expect(Buffer.from(jwk.n!, 'base64url').length * 8).toBe(4096);
    expect(jwk).not.toHaveProperty('d');
  });

  it('takes an application with an attachment and accepts it with a signed event', async () => {
    const pdf = Buffer.from('%PDF-1.4 receipt');
    const sent = await sender.submit({
      data: VALID_MELDE_DATA,
      attachments: [{ bytes: pdf, mimeType: 'application/pdf', filename: 'antrag.pdf' }],
    });

    const decision = await sender.decision(sent.caseId, running.receiver);
    expect(decision.event).toBe('accept-submission');
    const tags = decision.payload.authenticationTags as Record<string, unknown>;
    expect(tags.metadata).toBe(sent.encryptedMetadata.split('.')[4]);
    expect(tags.data).toBe(sent.encryptedData.split('.')[4]);
    expect(Object.keys(tags.attachments as object)).toEqual(sent.attachmentIds);

    // The whole log, every SET verified with the key its issuer publishes.
    const log = await sender.events(sent.caseId);
    const payloads = await Promise.all(log.map((token) => sender.verifySet(token)));
    expect(payloads.map((payload) => Object.keys(payload.events)[0])).toEqual([
      `${EVENT}create-submission`,
      `${EVENT}submit-submission`,
      `${EVENT}accept-submission`,
    ]);
    for (const payload of payloads) {
      expect(payload.sub).toBe(`submission:${sent.submissionId}`);
      expect(payload.txn).toBe(`case:${sent.caseId}`);
      expect(typeof payload.jti).toBe('string');
      expect(typeof payload.iat).toBe('number');
    }
    expect(payloads[0]!.iss).toBe(running.receiver.url);
    expect(payloads[2]!.iss).toBe(DESTINATION_ID);
    const submitTags = payloads[1]!.events[`${EVENT}submit-submission`]!.authenticationTags;
    expect(submitTags).toEqual(tags);

    const [received] = (await running.receiver.listReceived()).filter((r) => r.submissionId === sent.submissionId);
    expect(received).toMatchObject({ status: 'accepted', caseId: sent.caseId, problems: [], data: VALID_MELDE_DATA });
    expect(received!.attachments[0]!.content?.equals(pdf)).toBe(true);
    expect(received!.attachments[0]).toMatchObject({ mimeType: 'application/pdf', filename: 'antrag.pdf' });
    expect(running.receiver.kids().subscriberSigning).not.toBe(running.receiver.kids().serviceSigning);
  });

  it('accepts a service without a LeiKa key under the identifier the destination lists', async () => {
    const destination = await sender.destination();
    const service = destination.services.find((candidate) =>
      candidate.submissionSchemas.some((schema) => schema.schemaUri === SPERRMUELL_SCHEMA),
    )!;
    const sent = await sender.submit(
      {
        data: {
          street: 'Hinterm Hagedorn',
          houseNumber: '3a',
          postcode: '21682',
          town: 'Stade',
          items: ['moebel'],
          volume: 2,
          placement: 'strassenrand',
          pickupPeriod: 'naechstmoeglich',
          contactName: 'Erika Mustermann',
          phone: '04141 12345',
        },
      },
      SPERRMUELL_SCHEMA,
      service.identifier,
    );
    expect((await sender.decision(sent.caseId, running.receiver)).event).toBe('accept-submission');
  });

  it('rejects data under a schema the announced service does not take', async () => {
    const sent = await sender.submit({ data: VALID_MELDE_DATA }, SPERRMUELL_SCHEMA, MELDE_SERVICE);
    const decision = await sender.decision(sent.caseId, running.receiver);
    expect(decision.payload.problems).toEqual([
      expect.objectContaining({ type: expect.stringMatching(/\/unsupported-schema$/), instance: 'data' }),
    ]);
  });

  it('rejects schema-invalid data with the problem listed, and does not take it as accepted', async () => {
    const sent = await sender.submit({ data: { ...VALID_MELDE_DATA, postcode: '2168X', extra: 'x' } });
    const decision = await sender.decision(sent.caseId, running.receiver);
    expect(decision.event).toBe('reject-submission');
    const problems = decision.payload.problems as Array<Record<string, string>>;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      type: 'https://schema.fitko.de/fit-connect/events/problems/schema-violation',
      instance: 'data',
    });
    expect(problems[0]!.detail).toContain('/postcode pattern');
    expect(problems[0]!.detail).not.toContain('2168X');

    const received = (await running.receiver.listReceived()).find((r) => r.submissionId === sent.submissionId);
    expect(received?.status).toBe('rejected');
  });

  it('rejects data whose SHA-512 differs from the metadata', async () => {
    const sent = await sender.submit({ data: VALID_MELDE_DATA, dataHashOverride: sha512Hex('something else') });
    const decision = await sender.decision(sent.caseId, running.receiver);
    expect(decision.event).toBe('reject-submission');
    expect(decision.payload.problems).toEqual([
      expect.objectContaining({ type: expect.stringMatching(/\/hash-mismatch$/), instance: 'data' }),
    ]);
  });

  it('shows received applications on /demo, escaped', async () => {
    await sender.submit({ data: { ...VALID_MELDE_DATA, givenNames: '<script>alert(1)</script> & Co' } });
    await running.receiver.idle();
    const response = await fetch(running.receiver.demoUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Mustermann');
  });
});
