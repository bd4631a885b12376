import type { Plugin } from 'vite';

/** The module of react-aria that works out the browser's locale when it is first imported. */
const DEFAULT_LOCALE_MODULE = /react-aria\/dist\/private\/i18n\/useDefaultLocale\.m?js$/;

/** `Intl.DateTimeFormat.supportedLocalesOf([locale]);`, whatever the whitespace inside the brackets. */
const LOCALE_PROBE = /Intl\.DateTimeFormat\.supportedLocalesOf\(\[\s*locale\s*\]\);/;

/**
 * Removes react-aria's check that the browser's own language is one Intl supports. The check runs
 * when the bundle is evaluated, and it is the first Intl call that needs the date-format data: V8
 * then lists every locale it has, 30–40 ms on a terminal's CPU before the start screen can render.
 * The kiosk's Chromium always reports a valid language tag, so the check can never fail there.
 * Throws if the check is no longer there, so that a react-aria update is looked at, not missed.
 */
export function removeLocaleProbe(source: string): string {
  if (!LOCALE_PROBE.test(source)) {
    throw new Error('skip-locale-probe: react-aria changed useDefaultLocale; check build/skip-locale-probe.ts');
  }
  return source.replace(LOCALE_PROBE, '');
}

export function skipLocaleProbe(): Plugin {
  return {
    name: 'kiosk-skip-locale-probe',
    transform(code, id) {
      return DEFAULT_LOCALE_MODULE.test(id.split('?')[0]!) ? { code: removeLocaleProbe(code), map: null } : null;
    },
  };
}
