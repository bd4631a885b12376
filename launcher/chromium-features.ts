/**
 * Chromium features the kiosk's own Chromium turns off (launcher/chromium.ts), and with them the
 * Chromium that the tests and the benchmark drive (tests/e2e/support/chromium-launch.ts).
 *
 * The three WebUI omnibox popups are pages of the browser's own interface (its address bar) that
 * Chromium builds in a renderer of their own for every normal browser window, even in --kiosk. The
 * kiosk's --app window has no address bar and does not build them (checked under Xvfb with Chromium
 * 156); the windows Playwright opens are normal ones and did, taking most of a CPU core while the
 * start screen loaded, so tests and the benchmark measured work a terminal never does. Turned off
 * in both, so that they match, and so that a terminal started without --app does not build them either.
 */
export const KIOSK_DISABLED_FEATURES = [
  'Translate',
  'MediaRouter',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
] as const;

/** Chromium reads only the last --disable-features switch: every feature to turn off goes into one. */
export function disableFeaturesSwitch(features: readonly string[]): string {
  return `--disable-features=${[...new Set(features)].join(',')}`;
}
