// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkKeyCertificate } from '../../core/portal/key-certificate';
import { PortalError } from '../../core/portal/portal-error';
import { FakeClock, openTestCore, removeDir, tempDir, type TestCore } from '../fixtures/core-harness';
import {
  issueCertificate,
  makeIntermediateCa,
  makeRootCa,
  makeRsaKey,
  x5cEntry,
  type TestCa,
} from '../fixtures/test-pki';

/**
 * FIT-Connect's check of the destination's encryption key against the administration PKI: the JWK's x5c
 * chain must lead to the configured root, every certificate be valid now, the key's certificate allow key
 * encipherment and hold the JWK's key. Certificates are real, made with openssl per run; the portal is a
 * small HTTP stand-in on 127.0.0.1 that serves the key under test and records every request, so the test
 * sees that a refused key parks the application before anything is announced or sent.
 */

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const DESTINATION = '4b0e0c55-0d55-4f1c-9d5b-2d4f8c6b7a10';
const KID = 'test-encryption-key-1';
const SCHEMA_URI = 'urn:test:buergerkiosk:test-feedback:1';
const LEAF_EXTENSIONS = ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,keyEncipherment'];

let dir: string;
let root: TestCa;
let wrongRoot: TestCa;
let key: { n: string; e: string };
let certs: Record<'leaf' | 'shortLived' | 'otherKey' | 'signingOnly' | 'viaIntermediate' | 'intermediate', TestCa>;

let server: Server;
let portalUrl: string;
let servedKey: Record<string, unknown>;
const requests: string[] = [];
let kiosk: TestCore | undefined;

beforeAll(async () => {
  dir = tempDir('key-certificate-');
  root = makeRootCa(dir, 'Test-Verwaltungs-PKI-Root');
  wrongRoot = makeRootCa(dir, 'Other-Root');
  const [encryption, other] = await Promise.all([makeRsaKey(dir, 'encryption'), makeRsaKey(dir, 'other', 2048)]);
  key = encryption;
  const intermediate = makeIntermediateCa(dir, 'Test-Intermediate', root);
  certs = {
    leaf: issueCertificate(dir, 'leaf', encryption.keyFile, root, LEAF_EXTENSIONS),
    shortLived: issueCertificate(dir, 'short-lived', encryption.keyFile, root, LEAF_EXTENSIONS, 1),
    otherKey: issueCertificate(dir, 'other-key', other.keyFile, root, LEAF_EXTENSIONS),
    signingOnly: issueCertificate(dir, 'signing-only', encryption.keyFile, root, [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
    ]),
    viaIntermediate: issueCertificate(dir, 'via-intermediate', encryption.keyFile, intermediate, LEAF_EXTENSIONS),
    intermediate,
  };

  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    request.resume();
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'POST' && request.url === '/token')
      return send(200, { access_token: 't', expires_in: 3600 });
    if (request.url === `/v1/destinations/${DESTINATION}`) {
      return send(200, {
        destinationId: DESTINATION,
        status: 'active',
        services: [
          { identifier: 'urn:test', submissionSchemas: [{ schemaUri: SCHEMA_URI, mimeType: 'application/json' }] },
        ],
        encryptionKid: KID,
      });
    }
    if (request.url === `/v1/destinations/${DESTINATION}/keys/${KID}`) return send(200, servedKey);
    // Announce and everything after it: the stand-in is unavailable (a valid key gets this far).
    send(503, { type: 'about:blank', title: 'Unavailable', status: 503 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  portalUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  removeDir(dir);
});

afterEach(() => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
  requests.length = 0;
});

function jwk(chain: TestCa[] | undefined, publicKey = key): Record<string, unknown> {
  return {
    kty: 'RSA',
    n: publicKey.n,
    e: publicKey.e,
    kid: KID,
    alg: 'RSA-OAEP-256',
    key_ops: ['wrapKey'],
    ...(chain ? { x5c: chain.map((certificate) => x5cEntry(certificate.pem)) } : {}),
  };
}

