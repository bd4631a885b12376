// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HttpClient } from '../../core/net/http-client';
import { parsePemCertificates } from '../../core/net/pem';
import { fetchCheckedDestination } from '../../core/portal/destination';
import { PortalApi } from '../../core/portal/portal-api';
import { PortalConfigSchema, type PortalConfig } from '../../core/portal/portal-config';
import { TokenCache } from '../../core/portal/token-cache';
import { startDemoPortal, type DemoPortal } from '../../launcher/portal-settings';
import { PROJECT_RESOURCES, removeDir, tempDir } from '../fixtures/core-harness';
import { makeRootCa } from '../fixtures/test-pki';

/**
 * `npm start`'s embedded default: the demo receiver's key is certified by its demo CA, and the portal
 * configuration the launcher hands the kiosk trusts that root, so the demo passes the same key check as
 * a town's kiosk (and would fail it with any other root).
 */

vi.setConfig({ testTimeout: 60_000, hookTimeout: 240_000 });

let dataDir: string;
let demo: DemoPortal;
let config: PortalConfig;
const client = new HttpClient();

beforeAll(async () => {
  dataDir = tempDir('demo-trust-');
  demo = await startDemoPortal(dataDir, PROJECT_RESOURCES);
  config = PortalConfigSchema.parse(demo.config);
});

afterAll(async () => {
  client.close();
  await demo?.stop();
  removeDir(dataDir);
});

async function checkDemoKey(trustedRootPem: string) {
  const api = new PortalApi(config, new TokenCache(config, Date.now, client), Date.now, client);
  const destinationId = Object.values(config.destinations)[0]!;
  const destination = (await api.call('GET', `/v1/destinations/${destinationId}`)).json as {
    services: { submissionSchemas: { schemaUri: string }[] }[];
  };
  const schemaUri = destination.services[0]!.submissionSchemas[0]!.schemaUri;
  return fetchCheckedDestination(api, destinationId, schemaUri, {
    roots: parsePemCertificates(trustedRootPem),
    now: Date.now,
  });
}

describe('the demo portal of npm start', () => {
  it("trusts the demo receiver's root: its encryption key passes the x5c check", async () => {
    expect(config.trustedRootPem).toContain('BEGIN CERTIFICATE');
    const checked = await checkDemoKey(config.trustedRootPem);
    expect(checked.encryptionKey.x5c).toHaveLength(2);
  });

  it('the same key is refused under any other root', async () => {
    const other = makeRootCa(dataDir, 'Other-Root');
    await expect(checkDemoKey(other.pem)).rejects.toMatchObject({
      kind: 'permanent',
      problem: {
        title: 'Encryption key certificate refused: the chain does not lead to the configured root certificate',
      },
    });
  });
});
