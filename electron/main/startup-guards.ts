/**
 * What the Electron shell checks before it opens anything: pure functions of what it was started with,
 * so unit tests drive them with plain values (the shell passes app.isPackaged, process.argv, safeStorage).
 */

export interface StartFacts {
  /** app.isPackaged: an installed build, as on a town's terminal. */
  packaged: boolean;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
}

/**
 * Switches that open the process to a debugger, an inspector or a log of what happens inside it.
 * Chromium and Node read each as `--name`, `--name=value` (Chromium also `-name`, and `/name` on Windows).
 */
const REFUSED_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-debugging-targets',
  'remote-allow-origins',
  'auto-open-devtools-for-tabs',
  'inspect', // also --inspect-brk, --inspect-port, --inspect-publish-uid, --inspect-wait
  'debug', // Node's legacy --debug, --debug-brk, --debug-port
  'js-flags', // V8 flags, e.g. --allow-natives-syntax or a trace to a file
  'enable-logging',
  'log-file',
  'v',
  'vmodule',
] as const;

/** Prefix matches (`inspect` covers `inspect-brk`); the others must match whole. */
const PREFIX_SWITCHES = new Set<string>(['inspect', 'debug']);

function switchName(arg: string, platform: NodeJS.Platform): string | undefined {
  const prefix = /^--?/.exec(arg)?.[0] ?? (platform === 'win32' && arg.startsWith('/') ? '/' : undefined);
  if (!prefix || arg.length === prefix.length) return undefined;
  const name = arg.slice(prefix.length).split('=', 1)[0]!;
  // Chromium lower-cases switch names on Windows.
  return platform === 'win32' ? name.toLowerCase() : name;
}

/** The first debugging switch a packaged build was started with; undefined when none (or not packaged). */
export function refusedDebugSwitch(facts: StartFacts): string | undefined {
  if (!facts.packaged) return undefined;
  for (const arg of facts.argv) {
    const name = switchName(arg, facts.platform);
    if (!name) continue;
    const refused = REFUSED_SWITCHES.some(
      (candidate) => name === candidate || (PREFIX_SWITCHES.has(candidate) && name.startsWith(`${candidate}-`)),
    );
    if (refused) return arg.split('=', 1)[0];
  }
  return undefined;
}

/** The refusal's one line, or undefined to go on. */
export function debugSwitchRefusal(facts: StartFacts): string | undefined {
  const found = refusedDebugSwitch(facts);
  return found
    ? `${found} is refused: an installed kiosk does not start with debugging, inspector or logging switches`
    : undefined;
}

/** DevTools only from a checkout: a packaged build ignores KIOSK_DEBUG. */
export function debugEnabled(facts: Pick<StartFacts, 'packaged' | 'env'>): boolean {
  const value = facts.env.KIOSK_DEBUG;
  return !facts.packaged && Boolean(value) && value !== '0';
}

/** Whether this start is a town's terminal: a packaged build always is; from a checkout only with --production. */
export function isProductionStart(packaged: boolean, flags: { production: boolean }): boolean {
  return packaged || flags.production;
}

/** What safeStorage offers, as the shell reads it after 'ready'. */
export interface KeyStoreFacts {
  platform: NodeJS.Platform;
  encryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend() on Linux; undefined elsewhere. */
  backend?: string;
  /** --allow-plaintext-key-store */
  allowPlaintext: boolean;
}

/** True when the OS gives no real key store, so the master key would lie readable on disk. */
export function keyStoreIsPlaintext(facts: Pick<KeyStoreFacts, 'encryptionAvailable' | 'backend'>): boolean {
  return !facts.encryptionAvailable || facts.backend === 'basic_text';
}

/** The refusal's one line when the key would lie in plain text and the operator did not accept that. */
export function keyStoreRefusal(facts: KeyStoreFacts): string | undefined {
  if (!keyStoreIsPlaintext(facts) || facts.allowPlaintext) return undefined;
  const where =
    facts.platform === 'linux'
      ? `no key ring is running (safeStorage backend ${facts.backend ?? 'unknown'}; install and unlock gnome-keyring or KWallet)`
      : 'the operating system offers no key store to safeStorage';
  return (
    `the master key would be stored in plain text: ${where}. The key would then lie readable in the data ` +
    'folder next to the database, and anyone who can read the disk can decrypt queued applications. To accept ' +
    'that, protect the disk (full-disk encryption, no removable boot) and start with --allow-plaintext-key-store'
  );
}
