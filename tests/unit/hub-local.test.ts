import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../core/logging';
import { DEMO_ADMIN_USERNAME, startLocalHub, type LocalHub } from '../../hub';
import { FIXTURE_RESOURCES } from '../fixtures/core-harness';
import { connectKiosk, login, tempDir } from '../fixtures/hub-harness';

let local: LocalHub | undefined;
afterEach(async () => {
  await local?.close();
  local = undefined;
});

describe('embedded local hub (npm start default)', () => {
  it('creates a demo admin once, enrols the local terminal, and keeps both across restarts', async () => {
    const dataDir = tempDir('hub-local-');
    const options = {
      dataDir,
      resourcesDir: FIXTURE_RESOURCES,
      appVersion: '0.1.0',
      logger: createMemoryLogger(),
      handoverKeyBits: 2048,
    };
    local = await startLocalHub(options);
    const adminFile = join(dataDir, 'demo-admin.txt');
    expect(statSync(adminFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'handover-key.pem')).mode & 0o777).toBe(0o600);
    const password = /password: (\S+)/.exec(readFileSync(adminFile, 'utf8'))![1]!;
    const admin = await login(local.hub, { username: DEMO_ADMIN_USERNAME, password });
    expect(((await admin.get('/terminals')).body as unknown[]).length).toBe(1);

    const kiosk = await connectKiosk(local.hub, local.credential);
    expect((await kiosk.next('welcome')).terminalName).toBe('Lokales Terminal');
    kiosk.close();
    const credential = local.credential;
    await local.close();

    local = await startLocalHub(options);
    expect(local.credential).toBe(credential);
    expect(readFileSync(adminFile, 'utf8')).toContain(password);
    const again = await login(local.hub, { username: DEMO_ADMIN_USERNAME, password });
    expect(((await again.get('/terminals')).body as unknown[]).length).toBe(1);
  });
});
