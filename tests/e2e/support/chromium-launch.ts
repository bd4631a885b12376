import { disableFeaturesSwitch, KIOSK_DISABLED_FEATURES } from '../../../launcher/chromium-features';

/**
 * Debian's Chromium as the tests and the benchmark launch it: no browser download, the flags
 * DESIGN.md §7 verified, and as in the kiosk's own Chromium (launcher/chromium.ts): autoplay, where
 * screens are spoken without a gesture first, and the features the kiosk turns off.
 */
export const CHROMIUM_PATH = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * What Playwright turns off itself, with a --disable-features switch of its own (playwright-core's
 * chromiumSwitches). Chromium reads only the last such switch, so ours repeats them;
 * tests/e2e/chromium-flags.spec.ts fails when a Playwright update adds one that is missing here.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

export const CHROMIUM_TEST_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
  disableFeaturesSwitch([...PLAYWRIGHT_DISABLED_FEATURES, ...KIOSK_DISABLED_FEATURES]),
];
