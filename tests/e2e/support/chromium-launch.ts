/**
 * Debian's Chromium as the tests and the benchmark launch it: no browser download, the flags
 * DESIGN.md §7 verified, and autoplay as in the kiosk's own Chromium (launcher/chromium.ts),
 * where screens are spoken without a gesture first.
 */
export const CHROMIUM_PATH = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_TEST_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
];
