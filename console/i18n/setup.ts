import i18next, { type i18n as I18n } from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import chartsDe from '../charts/locales/de.json';
import chartsEn from '../charts/locales/en.json';
import de from '../locales/de.json';
import en from '../locales/en.json';

export const CONSOLE_LANGUAGES = ['de', 'en'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];
const LANGUAGE_KEY = 'console.language';

function storedLanguage(): ConsoleLanguage {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'de';
  } catch {
    return 'de';
  }
}

/** German by default, English complete; ICU syntax as in the kiosk ({name}, {count, plural, …}). */
export function createI18n(): I18n {
  const instance = i18next.createInstance();
  void instance
    .use(ICU)
    .use(initReactI18next)
    .init({
      // The usage charts' texts are their own namespace: the public dashboard page uses them too.
      resources: { de: { common: de, charts: chartsDe }, en: { common: en, charts: chartsEn } },
      lng: storedLanguage(),
      fallbackLng: 'de',
      supportedLngs: [...CONSOLE_LANGUAGES],
      ns: ['common', 'charts'],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
      react: { useSuspense: false },
    });
  document.documentElement.lang = instance.language;
  instance.on('languageChanged', (language) => {
    document.documentElement.lang = language;
    try {
      localStorage.setItem(LANGUAGE_KEY, language);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  });
  return instance;
}
