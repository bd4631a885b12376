// @vitest-environment node
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { enrolTerminal } from '../../core/hub-client/enrol';
import { HttpClient } from '../../core/net/http-client';
import { parseFlags } from '../../launcher/args';
import { hubForKiosk } from '../../launcher/hub-settings';
import { portalForKiosk } from '../../launcher/portal-settings';
import { StartupError } from '../../launcher/startup-error';
import {
  FakeClock,
  openTestCore,
  PROJECT_RESOURCES,
  removeDir,
  tempDir,
  type TestCore,
} from '../fixtures/core-harness';
import { startTestHub, type TestHub } from '../fixtures/hub-harness';
import { makeRootCa, makeServerCertificate, type TestCa } from '../fixtures/test-pki';
import { TEST_BACKOFF, until, untilOnline } from './hub-client-helpers';

/**
 * `--ca-file` / the portal configuration's `caFile`: the town's CA, trusted for TLS to the portal and the hub
 * by every connection the core makes (a packaged Electron ignores NODE_EXTRA_CA_CERTS). A throwaway CA made
 * with openssl issues the certificate of a real HTTPS portal stand-in and of the real hub (TLS), both on
 * 127.0.0.1; with the CA the kiosk gets through, without it TLS refuses.
 */

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const DESTINATION = '4b0e0c55-0d55-4f1c-9d5b-2d4f8c6b7a10';
let dir: string;
let ca: TestCa;
let tls: { cert: Buffer; key: Buffer };
let portal: Server;
let portalUrl: string;
const portalRequests: string[] = [];
let hub: TestHub;
let kiosk: TestCore | undefined;

