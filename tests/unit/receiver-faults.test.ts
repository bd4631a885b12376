// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DESTINATION_ID,
  startTestReceiver,
  sha512Hex,
  START_TIMEOUT_MS,
  TestSender,
  uuid,
  VALID_MELDE_DATA,
  type TestReceiver,
} from './receiver-test-sender';

const EVENT = 'https://schema.fitko.de/fit-connect/events/';

describe('reference receiver: fault injection', () => {
  let running: TestReceiver;
  let sender: TestSender;

  beforeAll(async () => {
    running = await startTestReceiver();
    sender = new TestSender(running.receiver.url);
  }, START_TIMEOUT_MS);

  afterEach(() => running.receiver.faults.clear());

  afterAll(async () => {
    await running?.cleanup();
  });

  /** Announces and encrypts a valid application, ready to send. */
  async function prepared() {
    const { jwk, key } = await sender.encryptionKey();
    const announced = (await (await sender.announce([])).json()) as { submissionId: string; caseId: string };
    return { ...announced, ...(await TestSender.application(VALID_MELDE_DATA, key, jwk.kid!)) };
  }

  async function eventNames(caseId: string): Promise<string[]> {
    await running.receiver.idle();
    const log = await sender.events(caseId);
    const payloads = await Promise.all(log.map((token) => sender.verifySet(token)));
    return payloads.map((payload) => Object.keys(payload.events)[0]!.slice(EVENT.length));
  }

  it('answers the next 2 sends with 503 (a problem document), then lets the third through', async () => {
    const submission = await prepared();
    running.receiver.faults.set({ route: 'send', kind: 'status', status: 503, times: 2 });
    running.receiver.resetRequestCounts();

    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await sender.send(
        submission.submissionId,
        submission.encryptedMetadata,
        submission.encryptedData,
      );
      statuses.push(response.status);
      if (response.status === 503) {
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(await response.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
      }
    }
    expect(statuses).toEqual([503, 503, 202]);
    expect(running.receiver.requestCounts().send).toBe(3);
    expect(running.receiver.faults.fired().filter((fault) => fault.kind === 'status')).toHaveLength(2);
    expect(running.receiver.faults.list()).toEqual([]);
    expect(await eventNames(submission.caseId)).toEqual([
      'create-submission',
      'submit-submission',
      'accept-submission',
    ]);
  });

  it('targets one route only, and can skip matching requests first (fail the 2nd announce)', async () => {
    running.receiver.faults.set({ route: 'announce', kind: 'status', status: 500, skip: 1, times: 1 });
    expect((await sender.call('GET', `/v1/destinations/${DESTINATION_ID}`)).status).toBe(200);
    expect((await sender.announce([])).status).toBe(201);
    expect((await sender.announce([])).status).toBe(500);
    expect((await sender.announce([])).status).toBe(201);
  });

  it('throttles with 429 and Retry-After', async () => {
    running.receiver.faults.set({ route: 'announce', kind: 'throttle', retryAfterSeconds: 7, times: 1 });
    const throttled = await sender.announce([]);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect((await sender.announce([])).status).toBe(201);
  });

  it('adds latency and then answers normally', async () => {
    running.receiver.faults.set({ route: 'destination', kind: 'latency', delayMs: 30, times: 1 });
    expect((await sender.destination()).status).toBe('active');
    expect(running.receiver.faults.fired().at(-1)).toMatchObject({ kind: 'latency', route: 'destination' });
  });

  it('resets the connection mid-request: nothing happened, the retry succeeds', async () => {
    const submission = await prepared();
    running.receiver.faults.set({ route: 'send', kind: 'reset', times: 1 });
    running.receiver.resetRequestCounts();
    await expect(
      sender.send(submission.submissionId, submission.encryptedMetadata, submission.encryptedData),
    ).rejects.toThrow();
    expect(await eventNames(submission.caseId)).toEqual(['create-submission']);
    const retry = await sender.send(submission.submissionId, submission.encryptedMetadata, submission.encryptedData);
    expect(retry.status).toBe(202);
    expect(running.receiver.requestCounts().send).toBe(2);
  });

  it('resets the connection after handling: the send happened, a retry learns so from 409', async () => {
    const submission = await prepared();
    running.receiver.faults.set({ route: 'send', kind: 'reset', phase: 'response', times: 1 });
    await expect(
      sender.send(submission.submissionId, submission.encryptedMetadata, submission.encryptedData),
    ).rejects.toThrow();
    expect((await eventNames(submission.caseId)).slice(0, 2)).toEqual(['create-submission', 'submit-submission']);
    const retry = await sender.send(submission.submissionId, submission.encryptedMetadata, submission.encryptedData);
    expect(retry.status).toBe(409);
  });

  it('truncates a response after handling it: the body breaks off, the send happened', async () => {
    const submission = await prepared();
    running.receiver.faults.set({ route: 'send', kind: 'truncate', times: 1 });
    const response = await sender.send(submission.submissionId, submission.encryptedMetadata, submission.encryptedData);
    expect(response.status).toBe(202);
    await expect(response.text()).rejects.toThrow();
    expect(await eventNames(submission.caseId)).toEqual([
      'create-submission',
      'submit-submission',
      'accept-submission',
    ]);
  });

  it('truncates a bodiless answer inside its headers (attachment upload)', async () => {
    const attachmentId = uuid();
    const { submissionId } = (await (await sender.announce([attachmentId])).json()) as { submissionId: string };
    const { jwk, key } = await sender.encryptionKey();
    const jwe = await TestSender.encrypt('pdf', key, jwk.kid!, 'application/pdf');
    running.receiver.faults.set({ route: 'attachment', kind: 'truncate', times: 1 });
    await expect(sender.upload(submissionId, attachmentId, jwe)).rejects.toThrow();
    expect((await sender.upload(submissionId, attachmentId, jwe)).status).toBe(204);
  });

  it('issues a token that is already expired; the next one works', async () => {
    running.receiver.faults.set({ route: 'token', kind: 'expiredToken', times: 1 });
    const expired = await sender.token(true);
    expect((await sender.call('GET', `/v1/destinations/${DESTINATION_ID}`, { token: expired })).status).toBe(401);
    const fresh = await sender.token(true);
    expect((await sender.call('GET', `/v1/destinations/${DESTINATION_ID}`, { token: fresh })).status).toBe(200);
  });

  it('answers 401 as if the token expired, and the token stays refused until renewed', async () => {
    const token = await sender.token(true);
    running.receiver.faults.set({ route: 'events', kind: 'unauthorized', times: 1 });
    const { caseId } = await prepared();
    const first = await sender.call('GET', `/v1/cases/${caseId}/events`, { token });
    expect(first.status).toBe(401);
    expect(first.headers.get('www-authenticate')).toContain('invalid_token');
    expect((await sender.call('GET', `/v1/cases/${caseId}/events`, { token })).status).toBe(401);
    expect((await sender.call('GET', `/v1/cases/${caseId}/events`, { token: await sender.token(true) })).status).toBe(
      200,
    );
  });

  it('invalidates every issued token at once', async () => {
    const token = await sender.token(true);
    expect(running.receiver.faults.invalidateTokens()).toBeGreaterThan(0);
    expect((await sender.call('GET', `/v1/destinations/${DESTINATION_ID}`, { token })).status).toBe(401);
    await sender.token(true);
  });

  it('forces a schema rejection of an otherwise valid submission', async () => {
    running.receiver.faults.set({ route: 'send', kind: 'forceReject', times: 1 });
    const rejected = await sender.submit({ data: VALID_MELDE_DATA });
    const decision = await sender.decision(rejected.caseId, running.receiver);
    expect(decision.event).toBe('reject-submission');
    expect(decision.payload.problems).toEqual([
      expect.objectContaining({ type: expect.stringMatching(/\/schema-violation$/), instance: 'data' }),
    ]);
    const accepted = await sender.submit({ data: VALID_MELDE_DATA });
    expect((await sender.decision(accepted.caseId, running.receiver)).event).toBe('accept-submission');
  });

  it(
    'rotates the encryption key: the old kid is gone and content encrypted to it is refused',
    async () => {
      const before = await sender.submit({ data: VALID_MELDE_DATA });
      expect((await sender.decision(before.caseId, running.receiver)).event).toBe('accept-submission');
      const staleKey = await sender.encryptionKey();
      // Announced and its attachment uploaded under the old key; the send comes after the rotation.
      const attachmentId = uuid();
      const pending = (await (await sender.announce([attachmentId])).json()) as {
        submissionId: string;
        caseId: string;
      };
      const pdf = Buffer.from('%PDF stale');
      const staleUpload = await TestSender.encrypt(pdf, staleKey.key, staleKey.jwk.kid!, 'application/pdf');
      expect((await sender.upload(pending.submissionId, attachmentId, staleUpload)).status).toBe(204);

      const { oldKid, newKid } = await running.receiver.faults.rotateEncryptionKey();
      expect(oldKid).toBe(staleKey.jwk.kid);
      expect(newKid).not.toBe(oldKid);
      expect((await sender.destination()).encryptionKid).toBe(newKid);
      expect((await sender.call('GET', `/v1/destinations/${DESTINATION_ID}/keys/${oldKid}`)).status).toBe(404);

      // Content for the old key is refused at once, for data, metadata and attachments alike.
      const stale = await TestSender.application(VALID_MELDE_DATA, staleKey.key, oldKid);
      const staleSend = await sender.send(pending.submissionId, stale.encryptedMetadata, stale.encryptedData);
      expect(staleSend.status).toBe(422);
      expect(await staleSend.json()).toMatchObject({ type: expect.stringMatching(/\/jwe-header-invalid$/) });
      expect((await sender.upload(pending.submissionId, attachmentId, staleUpload)).status).toBe(422);
      const fresh = await sender.encryptionKey();
      const attachments = [
        {
          attachmentId,
          hash: { type: 'sha512', content: sha512Hex(pdf) },
          purpose: 'attachment',
          mimeType: 'application/pdf',
        },
      ];
      const current = await TestSender.application(VALID_MELDE_DATA, fresh.key, newKid, { attachments });
      const oldAttachment = await sender.send(pending.submissionId, current.encryptedMetadata, current.encryptedData);
      expect(oldAttachment.status).toBe(422);
      expect(((await oldAttachment.json()) as { detail: string }).detail).toContain(attachmentId);

      // Uploaded again under the new key, the same submission goes through.
      const freshUpload = await TestSender.encrypt(pdf, fresh.key, newKid, 'application/pdf');
      expect((await sender.upload(pending.submissionId, attachmentId, freshUpload)).status).toBe(204);
      const sent = await sender.send(pending.submissionId, current.encryptedMetadata, current.encryptedData);
      expect(sent.status).toBe(202);
      expect((await sender.decision(pending.caseId, running.receiver)).event).toBe('accept-submission');
      // What was received under the old key can still be read.
      const old = (await running.receiver.listReceived()).find((r) => r.submissionId === before.submissionId);
      expect(old?.data).toEqual(VALID_MELDE_DATA);
    },
    START_TIMEOUT_MS, // a fresh RSA-4096 key pair takes a while on a busy machine
  );

  it('counts requests per route, so a sender’s traffic can be bounded', async () => {
    await sender.token();
    running.receiver.resetRequestCounts();
    const sent = await sender.submit({
      data: VALID_MELDE_DATA,
      attachments: [{ bytes: Buffer.from('pdf'), mimeType: 'application/pdf', filename: 'a.pdf' }],
    });
    await running.receiver.idle();
    await sender.events(sent.caseId);
    expect(running.receiver.requestCounts()).toMatchObject({
      token: 0,
      destination: 1,
      destinationKey: 1,
      announce: 1,
      attachment: 1,
      send: 1,
      events: 1,
    });
  });

  it('holds the subscriber back on request and decides what waited once released', async () => {
    const admin = `${running.receiver.url}/__admin`;
    const headers = { 'x-receiver-token': running.receiver.accessToken };
    expect((await fetch(`${admin}/subscriber/hold`, { method: 'POST', headers })).status).toBe(204);
    const sent = await sender.submit({ data: VALID_MELDE_DATA });
    // Held: idle() would wait for the release, so look at the event log directly; only the service's own events are there.
    const whileHeld = await Promise.all((await sender.events(sent.caseId)).map((token) => sender.verifySet(token)));
    const heldEvents = whileHeld.flatMap((payload) => Object.keys(payload.events).map((uri) => uri.split('/').pop()));
    expect(heldEvents).toContain('submit-submission');
    expect(heldEvents).not.toContain('accept-submission');
    expect((await fetch(`${admin}/subscriber/release`, { method: 'POST', headers })).status).toBe(204);
    expect((await sender.decision(sent.caseId, running.receiver)).event).toBe('accept-submission');
  });

  it('is scriptable over HTTP from another process (loopback admin endpoints)', async () => {
    const admin = `${running.receiver.url}/__admin`;
    const headers = { 'Content-Type': 'application/json', 'x-receiver-token': running.receiver.accessToken };
    const put = await fetch(`${admin}/faults/set`, {
      method: 'POST',
      headers,
      body: JSON.stringify([{ route: 'announce', kind: 'status', status: 502, times: 1 }]),
    });
    expect(put.status).toBe(200);
    expect((await sender.announce([])).status).toBe(502);
    const counts = (await (await fetch(`${admin}/requests`, { method: 'POST', headers })).json()) as Record<
      string,
      number
    >;
    expect(counts.announce).toBeGreaterThan(0);
    const invalid = await fetch(`${admin}/faults`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ route: 'announce', kind: 'forceReject' }),
    });
    expect(invalid.status).toBe(400);
    expect((await fetch(`${admin}/faults/clear`, { method: 'POST', headers })).status).toBe(204);
  });

  it('takes admin calls only as a POST with the token in its header (issue 17)', async () => {
    const admin = `${running.receiver.url}/__admin`;
    const rule = JSON.stringify({ route: 'announce', kind: 'status', status: 502 });
    // What a web page could make a browser send: a simple GET, or a form-like POST without the header.
    expect((await fetch(`${admin}/requests`)).status).toBe(405);
    const formPost = await fetch(`${admin}/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: rule,
    });
    expect(formPost.status).toBe(401);
    const wrong = await fetch(`${admin}/faults`, {
      method: 'POST',
      headers: { 'x-receiver-token': 'guess' },
      body: rule,
    });
    expect(wrong.status).toBe(401);
    // The token in the query string is not enough for an admin call either.
    const query = await fetch(`${admin}/faults?token=${running.receiver.accessToken}`, { method: 'POST', body: rule });
    expect(query.status).toBe(401);
    expect(running.receiver.faults.list()).toEqual([]);
  });
});