/** Sends one application through the real sync worker with `served` as the destination's key. */
async function deliver(served: Record<string, unknown>, options: { trusted?: TestCa; clockAhead?: number } = {}) {
  servedKey = served;
  // The certificates are valid from today: the kiosk's clock is today's (plus `clockAhead`).
  kiosk = openTestCore({
    clock: new FakeClock(Date.now() + (options.clockAhead ?? 0)),
    portal: {
      tokenUrl: `${portalUrl}/token`,
      submissionApiUrl: portalUrl,
      clientId: 'kiosk',
      clientSecret: 'secret-123456',
      trustedRootPem: (options.trusted ?? root).pem,
      destinations: { 'test-feedback': DESTINATION },
    },
  });
  let view = await kiosk.value('session.start', { serviceId: 'test-feedback', language: 'de' });
  view = await kiosk.value('session.answer', {
    sessionId: view.sessionId,
    stepId: 'message',
    values: { message: 'Hallo' },
  });
  view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId: 'email', values: {} });
  view = await kiosk.value('session.submit', { sessionId: view.sessionId });
  await kiosk.value('session.end', { sessionId: view.sessionId, reason: 'finished' });
  await kiosk.core.syncNow();
  const [entry] = (await kiosk.value('outbox.status', {})).entries;
  return entry!;
}

const announced = () => requests.some((line) => line.startsWith('POST /v1/submissions'));
const sentAnything = () => requests.some((line) => /^(POST|PUT) \/v1\/submissions/.test(line));

describe('the encryption key is checked against the administration PKI before anything is sent', () => {
  it('accepts a key whose x5c chain leads to the configured root: delivery goes on to the announce', async () => {
    const entry = await deliver(jwk([certs.leaf, root]));
    expect(entry.status).not.toBe('parked');
    expect(announced()).toBe(true);
  });

  it('accepts a chain through an intermediate CA that ends below the root (the root itself not in x5c)', async () => {
    const entry = await deliver(jwk([certs.viaIntermediate, certs.intermediate]));
    expect(entry.status).not.toBe('parked');
    expect(announced()).toBe(true);
  });

  it.each([
    ['a chain from another root', () => deliver(jwk([certs.leaf, root]), { trusted: wrongRoot }), /configured root/],
    [
      'an expired key certificate',
      () => deliver(jwk([certs.shortLived, root]), { clockAhead: 2 * 24 * 60 * 60_000 }),
      /x5c certificate 1 has expired/,
    ],
    [
      'a key that is not the one in its certificate',
      () => deliver(jwk([certs.otherKey, root])),
      /not the one in its certificate/,
    ],
    ['a key without x5c', () => deliver(jwk(undefined)), /no x5c certificate chain/],
    [
      'a certificate that does not allow key encipherment',
      () => deliver(jwk([certs.signingOnly, root])),
      /key encipherment/,
    ],
  ])('parks the application for %s, with the reason for staff, and sends nothing', async (_case, run, reason) => {
    const entry = await run();
    expect(entry.status).toBe('parked');
    expect(entry.problem).toMatchObject({ type: 'urn:buergerkiosk:portal:key-certificate' });
    expect(entry.problem!.title).toMatch(/^Encryption key certificate refused: /);
    expect(entry.problem!.title).toMatch(reason);
    expect(sentAnything()).toBe(false);
  });
});

describe('checkKeyCertificate', () => {
  const refusal = (run: () => void) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(PortalError);
      expect((error as PortalError).kind).toBe('permanent');
      return (error as PortalError).problem.title;
    }
    throw new Error('expected a refusal');
  };
  const roots = () => [new X509Certificate(root.pem)];

  it('refuses a key certificate not valid yet, and a chain that is not signed link by link', () => {
    expect(refusal(() => checkKeyCertificate(jwk([certs.leaf, root]), roots(), Date.now() - 24 * 60 * 60_000))).toMatch(
      /not valid yet/,
    );
    // The intermediate's certificate put where the root belongs: the leaf was not signed by the next one.
    expect(refusal(() => checkKeyCertificate(jwk([certs.leaf, certs.intermediate]), roots(), Date.now()))).toMatch(
      /x5c certificate 1 is not signed by the next one/,
    );
  });

  it('refuses x5c entries that are not base64 DER certificates', () => {
    expect(refusal(() => checkKeyCertificate({ ...jwk(undefined), x5c: ['%%%'] }, roots(), Date.now()))).toMatch(
      /not base64/,
    );
    expect(refusal(() => checkKeyCertificate({ ...jwk(undefined), x5c: ['AAAA'] }, roots(), Date.now()))).toMatch(
      /cannot be parsed/,
    );
  });
});