beforeAll(async () => {
  dir = tempDir('trust-ca-');
  ca = makeRootCa(dir, 'Stadt-Stade-CA');
  tls = makeServerCertificate(dir, ca);
  portal = createServer(tls, (request, response) => {
    portalRequests.push(`${request.method} ${request.url}`);
    request.resume();
    response.writeHead(request.url === '/token' ? 200 : 503, { 'content-type': 'application/json' });
    response.end(JSON.stringify(request.url === '/token' ? { access_token: 't', expires_in: 3600 } : {}));
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  portalUrl = `https://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  hub = await startTestHub({ tls });
});

afterAll(async () => {
  await hub?.close();
  await new Promise((resolve) => portal?.close(resolve));
  removeDir(dir);
});

afterEach(() => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
  portalRequests.length = 0;
});

/** One application queued and one delivery pass towards the HTTPS portal, with or without the town's CA. */
async function deliverOverTls(caPem: string | undefined) {
  kiosk = openTestCore({
    clock: new FakeClock(Date.now()),
    portal: {
      tokenUrl: `${portalUrl}/token`,
      submissionApiUrl: portalUrl,
      clientId: 'kiosk',
      clientSecret: 'secret-123456',
      trustedRootPem: ca.pem,
      destinations: { 'test-feedback': DESTINATION },
      ...(caPem ? { caPem } : {}),
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
  return (await kiosk.value('outbox.status', {})).entries[0]!;
}

describe('the portal over TLS with the town CA', () => {
  it('reaches the token URL and the Submission API with the CA (caPem)', async () => {
    const entry = await deliverOverTls(ca.pem);
    expect(portalRequests).toContain('POST /token');
    expect(portalRequests).toContain(`GET /v1/destinations/${DESTINATION}`);
    expect(entry.problem?.title).not.toBe('Portal not reachable');
  });

  it('without it, TLS refuses: nothing reaches the portal and the application waits for a retry', async () => {
    const entry = await deliverOverTls(undefined);
    expect(portalRequests).toEqual([]);
    expect(entry.status).not.toBe('parked');
    expect(entry.problem).toMatchObject({ title: 'Portal not reachable' });
    // The reason underneath: the portal's certificate is not one Node's roots vouch for.
    const client = new HttpClient();
    await expect(client.request({ method: 'POST', url: `${portalUrl}/token`, timeoutMs: 5_000 })).rejects.toMatchObject(
      { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
    );
    client.close();
  });

  it("--ca-file and the configuration's caFile both reach the portal settings", () => {
    const configFile = join(dir, 'portal.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        tokenUrl: `${portalUrl}/token`,
        submissionApiUrl: portalUrl,
        clientId: 'kiosk',
        clientSecret: 'secret-123456',
        destinations: { meldebescheinigung: DESTINATION },
        trustedRootCertificate: 'Stadt-Stade-CA.pem',
        caFile: 'Stadt-Stade-CA.pem',
      }),
    );
    const flags = parseFlags(['--portal-config', configFile, '--ca-file', ca.certFile], {});
    expect(flags.caFile).toBe(ca.certFile);
    const chosen = portalForKiosk(flags, {}, dir, PROJECT_RESOURCES, () => {});
    const option = chosen.option as { caPem?: string; trustedRootPem?: string };
    expect(option.trustedRootPem).toBe(ca.pem);
    // Both given: both trusted.
    expect(option.caPem).toBe(`${ca.pem}\n${ca.pem}`);
  });
});

describe('the hub over TLS with the town CA', () => {
  it('enrols and connects (WSS) with --ca-file; without it enrolment fails on the certificate', async () => {
    const { enrolmentCode } = await hub.hub.createTerminal('Rathaus Foyer', 'Erdgeschoss');
    await expect(enrolTerminal(hub.hub.url, enrolmentCode, '9.9.9-test')).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });

    const chosen = hubForKiosk(
      { noHub: false, hubUrl: hub.hub.url, hubEnrolmentCode: enrolmentCode, caFile: ca.certFile },
      { dataDir: dir, resourcesDir: PROJECT_RESOURCES, consoleDir: dir, appVersion: '9.9.9-test', portal: undefined },
      () => {},
    );
    const option = chosen.option as { url: string; enrolmentCode: string; ca?: string };
    expect(option.ca).toBe(ca.pem);
    kiosk = openTestCore({ hub: { ...option, backoff: TEST_BACKOFF } });
    const state = await untilOnline(kiosk);
    expect(state.hub).toBe('online');
    expect(kiosk.logger.lines.some((line) => line.event === 'hub.enrolled')).toBe(true);
  });

  it('a kiosk without the CA stays offline, retrying', async () => {
    const { enrolmentCode } = await hub.hub.createTerminal('Bürgerbüro', 'OG');
    kiosk = openTestCore({ hub: { url: hub.hub.url, enrolmentCode, backoff: TEST_BACKOFF } });
    await until(() => kiosk!.logger.lines.filter((line) => line.event === 'hub.enrol_failed').length >= 2);
    expect((await kiosk.value('help.state', {})).hub).toBe('offline');
  });

  it('refuses to start with an unreadable or invalid --ca-file, naming the flag and the file', () => {
    const local = {
      dataDir: dir,
      resourcesDir: PROJECT_RESOURCES,
      consoleDir: dir,
      appVersion: '1',
      portal: undefined,
    };
    const missing = join(dir, 'missing-ca.pem');
    expect(() => hubForKiosk({ noHub: false, hubUrl: hub.hub.url, caFile: missing }, local, () => {})).toThrow(
      new StartupError(`--ca-file: the certificate file ${missing} cannot be read (ENOENT)`),
    );
    const garbage = join(dir, 'garbage-ca.pem');
    writeFileSync(garbage, 'not a certificate');
    expect(() => hubForKiosk({ noHub: false, hubUrl: hub.hub.url, caFile: garbage }, local, () => {})).toThrow(
      /^--ca-file: the certificate file .*garbage-ca\.pem is not valid \(no PEM certificate in it\)$/,
    );
    expect(parseFlags([], { KIOSK_CA_FILE: garbage }).caFile).toBe(garbage);
  });
});
