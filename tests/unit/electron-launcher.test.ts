// @vitest-environment node
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PORT, FlagError, idleOptions, parseFlags } from '../../launcher/args';
import { chromiumArgs, hasDisplay } from '../../launcher/chromium';
import { findElectronBinary } from '../../launcher/electron-binary';

describe('launcher flags (shared with the Electron main process)', () => {
  it('has sensible defaults', () => {
    expect(parseFlags([], {})).toEqual({
      browser: false,
      noOpen: false,
      help: false,
      port: DEFAULT_PORT,
      noPortal: false,
      noHub: false,
      allowInsecureHub: false,
      production: false,
      allowPlaintextKeyStore: false,
      noAppointments: false,
    });
  });

  it('reads --production, KIOSK_PRODUCTION=1 and --allow-plaintext-key-store', () => {
    expect(parseFlags(['--production'], {}).production).toBe(true);
    expect(parseFlags([], { KIOSK_PRODUCTION: '1' }).production).toBe(true);
    expect(parseFlags([], { KIOSK_PRODUCTION: '0' }).production).toBe(false);
    expect(parseFlags(['--allow-plaintext-key-store'], {}).allowPlaintextKeyStore).toBe(true);
  });

  it('parses every flag, in both --flag value and --flag=value form', () => {
    const flags = parseFlags(
      [
        '--browser',
        '--no-open',
        '--port',
        '0',
        '--data-dir=/tmp/k',
        '--idle-timeout',
        '90',
        '--idle-warning=25',
        '--portal-config',
        '/etc/kiosk/portal.json',
        '--no-portal',
        '--no-hub',
        '--appointments-config=/etc/kiosk/zms.json',
        '--no-appointments',
      ],
      {},
    );
    expect(flags).toEqual({
      browser: true,
      noOpen: true,
      help: false,
      port: 0,
      dataDir: '/tmp/k',
      idleTimeoutS: 90,
      idleWarningS: 25,
      portalConfig: '/etc/kiosk/portal.json',
      noPortal: true,
      noHub: true,
      allowInsecureHub: false,
      production: false,
      allowPlaintextKeyStore: false,
      appointmentsConfig: '/etc/kiosk/zms.json',
      noAppointments: true,
    });
    expect(idleOptions(flags)).toEqual({ idleTimeoutMs: 90_000, idleWarningMs: 25_000 });
  });

  it('reads KIOSK_DATA_DIR and the idle variables, with flags taking precedence', () => {
    const env = {
      KIOSK_DATA_DIR: '/env/dir',
      KIOSK_IDLE_TIMEOUT_S: '300',
      KIOSK_IDLE_WARNING_S: '40',
      KIOSK_PORTAL_CONFIG: '/env/portal.json',
    };
    expect(parseFlags([], env)).toMatchObject({
      dataDir: '/env/dir',
      idleTimeoutS: 300,
      idleWarningS: 40,
      portalConfig: '/env/portal.json',
    });
    expect(parseFlags(['--data-dir', '/flag/dir', '--idle-timeout', '60'], env)).toMatchObject({
      dataDir: '/flag/dir',
      idleTimeoutS: 60,
      idleWarningS: 40,
    });
  });

  it.each([
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--port']],
    [['--data-dir', '--browser']],
    [['--idle-timeout', '0']],
    [['--idle-warning', '-5']],
    [['--unknown']],
  ])('refuses %j with a clear message', (argv) => {
    expect(() => parseFlags(argv, {})).toThrow(FlagError);
  });

  it('takes the receipt printer from --printer or KIOSK_PRINTER, the flag winning, and checks the name', () => {
    expect(parseFlags([], {}).printer).toBeUndefined();
    expect(parseFlags([], { KIOSK_PRINTER: 'Bon_Drucker' }).printer).toBe('Bon_Drucker');
    expect(parseFlags(['--printer', 'Foyer-80mm'], { KIOSK_PRINTER: 'Bon_Drucker' }).printer).toBe('Foyer-80mm');
    expect(parseFlags(['--printer=Foyer-80mm'], {}).printer).toBe('Foyer-80mm');
    // Windows names have spaces; a shared printer is \\server\queue.
    for (const name of ['EPSON TM-T88VI Receipt', '\\\\druckserver\\Bon 1', 'x'.repeat(200)])
      expect(parseFlags(['--printer', name], {}).printer).toBe(name);
    for (const name of [' padded', 'padded ', 'line\nbreak', 'tab\there', 'x'.repeat(201)]) {
      expect(() => parseFlags(['--printer', name], {}), name).toThrow(FlagError);
    }
    expect(() => parseFlags(['--printer'], {})).toThrow(FlagError);
  });

  it('ignores foreign switches when lenient (Electron and test drivers add their own)', () => {
    const flags = parseFlags(
      ['/app/main.cjs', '--inspect=0', '--remote-debugging-port=0', '--data-dir', '/d'],
      {},
      false,
    );
    expect(flags).toMatchObject({ dataDir: '/d', browser: false });
  });
});

describe('Chromium kiosk launch', () => {
  it('starts a locked-down kiosk app window with a throw-away profile', () => {
    const args = chromiumArgs('http://127.0.0.1:8080/', '/tmp/profile-x', false);
    for (const expected of [
      '--kiosk',
      '--kiosk-printing',
      '--app=http://127.0.0.1:8080/',
      '--incognito',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--disable-pinch',
      '--overscroll-history-navigation=0',
      '--user-data-dir=/tmp/profile-x',
    ]) {
      expect(args).toContain(expected);
    }
    expect(args).not.toContain('--no-sandbox');
    expect(chromiumArgs('http://127.0.0.1:8080/', '/tmp/p', true)).toContain('--no-sandbox');
  });

  it('turns its features off in one --disable-features switch (Chromium reads only the last one)', () => {
    const switches = chromiumArgs('http://127.0.0.1:8080/', '/tmp/p', false).filter((arg) =>
      arg.startsWith('--disable-features='),
    );
    expect(switches).toHaveLength(1);
    const features = switches[0]!.slice('--disable-features='.length).split(',');
    expect(features).toEqual(expect.arrayContaining(['Translate', 'MediaRouter', 'WebUIOmniboxPopup']));
  });

  it('knows when Linux has no display', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'win32')).toBe(true);
  });
});

describe('Electron binary detection (without loading the electron package)', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });
  function fakeProject(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'kiosk-electron-'));
    roots.push(root);
    mkdirSync(path.join(root, 'node_modules', 'electron'), { recursive: true });
    return root;
  }

  it('finds nothing without path.txt (binary never downloaded)', () => {
    expect(findElectronBinary(fakeProject(), {})).toBeNull();
  });

  it('finds nothing when path.txt names a binary that is missing', () => {
    const root = fakeProject();
    writeFileSync(path.join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(findElectronBinary(root, {})).toBeNull();
  });

  it('finds the binary that path.txt names under dist/', () => {
    const root = fakeProject();
    writeFileSync(path.join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    mkdirSync(path.join(root, 'node_modules', 'electron', 'dist'));
    const binary = path.join(root, 'node_modules', 'electron', 'dist', 'electron');
    writeFileSync(binary, '#!/bin/sh\n');
    chmodSync(binary, 0o755);
    expect(findElectronBinary(root, {})).toBe(binary);
  });
});
