// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT,
  DESTINATION_ID,
  OTHER_CLIENT,
  startTestReceiver,
  START_TIMEOUT_MS,
  TestSender,
  uuid,
  VALID_MELDE_DATA,
  type TestReceiver,
} from './receiver-test-sender';

const PROBLEMS = 'https://schema.fitko.de/fit-connect/submission-api/problems/';

async function problemOf(response: Response): Promise<{ type: string; status: number; title: string }> {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await response.json()) as never;
}

describe('reference receiver: what the Submission API refuses', () => {
  let running: TestReceiver;
  let sender: TestSender;
  let clock = Date.now();

  beforeAll(async () => {
    running = await startTestReceiver({ now: () => clock });
    sender = new TestSender(running.receiver.url);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await running?.cleanup();
  });

  describe('OAuth2 token endpoint', () => {
    it('refuses Basic authentication (only client_secret_post)', async () => {
      const basic = Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64');
      const response = await sender.tokenRequest(
        { grant_type: 'client_credentials' },
        { Authorization: `Basic ${basic}` },
      );
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'invalid_client' });
    });

    it('refuses a wrong secret, an unknown client and other grant types', async () => {
      const wrong = await sender.tokenRequest({
        grant_type: 'client_credentials',
        client_id: CLIENT.id,
        client_secret: 'not-the-secret',
      });
      expect(wrong.status).toBe(401);
      const unknown = await sender.tokenRequest({
        grant_type: 'client_credentials',
        client_id: 'x',
        client_secret: 'y',
      });
      expect(unknown.status).toBe(401);
      const grant = await sender.tokenRequest({
        grant_type: 'password',
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
      });
      expect(grant.status).toBe(400);
      expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    });
  });

  describe('bearer tokens', () => {
    it('answers 401 without a token, with an unknown token, and with an expired one', async () => {
      const none = await sender.call('GET', `/v1/destinations/${DESTINATION_ID}`, { token: null });
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect((await problemOf(none)).type).toBe(`${PROBLEMS}unauthorized`);

      const forged = await sender.call('GET', `/v1/destinations/${DESTINATION_ID}`, { token: 'forged-token' });
      expect(forged.status).toBe(401);
      expect(forged.headers.get('www-authenticate')).toContain('invalid_token');

      const token = await sender.token(true);
      clock += 1801 * 1000;
      const expired = await sender.call('GET', `/v1/destinations/${DESTINATION_ID}`, { token });
      expect(expired.status).toBe(401);
      const renewed = await sender.call('GET', `/v1/destinations/${DESTINATION_ID}`, {
        token: await sender.token(true),
      });
      expect(renewed.status).toBe(200);
    });

    it('keeps one client out of another client’s submissions and cases', async () => {
      const announced = await sender.announce([]);
      const { submissionId, caseId } = (await announced.json()) as { submissionId: string; caseId: string };
      const other = new TestSender(running.receiver.url, OTHER_CLIENT);
      expect((await other.send(submissionId, 'a.b.c.d.e')).status).toBe(403);
      expect((await other.call('GET', `/v1/cases/${caseId}/events`)).status).toBe(403);
    });
  });

  describe('destinations', () => {
    it('answers 404 for an unknown destination and an unknown or private key id', async () => {
      const missing = await sender.call('GET', `/v1/destinations/${uuid()}`);
      expect(missing.status).toBe(404);
      expect((await problemOf(missing)).type).toBe(`${PROBLEMS}destination-not-found`);
      const key = await sender.call('GET', `/v1/destinations/${DESTINATION_ID}/keys/no-such-kid`);
      expect(key.status).toBe(404);
      const serviceKid = running.receiver.kids().serviceSigning;
      expect((await sender.call('GET', `/v1/destinations/${DESTINATION_ID}/keys/${serviceKid}`)).status).toBe(404);
    });

    it('publishes the key that verifies the destination’s events (PS512, verify)', async () => {
      const kid = running.receiver.kids().subscriberSigning;
      const response = await sender.call('GET', `/v1/destinations/${DESTINATION_ID}/keys/${kid}`);
      expect(await response.json()).toMatchObject({ kty: 'RSA', e: 'AQAB', alg: 'PS512', key_ops: ['verify'], kid });
    });
  });

  describe('announce', () => {
    it('answers 201 with submissionId and caseId', async () => {
      const response = await sender.announce([uuid()]);
      expect(response.status).toBe(201);
      const body = (await response.json()) as Record<string, string>;
      expect(body.destinationId).toBe(DESTINATION_ID);
      expect(body.submissionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.caseId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('refuses unknown destinations, services the destination does not offer, and bad attachment ids', async () => {
      expect((await sender.announce([], undefined, uuid())).status).toBe(404);
      const service = await sender.announce([], 'urn:de:fim:leika:leistung:00000000000000');
      expect(service.status).toBe(422);
      expect((await problemOf(service)).type).toBe(`${PROBLEMS}service-not-supported`);
      expect((await sender.announce(['not-a-uuid'])).status).toBe(400);
      const twice = uuid();
      expect((await sender.announce([twice, twice])).status).toBe(400);
      const noType = await sender.call('POST', '/v1/submissions', { json: { destinationId: DESTINATION_ID } });
      expect(noType.status).toBe(400);
    });
  });

  describe('attachments and send', () => {
    async function announced(attachments: string[]) {
      const response = await sender.announce(attachments);
      return (await response.json()) as { submissionId: string; caseId: string };
    }

    it('refuses an attachment that was not announced, and a body that is not a JWE', async () => {
      const attachmentId = uuid();
      const { submissionId } = await announced([attachmentId]);
      const { jwk, key } = await sender.encryptionKey();
      const jwe = await TestSender.encrypt('pdf', key, jwk.kid!, 'application/pdf');

      const unannounced = await sender.upload(submissionId, uuid(), jwe);
      expect(unannounced.status).toBe(404);
      expect((await problemOf(unannounced)).type).toBe(`${PROBLEMS}attachment-not-announced`);
      expect((await sender.upload(submissionId, attachmentId, 'plain text')).status).toBe(400);
      const noCty = await sender.upload(
        submissionId,
        attachmentId,
        await TestSender.encrypt('pdf', key, jwk.kid!, null),
      );
      expect(noCty.status).toBe(422);
      const wrongType = await sender.call('PUT', `/v1/submissions/${submissionId}/attachments/${attachmentId}`, {
        body: jwe,
        contentType: 'application/octet-stream',
      });
      expect(wrongType.status).toBe(415);
      expect((await sender.upload(uuid(), attachmentId, jwe)).status).toBe(404);
      // Uploading again before the send replaces it (a retry after a lost answer is harmless).
      expect((await sender.upload(submissionId, attachmentId, jwe)).status).toBe(204);
      expect((await sender.upload(submissionId, attachmentId, jwe)).status).toBe(204);
    });

    it('refuses a send while announced attachments are missing', async () => {
      const { submissionId } = await announced([uuid(), uuid()]);
      const { jwk, key } = await sender.encryptionKey();
      const metadata = await TestSender.encrypt('{}', key, jwk.kid!, 'application/json');
      const response = await sender.send(submissionId, metadata);
      expect(response.status).toBe(422);
      expect((await problemOf(response)).type).toBe(`${PROBLEMS}missing-attachments`);
    });

    it('refuses encrypted content without cty (422) and content that is no JWE (400)', async () => {
      const { submissionId } = await announced([]);
      const { jwk, key } = await sender.encryptionKey();
      const noCty = await TestSender.encrypt('{}', key, jwk.kid!, null);
      expect((await sender.send(submissionId, noCty)).status).toBe(422);
      expect((await sender.send(submissionId, 'eyJ.only.three')).status).toBe(400);
      const missingField = await sender.call('PUT', `/v1/submissions/${submissionId}`, {
        json: { encryptedData: 'x' },
      });
      expect(missingField.status).toBe(400);
    });

    it('refuses a second send and uploads after the send (wrong state)', async () => {
      const sent = await sender.submit({
        data: VALID_MELDE_DATA,
        attachments: [{ bytes: Buffer.from('pdf'), mimeType: 'application/pdf', filename: 'a.pdf' }],
      });
      const again = await sender.send(sent.submissionId, sent.encryptedMetadata, sent.encryptedData);
      expect(again.status).toBe(409);
      expect((await problemOf(again)).type).toBe(`${PROBLEMS}submission-state-invalid`);
      const { jwk, key } = await sender.encryptionKey();
      const jwe = await TestSender.encrypt('pdf', key, jwk.kid!, 'application/pdf');
      expect((await sender.upload(sent.submissionId, sent.attachmentIds[0]!, jwe)).status).toBe(409);
      expect((await sender.decision(sent.caseId, running.receiver)).event).toBe('accept-submission');
      // Still refused once decided.
      expect((await sender.send(sent.submissionId, sent.encryptedMetadata, sent.encryptedData)).status).toBe(409);
    });

    it('answers 404 for an unknown case and 405 for a wrong method', async () => {
      expect((await sender.call('GET', `/v1/cases/${uuid()}/events`)).status).toBe(404);
      const wrongMethod = await sender.call('DELETE', `/v1/submissions/${uuid()}`);
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toBe('PUT');
    });
  });

  it('refuses requests for a foreign Host (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: running.receiver.port,
          path: `/demo?token=${running.receiver.accessToken}`,
          headers: { Host: 'evil.example:80' },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('shows /demo only with the token printed at start, and deletes applications an hour after the decision', async () => {
    const demo = `${running.receiver.url}/demo`;
    expect((await fetch(demo)).status).toBe(401);
    expect((await fetch(`${demo}?token=guess`)).status).toBe(401);
    const fresh = new TestSender(running.receiver.url);
    await fresh.submit({ data: { ...VALID_MELDE_DATA, familyName: 'Stundenfrist' } });
    await running.receiver.idle();
    const page = await (await fetch(running.receiver.demoUrl)).text();
    expect(page).toContain('Stundenfrist');
    expect(page).toContain('deleted 60 minutes after it was received and decided on');
    clock += 59 * 60 * 1000;
    expect(await (await fetch(running.receiver.demoUrl)).text()).toContain('Stundenfrist');
    clock += 2 * 60 * 1000;
    // The page sweeps before it lists (the minute timer does the same in between).
    expect(await (await fetch(running.receiver.demoUrl)).text()).not.toContain('Stundenfrist');
    expect(await running.receiver.listReceived()).toEqual([]);
  });
});
