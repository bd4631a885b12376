import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bundleVersionOf, type AuditEntry, type BundleSummary, type TerminalView } from '../../contract/hub';
import { FakeClock, FIXTURE_RESOURCES, removeDir, tempDir, type TestCore } from '../fixtures/core-harness';
import { openHubCore, startRealHub, until, untilOnline, type RealHub } from './hub-client-helpers';
import { TOWN_FIXTURE, tree, uploadOf } from './bundle-helpers';

/**
 * Services from the hub (issue 20) with the real hub on 127.0.0.1 and a real kiosk core: an admin uploads the
 * services' folders, the hub checks them with the kiosk's catalogue check, signs and offers the bundle, and the
 * kiosk fetches, verifies and activates it between sessions. Rollback republishes the previous files.
 */

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let hub: RealHub | undefined;
let kiosk: TestCore | undefined;
const dirs: string[] = [];
afterEach(async () => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
  await hub?.close();
  hub = undefined;
  for (const dir of dirs.splice(0)) removeDir(dir);
});

async function startBoth(): Promise<{ hub: RealHub; kiosk: TestCore }> {
  // One clock for both: the hub refuses health reports whose time is far from its own.
  const clock = new FakeClock();
  hub = await startRealHub({ clock, desk: { resourcesDir: FIXTURE_RESOURCES } });
  kiosk = openHubCore(hub, { clock });
  await untilOnline(kiosk);
  return { hub, kiosk };
}

/** A copy of the fixture with a second working service (bank-patenschaft under another id). */
function townWithSecond(): string {
  const dir = tempDir('bundle-town-');
  dirs.push(dir);
  cpSync(TOWN_FIXTURE, dir, { recursive: true });
  return dir;
}

const serviceIds = async (core: TestCore) =>
  (await core.value('catalog.get', {})).services.map((service) => service.id).sort();
const audit = async (real: RealHub) => (await real.admin.get('/audit')).body as AuditEntry[];
const bundleLines = (core: TestCore, event: string) => core.logger.lines.filter((line) => line.event === event);

