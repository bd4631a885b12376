import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlagError, hubOptions, insecureHubLine, parseFlags } from '../../launcher/args';
import { hubForKiosk } from '../../launcher/hub-settings';

describe('hub flags', () => {
  it('takes the hub from --hub-url or KIOSK_HUB_URL, the flag winning, with an optional enrolment code', () => {
    const fromEnv = parseFlags([], { KIOSK_HUB_URL: 'https://hub.stade.local:8443' });
    expect(hubOptions(fromEnv)).toEqual({ hub: { url: 'https://hub.stade.local:8443/' } });
    const flags = parseFlags(['--hub-url', 'http://127.0.0.1:9000', '--hub-enrolment-code=abcd-efgh-jkmn'], {
      KIOSK_HUB_URL: 'https://other.example',
    });
    expect(hubOptions(flags)).toEqual({ hub: { url: 'http://127.0.0.1:9000/', enrolmentCode: 'ABCD-EFGH-JKMN' } });
  });

  it('has no hub by default and refuses bad values', () => {
    expect(hubOptions(parseFlags([], {}))).toEqual({});
    expect(() => parseFlags(['--hub-url', 'ftp://hub'], {})).toThrow(FlagError);
    expect(() => parseFlags(['--hub-url', 'not a url'], {})).toThrow(FlagError);
    // 0, O, 1, I and L are not in the code alphabet.
    expect(() => parseFlags(['--hub-url', 'https://h', '--hub-enrolment-code', 'ABCD-EFGH-IJK0'], {})).toThrow(
      FlagError,
    );
  });

  it('refuses http:// to a hub on another machine unless --allow-insecure-hub, and then says so in one line', () => {
    for (const url of [
      'http://hub.stade.local:8443',
      'http://10.0.0.5',
      'http://[fe80::1]:80',
      'http://127.0.0.1.nip.io',
    ]) {
      expect(() => parseFlags(['--hub-url', url], {}), url).toThrow(
        /http:\/\/ to another machine.*--allow-insecure-hub/,
      );
      expect(() => parseFlags([], { KIOSK_HUB_URL: url }), url).toThrow(FlagError);
    }
    // Loopback (the demo hub, a tunnel on this machine) and https are fine without it.
    for (const url of ['http://127.0.0.1:9000', 'http://127.1.2.3', 'http://localhost:9000', 'http://[::1]:9000']) {
      expect(parseFlags(['--hub-url', url], {}).hubUrl, url).toBeDefined();
    }
    const flags = parseFlags(['--hub-url', 'http://10.0.0.5:8080', '--allow-insecure-hub'], {});
    expect(flags).toMatchObject({ hubUrl: 'http://10.0.0.5:8080/', allowInsecureHub: true });
    const lines: string[] = [];
    hubForKiosk(
      flags,
      { dataDir: '/nonexistent', resourcesDir: '/x', consoleDir: '/x', appVersion: '0', portal: undefined },
      (line) => lines.push(line),
    );
    expect(lines).toEqual([insecureHubLine('http://10.0.0.5:8080/')]);
    expect(lines[0]).toMatch(
      /^Warning: the help-desk hub http:\/\/10\.0\.0\.5:8080 is reached over http:\/\/ without TLS/,
    );
    // A secure or local hub: nothing said.
    const quiet: string[] = [];
    hubForKiosk(
      parseFlags(['--hub-url', 'https://hub.stade.local'], {}),
      { dataDir: '/nonexistent', resourcesDir: '/x', consoleDir: '/x', appVersion: '0', portal: undefined },
      (line) => quiet.push(line),
    );
    expect(quiet).toEqual([]);
  });
});

const START = join(import.meta.dirname, '..', '..', 'dist', 'node', 'start.mjs');

/** The built launcher as a process (from outside): `npm run build` first; skipped without a build. */
describe.skipIf(!existsSync(START))('the launcher with an http:// hub to another machine', () => {
  it('refuses to start, in one line', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-insecure-hub-'));
    try {
      const run = spawnSync(
        process.execPath,
        [START, '--browser', '--no-open', '--port', '0', '--data-dir', dataDir, '--hub-url', 'http://192.0.2.10:8080'],
        { encoding: 'utf8', timeout: 30_000 },
      );
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        'Bürgerkiosk could not start: --hub-url http://192.0.2.10:8080 is http:// to another machine: use https://, or --allow-insecure-hub on a test network',
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
