// @vitest-environment node
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseFlags } from '../../launcher/args';
import { runBrowserMode, StartupError } from '../../launcher/browser-mode';
import { projectPaths } from '../../launcher/paths';
import { openTestCore, peekDb, removeDir, tempDir } from '../fixtures/core-harness';
import { makeRootCa } from '../fixtures/test-pki';
import { createRendererFixture } from './transport-helpers';

/**
 * Bad input in `--portal-config` (or `--ca-file`): the kiosk refuses to start with one line naming the file
 * and the field, before it opens its data, so an outbox that already holds applications is left exactly
 * as it was (rows and file bytes).
 */

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const root = path.resolve(import.meta.dirname, '..', '..');
const DESTINATION = '5f0e8c1a-2b7d-4c3e-9a61-0d4b8e7f2c35';
let dir: string;
let dataDir: string;
let renderer: ReturnType<typeof createRendererFixture>;

const VALID = {
  tokenUrl: 'https://auth.example/token',
  submissionApiUrl: 'https://submission.example',
  clientId: 'stade-kiosk',
  clientSecret: 'a-secret-never-logged',
  destinations: { meldebescheinigung: DESTINATION, sperrmuell: DESTINATION },
  trustedRootCertificate: 'root.pem',
};

beforeAll(async () => {
  dir = tempDir('portal-config-');
  makeRootCa(dir, 'root');
  writeFileSync(
    path.join(dir, 'garbage.pem'),
    '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n',
  );
  renderer = createRendererFixture();
  // An outbox with an application waiting in it (no portal while it was sent).
  const kiosk = openTestCore();
  let view = await kiosk.value('session.start', { serviceId: 'test-feedback', language: 'de' });
  view = await kiosk.value('session.answer', {
    sessionId: view.sessionId,
    stepId: 'message',
    values: { message: 'Hallo' },
  });
  view = await kiosk.value('session.answer', { sessionId: view.sessionId, stepId: 'email', values: {} });
  await kiosk.value('session.submit', { sessionId: view.sessionId });
  kiosk.close();
  dataDir = kiosk.dataDir;
});

afterAll(() => {
  renderer?.cleanup();
  removeDir(dir);
  removeDir(dataDir);
});

function fileDigests(): Record<string, string> {
  const digests: Record<string, string> = {};
  // The -shm file is SQLite's shared-memory index, rebuilt by any reader: the data is in these two.
  for (const name of ['kiosk.db', 'kiosk.db-wal']) {
    const file = path.join(dataDir, name);
    if (existsSync(file)) digests[name] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return digests;
}

function outboxRows(): string {
  return peekDb(dataDir, (db) =>
    JSON.stringify(
      ['outbox', 'outbox_attachments', 'data_keys'].map((table) =>
        (db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[]).map((row) =>
          Object.fromEntries(
            Object.entries(row).map(([column, value]) => [
              column,
              Buffer.isBuffer(value) ? value.toString('hex') : value,
            ]),
          ),
        ),
      ),
    ),
  );
}

/** Starts browser mode against the outbox above with this configuration; resolves to the refusal. */
async function refusal(config: Record<string, unknown>, extraArgs: string[] = []): Promise<Error> {
  const file = path.join(dir, 'portal.json');
  writeFileSync(file, JSON.stringify(config));
  const flags = parseFlags(
    ['--browser', '--no-open', '--port', '0', '--data-dir', dataDir, '--no-hub', '--portal-config', file, ...extraArgs],
    {},
  );
  const outcome = await runBrowserMode(
    flags,
    { ...projectPaths(root), rendererDir: renderer.rendererDir },
    () => {},
  ).then(
    async (stop) => {
      await stop();
      return undefined;
    },
    (error: unknown) => error as Error,
  );
  if (!outcome) throw new Error('the kiosk started');
  return outcome;
}

const without = (field: string) => Object.fromEntries(Object.entries(VALID).filter(([key]) => key !== field));

describe('a bad portal configuration stops the start and leaves the outbox alone', () => {
  it.each([
    ['a missing field', () => without('tokenUrl'), [], /portal\.json is invalid at tokenUrl: /],
    [
      'a missing root certificate setting',
      () => without('trustedRootCertificate'),
      [],
      /invalid at trustedRootCertificate: /,
    ],
    [
      'a service the catalog does not have',
      () => ({ ...VALID, destinations: { ...VALID.destinations, hundesteuer: DESTINATION } }),
      [],
      /invalid at destinations\.hundesteuer: no such service in the catalog \(known: [a-z, -]*\bmeldebescheinigung\b[a-z, -]*\)/,
    ],
    [
      'an unreadable root certificate',
      () => ({ ...VALID, trustedRootCertificate: 'nowhere.pem' }),
      [],
      /invalid at trustedRootCertificate: the certificate file .*nowhere\.pem cannot be read \(ENOENT\)/,
    ],
    [
      'a root certificate file without a valid certificate',
      () => ({ ...VALID, trustedRootCertificate: 'garbage.pem' }),
      [],
      /invalid at trustedRootCertificate: the certificate file .*garbage\.pem is not valid \(certificate 1 cannot be parsed\)/,
    ],
    [
      'an invalid CA file in the configuration',
      () => ({ ...VALID, caFile: 'garbage.pem' }),
      [],
      /invalid at caFile: the certificate file .*garbage\.pem is not valid/,
    ],
    [
      'an unknown field',
      () => ({ ...VALID, trustedRoot: 'root.pem' }),
      [],
      /invalid at \/: Unrecognized key: "trustedRoot"/,
    ],
    [
      'an invalid --ca-file',
      () => VALID,
      ['--ca-file', 'CA_FILE'],
      /^--ca-file: the certificate file .*garbage\.pem is not valid/,
    ],
  ])('%s', async (_case, config, extraArgs, message) => {
    const rowsBefore = outboxRows();
    const filesBefore = fileDigests();
    expect(rowsBefore).toContain('queued');

    const args = (extraArgs as string[]).map((arg) => (arg === 'CA_FILE' ? path.join(dir, 'garbage.pem') : arg));
    const error = await refusal(config(), args);
    expect(error).toBeInstanceOf(StartupError);
    expect(error.message).toMatch(message);
    // One line for the operator, and never the secret.
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain(VALID.clientSecret);

    expect(fileDigests()).toEqual(filesBefore);
    expect(outboxRows()).toBe(rowsBefore);
  });

  it('starts once the configuration is right: each refusal above is for its own reason', async () => {
    const file = path.join(dir, 'portal.json');
    writeFileSync(file, JSON.stringify(VALID));
    const flags = parseFlags(
      ['--browser', '--no-open', '--port', '0', '--data-dir', dataDir, '--no-hub', '--portal-config', file],
      {},
    );
    const lines: string[] = [];
    const stop = await runBrowserMode(flags, { ...projectPaths(root), rendererDir: renderer.rendererDir }, (line) =>
      lines.push(line),
    );
    await stop();
    expect(lines.some((line) => line.startsWith('Bürgerkiosk listening on'))).toBe(true);
  });
});
