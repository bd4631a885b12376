import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../core/logging';
import { DEMO_ADMIN_USERNAME, startLocalHub, type LocalHub } from '../../hub';
import { hubForKiosk } from '../../launcher/hub-settings';
import { FIXTURE_RESOURCES, openTestCore } from '../fixtures/core-harness';
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

describe('npm start: which hub the kiosk reports to', () => {
  const local = (dataDir: string) => ({
    dataDir,
    resourcesDir: FIXTURE_RESOURCES,
    consoleDir: join(dataDir, 'no-console'),
    appVersion: '0.1.0',
    portal: undefined,
    handoverKeyBits: 2048,
  });

  it('none with --no-hub, the given one with --hub-url', () => {
    const say = () => {};
    expect(hubForKiosk({ noHub: true }, local(tempDir('hub-none-')), say).option).toBeUndefined();
    expect(
      hubForKiosk({ noHub: false, hubUrl: 'https://hub.stade.local:8443' }, local(tempDir('hub-url-')), say).option,
    ).toEqual({
      url: 'https://hub.stade.local:8443',
    });
  });

  it('by default a local hub, started later, that the kiosk then joins with its enrolled credential', async () => {
    const dataDir = tempDir('hub-default-');
    const lines: string[] = [];
    const chosen = hubForKiosk({ noHub: false }, local(dataDir), (line) => lines.push(line));
    const kiosk = openTestCore({ dataDir: join(dataDir, 'kiosk'), hub: chosen.option! });
    try {
      // Before the hub is up, the kiosk works alone and help points to the desk.
      expect((await kiosk.value('help.state', {})).hub).toBe('none');
      chosen.start();
      await expect.poll(async () => (await kiosk.value('help.state', {})).hub, { timeout: 30_000 }).toBe('online');
      expect(lines.join('\n')).toMatch(/Help-desk console: http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      kiosk.close();
      await chosen.stop();
    }
  });
});
