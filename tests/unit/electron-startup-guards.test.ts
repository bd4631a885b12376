// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  debugEnabled,
  debugSwitchRefusal,
  isProductionStart,
  keyStoreRefusal,
  refusedDebugSwitch,
  type StartFacts,
} from '../../electron/main/startup-guards';

/** What the shell reads from app.isPackaged and process (Electron itself cannot load in these tests). */
function facts(argv: string[], overrides: Partial<StartFacts> = {}): StartFacts {
  return { packaged: true, argv, env: {}, platform: 'linux', ...overrides };
}

describe('debugging switches', () => {
  it.each([
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-port', '9222'],
    ['--remote-debugging-pipe'],
    ['--inspect'],
    ['--inspect=0'],
    ['--inspect-brk=9229'],
    ['--inspect-port=9229'],
    ['--js-flags=--allow-natives-syntax'],
    ['--enable-logging'],
    ['--enable-logging=stderr'],
    ['-remote-debugging-port=9222'],
    ['--auto-open-devtools-for-tabs'],
    ['--v=1'],
  ])('a packaged build refuses %s', (...argv) => {
    const refusal = debugSwitchRefusal(facts(['--data-dir', '/var/lib/kiosk', ...argv]));
    expect(refusal).toMatch(/is refused: an installed kiosk does not start with debugging/);
    expect(refusal!.startsWith(argv[0]!.split('=')[0]!)).toBe(true);
  });

  it('reads Windows switches with a slash and in any case', () => {
    expect(refusedDebugSwitch(facts(['/Remote-Debugging-Port=9222'], { platform: 'win32' }))).toBe(
      '/Remote-Debugging-Port',
    );
    // On Linux a leading slash is a path, not a switch.
    expect(refusedDebugSwitch(facts(['/inspect']))).toBeUndefined();
  });

  it('lets the kiosk flags and values that only look alike through', () => {
    const argv = ['--data-dir', '/var/lib/inspect', '--portal-config=/etc/js-flags.json', '--production', '--verbose'];
    expect(debugSwitchRefusal(facts(argv))).toBeUndefined();
    expect(refusedDebugSwitch(facts(['--inspector-of-nothing']))).toBeUndefined();
  });

  it('refuses nothing from a checkout (Playwright drives Electron through --inspect and remote debugging)', () => {
    expect(
      debugSwitchRefusal(facts(['--inspect=0', '--remote-debugging-port=0'], { packaged: false })),
    ).toBeUndefined();
  });
});

describe('KIOSK_DEBUG', () => {
  it('turns DevTools on only from a checkout', () => {
    expect(debugEnabled({ packaged: false, env: { KIOSK_DEBUG: '1' } })).toBe(true);
    expect(debugEnabled({ packaged: false, env: { KIOSK_DEBUG: '0' } })).toBe(false);
    expect(debugEnabled({ packaged: false, env: {} })).toBe(false);
    expect(debugEnabled({ packaged: true, env: { KIOSK_DEBUG: '1' } })).toBe(false);
  });
});

describe('production', () => {
  it('is every packaged build, and a checkout started with --production', () => {
    expect(isProductionStart(true, { production: false })).toBe(true);
    expect(isProductionStart(false, { production: true })).toBe(true);
    expect(isProductionStart(false, { production: false })).toBe(false);
  });
});

describe('the master key store', () => {
  it("refuses Linux 'basic_text' without the opt-in, and says what it means", () => {
    const refusal = keyStoreRefusal({
      platform: 'linux',
      encryptionAvailable: true,
      backend: 'basic_text',
      allowPlaintext: false,
    });
    expect(refusal).toMatch(/plain text/);
    expect(refusal).toMatch(/basic_text/);
    expect(refusal).toMatch(/readable in the data folder next to the database/);
    expect(refusal).toMatch(/protect the disk/);
    expect(refusal).toMatch(/--allow-plaintext-key-store/);
  });

  it('refuses an OS without any key store the same way', () => {
    expect(keyStoreRefusal({ platform: 'win32', encryptionAvailable: false, allowPlaintext: false })).toMatch(
      /--allow-plaintext-key-store/,
    );
  });

  it('accepts plain text with the opt-in, and a real key store without one', () => {
    expect(
      keyStoreRefusal({ platform: 'linux', encryptionAvailable: true, backend: 'basic_text', allowPlaintext: true }),
    ).toBeUndefined();
    for (const backend of ['gnome_libsecret', 'kwallet5', 'kwallet6']) {
      expect(keyStoreRefusal({ platform: 'linux', encryptionAvailable: true, backend, allowPlaintext: false })).toBe(
        undefined,
      );
    }
    expect(keyStoreRefusal({ platform: 'win32', encryptionAvailable: true, allowPlaintext: false })).toBeUndefined();
  });
});
