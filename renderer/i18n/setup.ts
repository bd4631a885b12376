import i18next, { type i18n as I18n } from 'i18next';
import { IntlMessageFormat } from 'intl-messageformat';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGE_CODES, LANGUAGES } from '../../contract/languages';
import de from '../locales/de.json';
import { bidiPostProcessor } from './bidi';
import { plainTextIcu } from './plain-text-icu';

export const COMMON_NS = 'common';

// Every kiosk language is one Chromium has data for. Asking Intl which of them it supports (the
// library's default) makes V8 build its list of all available number-format locales on the first
// message, tens of milliseconds on a terminal's CPU while the resident waits for the first screen.
IntlMessageFormat.resolveLocale = (locales) => new Intl.Locale(typeof locales === 'string' ? locales : locales[0]!);

/**
 * One i18next instance for the renderer. ICU syntax everywhere: {name}, {count, plural, …}.
 * Only German is bundled with the start screen; every other language is added by
 * `createLanguageLoader` (./load-language.ts) when the resident chooses it.
 */
export function createI18n(): I18n {
  const instance = i18next.createInstance();
  void instance
    .use(plainTextIcu())
    .use(initReactI18next)
    .use(bidiPostProcessor)
    .init({
      resources: { [DEFAULT_LANGUAGE]: { common: de } },
      lng: DEFAULT_LANGUAGE,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGE_CODES],
      // 'de-x-ls' is a language of its own here, not German with a fallback chain.
      nonExplicitSupportedLngs: false,
      load: 'currentOnly',
      ns: [COMMON_NS],
      defaultNS: COMMON_NS,
      fallbackNS: COMMON_NS,
      interpolation: { escapeValue: false },
      returnNull: false,
      // Phone numbers, dates and postcodes keep their order in Arabic (./bidi.ts).
      postProcess: ['bidiNumbers'],
      initAsync: false,
      react: { useSuspense: false },
    });
  return instance;
}

export function addNamespaces(instance: I18n, language: string, namespaces: Record<string, Record<string, unknown>>) {
  for (const [namespace, resources] of Object.entries(namespaces)) {
    instance.addResourceBundle(language, namespace, resources, true, true);
  }
}

/** Sets <html lang> and dir so screen readers and layout follow the chosen language. */
export function applyDocumentLanguage(language: string): void {
  const entry = LANGUAGES.find((candidate) => candidate.code === language);
  document.documentElement.lang = language;
  document.documentElement.dir = entry?.dir ?? 'ltr';
}
