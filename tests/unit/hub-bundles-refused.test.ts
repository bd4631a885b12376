import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertView, BundleRefusal, SignedBundle } from '../../contract/hub';
import { checkBundleServices } from '../../core/catalog/bundle-files';
import { CatalogueBundles } from '../../core/catalog/catalogue-bundles';
import { createMemoryLogger } from '../../core/logging';
import { FakeClock, FIXTURE_RESOURCES, removeDir, tempDir, type TestCore } from '../fixtures/core-harness';
import { openHubCore, startRealHub, until, untilOnline, type RealHub } from './hub-client-helpers';
import { tree, TOWN_FIXTURE, uploadOf } from './bundle-helpers';

/**
 * Bundles the kiosk must refuse (issue 20): the real hub serves a bundle changed on its disk after signing (a file
 * whose hash does not match, a bad signature), or an older bundle again (replay); and bundles signed with a key
 * that is not the pinned one. Each is refused and logged as a code; the terminal's catalogue and its files stay as
 * they were, and its health report makes the hub raise the `catalogue` alert.
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

const serviceIds = async (core: TestCore) =>
  (await core.value('catalog.get', {})).services.map((service) => service.id).sort();
const refusals = (core: TestCore) =>
  core.logger.lines.filter((line) => line.event === 'catalogue.bundle_refused').map((line) => line.code);

/** Hub and kiosk with bundle 1 active on the kiosk. */
async function withFirstBundle(): Promise<{ real: RealHub; core: TestCore }> {
  const clock = new FakeClock();
  const real = (hub = await startRealHub({ clock, desk: { resourcesDir: FIXTURE_RESOURCES } }));
  const core = (kiosk = openHubCore(real, { clock }));
  await untilOnline(core);
  expect((await real.admin.post('/bundles', uploadOf(TOWN_FIXTURE, ['bank-patenschaft']))).status).toBe(200);
  await until(async () => (await serviceIds(core)).includes('bank-patenschaft'));
  return { real, core };
}

/** Changes the hub's stored bundle on disk after it was signed. */
function tamper(real: RealHub, version: number, change: (signed: SignedBundle) => void): void {
  const file = join(real.t.dataDir, 'bundles', `bundle-${version}.json`);
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { signed: SignedBundle };
  change(stored.signed);
  writeFileSync(file, JSON.stringify(stored));
}

async function expectRefusedAndReported(real: RealHub, core: TestCore, code: BundleRefusal, before: object) {
  await until(() => refusals(core).includes(code));
  expect(await serviceIds(core)).toEqual(['bank-patenschaft', 'test-feedback', 'test-move']);
  expect(tree(join(core.dataDir, 'catalogue'))).toEqual(before);
  // The health report says the activation failed: the console's `catalogue` alert.
  await until(async () => {
    const alerts = (await real.admin.get('/alerts')).body as AlertView[];
    return alerts.some((alert) => alert.kind === 'catalogue' && alert.terminalId === real.terminalId);
  });
  // Codes only: no file content, no path of the bundle in the kiosk's log.
  expect(JSON.stringify(core.logger.lines)).not.toContain('Patenschaft');
}

describe('a terminal refuses a bad bundle and keeps its catalogue', () => {
  it('a file whose hash does not match the signed manifest', async () => {
    const { real, core } = await withFirstBundle();
    const before = tree(join(core.dataDir, 'catalogue'));
    expect((await real.admin.post('/bundles', uploadOf(TOWN_FIXTURE, ['bank-patenschaft']))).status).toBe(200);
    await until(() =>
      core.logger.lines.some((line) => line.event === 'catalogue.bundle_activated' && line.version === 2),
    );
    // Version 3 is changed on the hub's disk before the kiosk fetches it: the offer comes on the next connect.
    core.close();
    kiosk = undefined;
    expect((await real.admin.post('/bundles', uploadOf(TOWN_FIXTURE, ['bank-patenschaft']))).status).toBe(200);
    tamper(real, 3, (signed) => {
      const path = 'bank-patenschaft/locales/de.json';
      signed.contents[path] = Buffer.from('{"title":"untergeschoben"}').toString('base64');
    });
    kiosk = core.reopen();
    const after = tree(join(core.dataDir, 'catalogue'));
    expect(after).not.toEqual(before); // version 2 is active now
    await expectRefusedAndReported(real, kiosk, 'file_mismatch', after);
  });

  it('a bad signature', async () => {
    const { real, core } = await withFirstBundle();
    const before = tree(join(core.dataDir, 'catalogue'));
    core.close();
    kiosk = undefined;
    expect((await real.admin.post('/bundles', uploadOf(TOWN_FIXTURE, ['bank-patenschaft']))).status).toBe(200);
    tamper(real, 2, (signed) => {
      signed.manifest = signed.manifest.replace('"rolledBackFrom":null', '"rolledBackFrom":1');
    });
    kiosk = core.reopen();
    await expectRefusedAndReported(real, kiosk, 'bad_signature', before);
  });

  it('a replayed older bundle, genuinely signed', async () => {
    const { real, core } = await withFirstBundle();
    const before = tree(join(core.dataDir, 'catalogue'));
    core.close();
    kiosk = undefined;
    // The hub offers "version 2" but serves bundle 1's signed manifest again.
    renameSync(join(real.t.dataDir, 'bundles', 'bundle-1.json'), join(real.t.dataDir, 'bundles', 'bundle-2.json'));
    kiosk = core.reopen();
    await expectRefusedAndReported(real, kiosk, 'replayed', before);
  });
});