describe('catalogue bundles from the hub', () => {
  it('an upload is checked, signed and offered; the kiosk activates it with no session open and reports it', async () => {
    const { hub: real, kiosk: core } = await startBoth();
    expect(await serviceIds(core)).toEqual(['test-feedback', 'test-move']);

    const uploaded = await real.admin.post('/bundles', uploadOf(TOWN_FIXTURE, ['bank-patenschaft']));
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject({ version: 1, active: true, services: ['bank-patenschaft'] });

    await until(async () => (await serviceIds(core)).includes('bank-patenschaft'));
    expect(await serviceIds(core)).toEqual(['bank-patenschaft', 'test-feedback', 'test-move']);
    expect(core.events).toContainEqual({ type: 'catalogue.changed' });
    // The unpacked copy is private, and the hub's signing key too.
    const files = tree(join(core.dataDir, 'catalogue'));
    expect(files['bundle-1']).toMatch(/^700:dir/);
    expect(files['bundle-1/bank-patenschaft/service.json']).toMatch(/^600:/);
    expect(files['active.json']).toMatch(/^600:/);
    expect(tree(real.t.dataDir)['bundle-key.pem']).toMatch(/^600:/);

    // The health report names the bundle's version; the console's terminal view shows it.
    const view = await until(async () => {
      const terminals = (await real.admin.get('/terminals')).body as TerminalView[];
      const health = terminals.find((terminal) => terminal.terminalId === real.terminalId)?.health;
      return health && bundleVersionOf(health.catalogue.version) === 1 && health;
    });
    expect(view?.catalogue).toMatchObject({ activation: 'ok', refused: 0 });
    expect((await audit(real)).filter((entry) => entry.action === 'bundle.upload')).toEqual([
      expect.objectContaining({ staffId: real.admin.staffId, outcome: 'ok', subjectId: 'bundle-1' }),
    ]);

    // A restart keeps the activated bundle (the shipped --services-dir is only the base before any bundle).
    kiosk = core.reopen();
    expect(await serviceIds(kiosk)).toEqual(['bank-patenschaft', 'test-feedback', 'test-move']);
  });

  it('a session open during the offer keeps its catalogue until it ends', async () => {
    const { hub: real, kiosk: core } = await startBoth();
    const session = await core.value('session.start', { serviceId: 'test-move', language: 'de' });

    expect((await real.admin.post('/bundles', uploadOf(TOWN_FIXTURE, ['bank-patenschaft']))).status).toBe(200);
    await until(() => bundleLines(core, 'catalogue.bundle_staged').length > 0);
    // Staged and checked, not active: the open session's catalogue is unchanged.
    core.clock.advance(1_000);
    expect(await serviceIds(core)).toEqual(['test-feedback', 'test-move']);
    expect(existsSync(join(core.dataDir, 'catalogue', 'active.json'))).toBe(false);

    await core.value('session.end', { sessionId: session.sessionId, reason: 'resident' });
    await until(async () => (await serviceIds(core)).includes('bank-patenschaft'));
    expect(bundleLines(core, 'catalogue.bundle_activated')).toEqual([expect.objectContaining({ version: 1 })]);
  });

  it('a bundle with a broken service is refused whole with file and JSON path; nothing changes', async () => {
    const { hub: real, kiosk: core } = await startBoth();
    const refused = await real.admin.post('/bundles', uploadOf(TOWN_FIXTURE, ['bank-patenschaft', 'kaputt']));
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({
      error: 'bundle_refused',
      problems: [{ file: 'kaputt/service.json', path: '/journey/steps/0/fields/0/type', message: expect.any(String) }],
    });
    expect((await real.admin.get('/bundles')).body).toEqual([]);
    expect(readdirSync(join(real.t.dataDir, 'bundles'))).toEqual([]);
    expect((await audit(real)).filter((entry) => entry.action === 'bundle.upload')).toEqual([
      expect.objectContaining({ outcome: 'refused' }),
    ]);
    expect(await serviceIds(core)).toEqual(['test-feedback', 'test-move']);
    // A path that climbs out of the bundle never reaches the check.
    const climbing = await real.admin.post('/bundles', { files: [{ path: '../x/service.json', content: '' }] });
    expect(climbing.status).toBe(400);
  });

  it('only admins publish; a terminal fetches only with its credential', async () => {
    const { hub: real } = await startBoth();
    expect((await real.staff.post('/bundles', uploadOf(TOWN_FIXTURE, ['bank-patenschaft']))).status).toBe(403);
    expect((await real.staff.get('/bundles')).status).toBe(403);
    expect((await real.staff.post('/bundles/rollback')).status).toBe(403);
    const anonymous = await fetch(`${real.url}/api/terminal/bundle`);
    expect(anonymous.status).toBe(401);
  });

  it('rollback makes the previous bundle active again as a new version; the kiosk follows', async () => {
    const { hub: real, kiosk: core } = await startBoth();
    const town = townWithSecond();
    expect((await real.admin.post('/bundles', uploadOf(town, ['bank-patenschaft']))).status).toBe(200);
    await until(async () => (await serviceIds(core)).includes('bank-patenschaft'));
    // Version 2: the same service with its title changed.
    const german = join(town, 'bank-patenschaft', 'locales', 'de.json');
    const texts = JSON.parse((await import('node:fs')).readFileSync(german, 'utf8')) as Record<string, unknown>;
    writeFileSync(german, JSON.stringify({ ...texts, title: 'Bank-Patenschaft (neu)' }));
    expect((await real.admin.post('/bundles', uploadOf(town, ['bank-patenschaft']))).status).toBe(200);
    await until(() => bundleLines(core, 'catalogue.bundle_activated').length === 2);

    const rolled = await real.admin.post('/bundles/rollback');
    expect(rolled.status).toBe(200);
    expect(rolled.body).toMatchObject({ version: 3, rolledBackFrom: 1, active: true });
    await until(() => bundleLines(core, 'catalogue.bundle_activated').length === 3);
    const list = (await real.admin.get('/bundles')).body as BundleSummary[];
    expect(list.map((entry) => [entry.version, entry.active, entry.rolledBackFrom])).toEqual([
      [3, true, 1],
      [2, false, null],
      [1, false, null],
    ]);
    // The kiosk keeps the active bundle and the last good one on disk, nothing older.
    expect(readdirSync(join(core.dataDir, 'catalogue')).sort()).toEqual(['active.json', 'bundle-2', 'bundle-3']);
    expect((await audit(real)).filter((entry) => entry.action === 'bundle.rollback')).toEqual([
      expect.objectContaining({ outcome: 'ok', subjectId: 'bundle-3' }),
    ]);
  });
});
