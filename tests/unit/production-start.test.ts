// @vitest-environment node
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFlags } from '../../launcher/args';
import { hubForKiosk } from '../../launcher/hub-settings';
import { portalForKiosk } from '../../launcher/portal-settings';
import {
  DEMO_HUB_LINE,
  DEMO_PORTAL_LINE,
  OUT_OF_SERVICE_LINES,
  outOfServiceReason,
  PRODUCTION_LINE,
  PRODUCTION_NO_HUB_LINE,
  startModeLine,
} from '../../launcher/production';
import { FIXTURE_RESOURCES, openTestCore, tempDir } from '../fixtures/core-harness';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dataDir(): string {
  const dir = tempDir('kiosk-production-');
  dirs.push(dir);
  return dir;
}

/** Lets the microtasks and an import() settle, as a demo start would need to create its folder. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('demo or production: the first line', () => {
  it('says demo for the checkout default, production for --production, nothing for a configured start', () => {
    expect(startModeLine(parseFlags([], {}))).toBe(DEMO_PORTAL_LINE);
    expect(startModeLine(parseFlags(['--portal-config', 'p.json'], {}))).toBe(DEMO_HUB_LINE);
    expect(startModeLine(parseFlags(['--production'], {}))).toBe(PRODUCTION_LINE);
    expect(startModeLine(parseFlags([], { KIOSK_PRODUCTION: '1' }))).toBe(PRODUCTION_LINE);
    expect(startModeLine(parseFlags(['--portal-config', 'p.json', '--hub-url', 'https://hub.example'], {}))).toBe(
      undefined,
    );
  });

  it('is out of service only in production without --portal-config or --no-portal', () => {
    expect(outOfServiceReason(parseFlags(['--production'], {}))).toBe('no-portal-configuration');
    expect(outOfServiceReason(parseFlags(['--production', '--no-portal'], {}))).toBeUndefined();
    expect(outOfServiceReason(parseFlags(['--production', '--portal-config', 'p.json'], {}))).toBeUndefined();
    expect(outOfServiceReason(parseFlags([], {}))).toBeUndefined();
  });
});

describe('a production start never runs the demo receiver or the demo hub', () => {
  it('portal: out of service, one log line, and start() creates no demo receiver', async () => {
    const dir = dataDir();
    const lines: string[] = [];
    const portal = portalForKiosk(parseFlags(['--production'], {}), {}, dir, FIXTURE_RESOURCES, (line) =>
      lines.push(line),
    );
    expect(portal.option).toBeUndefined();
    expect(portal.outOfService).toBe('no-portal-configuration');
    expect(lines).toEqual([OUT_OF_SERVICE_LINES['no-portal-configuration']]);
    portal.start();
    await settle();
    expect(existsSync(path.join(dir, 'demo-portal'))).toBe(false);
    await portal.stop();
  });

  it('portal: --no-portal in production runs without delivery, not out of service', () => {
    const portal = portalForKiosk(
      parseFlags(['--production', '--no-portal'], {}),
      {},
      dataDir(),
      FIXTURE_RESOURCES,
      () => {},
    );
    expect(portal.option).toBeUndefined();
    expect(portal.outOfService).toBeUndefined();
  });

  it('hub: no --hub-url and no --no-hub in production runs without a hub, and says why', async () => {
    const dir = dataDir();
    const lines: string[] = [];
    const hub = hubForKiosk(
      parseFlags(['--production'], {}),
      { dataDir: dir, resourcesDir: FIXTURE_RESOURCES, consoleDir: dir, appVersion: '0.0.0', portal: undefined },
      (line) => lines.push(line),
    );
    expect(hub.option).toBeUndefined();
    expect(lines).toEqual([PRODUCTION_NO_HUB_LINE]);
    hub.start();
    await settle();
    expect(existsSync(path.join(dir, 'hub'))).toBe(false);
    await hub.stop();
  });

  it('hub: --hub-url in production is used as given', () => {
    const hub = hubForKiosk(
      parseFlags(['--production', '--hub-url', 'https://hub.stade.local:8443'], {}),
      { dataDir: dataDir(), resourcesDir: FIXTURE_RESOURCES, consoleDir: '', appVersion: '0.0.0', portal: undefined },
      () => {},
    );
    expect(hub.option).toEqual({ url: 'https://hub.stade.local:8443/' });
  });
});

describe('an out-of-service core', () => {
  it('says so in kiosk.info and refuses to start a session or submit', async () => {
    const kiosk = openTestCore({ outOfService: 'no-portal-configuration' });
    dirs.push(kiosk.dataDir);
    try {
      const info = await kiosk.value('kiosk.info', {});
      expect(info.outOfService).toBe('no-portal-configuration');
      const started = await kiosk.call('session.start', { serviceId: 'meldebescheinigung', language: 'de' });
      expect(started).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await kiosk.value('session.resume', {})).toBeNull();
      expect(kiosk.logger.lines.some((line) => line.event === 'core.out_of_service')).toBe(true);
    } finally {
      kiosk.close();
    }
  });

  it('a core in service has no outOfService field and starts sessions', async () => {
    const kiosk = openTestCore();
    dirs.push(kiosk.dataDir);
    try {
      expect((await kiosk.value('kiosk.info', {})).outOfService).toBeUndefined();
      const services = (await kiosk.value('catalog.get', {})).services;
      const started = await kiosk.call('session.start', { serviceId: services[0]!.id, language: 'de' });
      expect(started.ok).toBe(true);
    } finally {
      kiosk.close();
    }
  });
});
