/**
 * Chromium features the kiosk's own Chromium turns off (launcher/chromium.ts), and with them the
 * Chromium that the tests and the benchmark drive (tests/e2e/support/chromium-launch.ts).
 *
 * The three WebUI omnibox popups are pages of the browser's own interface that Chromium builds for
 * every new window, in a renderer of their own, whether or not an address bar is shown. A kiosk has
 * none; building them took most of a CPU core for the first second, while the start screen loaded.
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
