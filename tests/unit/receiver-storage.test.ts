// @vitest-environment node
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReceiverKeys, listReceivedFromDataDir, METADATA_SCHEMA_ID, type ReceiverKeySet } from '../../receiver';
import { parseReceiverFlags, ReceiverFlagError } from '../../receiver/cli-args';
import { runReceiverCli } from '../../receiver/main';
import bundledMetadataSchema from '../../resources/fit-connect/metadata.schema.v1.0.0.json';
import {
  startTestReceiver,
  START_TIMEOUT_MS,
  TestSender,
  VALID_MELDE_DATA,
  type TestReceiver,
} from './receiver-test-sender';

const CANARY = 'Kanarienvogel-7Q3';

describe('reference receiver: storage, restart and CLI', () => {
  let running: TestReceiver;
  let keySet: ReceiverKeySet;
  const logLines: string[] = [];

  beforeAll(async () => {
    keySet = await generateReceiverKeys();
    running = await startTestReceiver({ log: (line) => logLines.push(line), initialKeys: keySet });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await running?.cleanup();
  });

  it('keeps its keys and what it received across a restart, in a WAL database with STRICT tables', async () => {
    const sender = new TestSender(running.receiver.url);
    const sent = await sender.submit({ data: { ...VALID_MELDE_DATA, familyName: CANARY } });
    expect((await sender.decision(sent.caseId, running.receiver)).event).toBe('accept-submission');
    const kids = running.receiver.kids();
    await running.receiver.close();

    const db = new Database(path.join(running.dataDir, 'receiver.db'), { readonly: true });
    expect(String(db.pragma('journal_mode', { simple: true })).toLowerCase()).toBe('wal');
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as Array<{
      name: string;
      sql: string;
    }>;
    expect(tables.map((table) => table.name).sort()).toEqual(['attachments', 'events', 'keys', 'submissions']);
    for (const table of tables) expect(table.sql).toMatch(/\) STRICT$/);
    db.close();

    const fromDisk = await listReceivedFromDataDir(running.dataDir);
    expect(fromDisk.find((r) => r.submissionId === sent.submissionId)?.data).toMatchObject({ familyName: CANARY });

    const restarted = await startTestReceiver({}, running.dataDir);
    running = restarted;
    expect(restarted.receiver.kids()).toEqual(kids);
    const again = new TestSender(restarted.receiver.url);
    expect((await again.events(sent.caseId)).length).toBe(3);
  });

  it('starts further receivers with a prepared key set instead of generating keys', async () => {
    const expected = {
      encryption: keySet.encryption.kid,
      subscriberSigning: keySet['subscriber-signing'].kid,
      serviceSigning: keySet['service-signing'].kid,
    };
    expect(running.receiver.kids()).toEqual(expected);
    const second = await startTestReceiver({ initialKeys: keySet });
    try {
      expect(second.receiver.kids()).toEqual(expected);
      expect(second.dataDir).not.toBe(running.dataDir);
    } finally {
      await second.cleanup();
    }
  });

  it('stores applications only encrypted and never logs personal data or secrets', async () => {
    // Every file, the demo CA's folder included.
    for (const file of readdirSync(running.dataDir, { recursive: true }) as string[]) {
      const full = path.join(running.dataDir, file);
      if (statSync(full).isDirectory()) continue;
      expect(readFileSync(full).includes(CANARY), file).toBe(false);
    }
    const log = logLines.join('\n');
    expect(log).toContain('subscriber.decided');
    expect(log).not.toContain(CANARY);
    expect(log).not.toContain('test-secret');
    expect(log).not.toMatch(/access_token|Bearer /);
  });

  it('bundles the official FIT-Connect metadata schema 1.0.0 unchanged', () => {
    expect(METADATA_SCHEMA_ID).toBe('https://schema.fitko.de/fit-connect/metadata/1.0.0/metadata.schema.json');
    const shared = fileURLToPath(new URL('../../../shared/fit-connect/metadata.schema.v1.0.0.json', import.meta.url));
    if (existsSync(shared)) expect(bundledMetadataSchema).toEqual(JSON.parse(readFileSync(shared, 'utf8')));
  });

  it('parses the standalone flags', () => {
    expect(parseReceiverFlags(['--port', '0', '--data-dir', '/tmp/x', '--quiet', '--demo'], {})).toMatchObject({
      port: 0,
      dataDir: '/tmp/x',
      quiet: true,
      clientId: 'buergerkiosk',
      demo: true,
    });
    const env = { RECEIVER_DATA_DIR: '/data', RECEIVER_CLIENT_ID: 'k', RECEIVER_CLIENT_SECRET: 'a-secret-of-its-own' };
    expect(parseReceiverFlags([], env)).toMatchObject({
      port: 8090,
      dataDir: '/data',
      clientId: 'k',
    });
    expect(() => parseReceiverFlags(['--port', 'x'], {})).toThrow('--port');
    expect(() => parseReceiverFlags(['--nope'], {})).toThrow('unknown flag');
  });

  it('refuses the published default client secret unless --demo (issue 17)', () => {
    expect(() => parseReceiverFlags(['--port', '0'], {})).toThrow(/published default.*RECEIVER_CLIENT_SECRET.*--demo/);
    expect(() => parseReceiverFlags([], { RECEIVER_CLIENT_SECRET: 'local-demo-secret' })).toThrow(ReceiverFlagError);
    expect(parseReceiverFlags(['--demo'], {})).toMatchObject({ clientSecret: 'local-demo-secret', demo: true });
    expect(parseReceiverFlags([], { RECEIVER_CLIENT_SECRET: 'a-secret-of-its-own' }).demo).toBe(false);
  });

  it('runs standalone: prints its URL and serves until stopped', async () => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    let stop: (() => Promise<void>) | undefined;
    try {
      stop = await runReceiverCli(
        parseReceiverFlags(['--port', '0', '--data-dir', running.dataDir, '--quiet', '--demo'], {}),
      );
    } finally {
      process.stdout.write = write;
    }
    try {
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(lines.join(''))?.[1];
      expect(url).toBeDefined();
      expect((await fetch(`${url}/.well-known/jwks.json`)).status).toBe(200);
      // The token, printed once: the demo link carries it, and the admin calls take it in their header.
      const printed = lines.join('');
      const demoLink = /received applications: (http:\S+\/demo\?token=[\w-]+)/.exec(printed)?.[1];
      const adminToken = /admin token \(POST \/__admin\/\*, header x-receiver-token\): ([\w-]+)/.exec(printed)?.[1];
      expect((await fetch(demoLink!)).status).toBe(200);
      expect((await fetch(`${url}/demo`)).status).toBe(401);
      const counts = await fetch(`${url}/__admin/requests`, {
        method: 'POST',
        headers: { 'x-receiver-token': adminToken! },
      });
      expect(counts.status).toBe(200);
      expect(printed.split(adminToken!).length - 1).toBe(2);
    } finally {
      await stop?.();
    }
  });
});