describe('the last good catalogue on disk', () => {
  it('an active bundle that no longer passes the check at start: the one before runs, reported as failed', async () => {
    const { real, core } = await withFirstBundle();
    const german = join(TOWN_FIXTURE, 'bank-patenschaft', 'locales', 'de.json');
    const renamed = JSON.parse(readFileSync(german, 'utf8')) as Record<string, unknown>;
    const second = uploadOf(TOWN_FIXTURE, ['bank-patenschaft']);
    const changed = { ...renamed, title: 'Parkbank zweite Fassung' };
    for (const file of second.files)
      if (file.path === 'bank-patenschaft/locales/de.json')
        file.content = Buffer.from(JSON.stringify(changed)).toString('base64');
    expect((await real.admin.post('/bundles', second)).status).toBe(200);
    await until(() =>
      core.logger.lines.some((line) => line.event === 'catalogue.bundle_activated' && line.version === 2),
    );
    core.close();
    kiosk = undefined;
    // The active bundle's service file is damaged on the kiosk's disk.
    writeFileSync(join(core.dataDir, 'catalogue', 'bundle-2', 'bank-patenschaft', 'service.json'), '{');
    kiosk = core.reopen();
    expect(await serviceIds(kiosk)).toEqual(['bank-patenschaft', 'test-feedback', 'test-move']);
    const title = (await kiosk.value('catalog.translations', { language: 'de' })).translations['svc-bank-patenschaft'];
    expect(JSON.stringify(title)).not.toContain('zweite Fassung');
    expect(kiosk.logger.lines).toContainEqual(
      expect.objectContaining({ event: 'catalogue.bundle_unusable', version: 2 }),
    );
    await until(async () => {
      const alerts = (await real.admin.get('/alerts')).body as AlertView[];
      return alerts.some((alert) => alert.kind === 'catalogue' && alert.terminalId === real.terminalId);
    });
  });
});

describe('the kiosk verifies with the pinned key only', () => {
  function signedWith(privateKey: ReturnType<typeof generateKeyPairSync>['privateKey']): SignedBundle {
    const upload = uploadOf(TOWN_FIXTURE, ['bank-patenschaft']);
    const files = upload.files.map((file) => {
      const bytes = Buffer.from(file.content, 'base64');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return { path: file.path, sha256, bytes: bytes.length };
    });
    const manifest = JSON.stringify({
      format: 1,
      version: 7,
      createdAt: new Date().toISOString(),
      rolledBackFrom: null,
      files: files.sort((a, b) => (a.path < b.path ? -1 : 1)),
    });
    return {
      manifest,
      signature: sign(null, Buffer.from(manifest), privateKey).toString('base64'),
      contents: Object.fromEntries(upload.files.map((file) => [file.path, file.content])),
    };
  }

  function bundlesFor(signed: SignedBundle, pinned: string | undefined) {
    const dataDir = tempDir('bundle-kiosk-');
    dirs.push(dataDir);
    const logger = createMemoryLogger();
    const activated: number[] = [];
    const bundles = new CatalogueBundles({
      dataDir,
      activeVersion: undefined,
      logger,
      fetch: () => Promise.resolve(JSON.parse(JSON.stringify(signed)) as unknown),
      pinnedKey: () => pinned,
      check: (dir) => checkBundleServices(FIXTURE_RESOURCES, dir, () => '2025-06-15', logger),
      sessionOpen: () => false,
      activate: (_catalog, version) => activated.push(version),
      changed: () => undefined,
    });
    return { bundles, logger, activated, dataDir };
  }

  const spki = (key: ReturnType<typeof generateKeyPairSync>['publicKey']) =>
    key.export({ type: 'spki', format: 'der' }).toString('base64');

  it('accepts a bundle signed by the pinned key, refuses one signed by an unknown key or with none pinned', async () => {
    const pinned = generateKeyPairSync('ed25519');
    const stranger = generateKeyPairSync('ed25519');

    const good = bundlesFor(signedWith(pinned.privateKey), spki(pinned.publicKey));
    await good.bundles.offered(7);
    expect(good.activated).toEqual([7]);

    const unknown = bundlesFor(signedWith(stranger.privateKey), spki(pinned.publicKey));
    await unknown.bundles.offered(7);
    expect(unknown.activated).toEqual([]);
    expect(unknown.bundles.failed).toBe('bad_signature');
    expect(tree(unknown.dataDir)).toEqual({});

    const none = bundlesFor(signedWith(pinned.privateKey), undefined);
    await none.bundles.offered(7);
    expect(none.activated).toEqual([]);
    expect(none.bundles.failed).toBe('no_pinned_key');
    expect(tree(none.dataDir)).toEqual({});
  });
});
