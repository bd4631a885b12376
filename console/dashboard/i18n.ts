import i18next, { type i18n as I18n } from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import chartsDe from '../charts/locales/de.json';
import chartsEn from '../charts/locales/en.json';
import de from './locales/de.json';
import en from './locales/en.json';

const LANGUAGE_KEY = 'dashboard.language';

function storedLanguage(): 'de' | 'en' {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'de';
  } catch {
    return 'de';
  }
}

/** German by default, English complete; the page's own texts are "common", the charts' texts "charts". */
export function createDashboardI18n(): I18n {
  const instance = i18next.createInstance();
  void instance
    .use(ICU)
    .use(initReactI18next)
    .init({
      resources: { de: { common: de, charts: chartsDe }, en: { common: en, charts: chartsEn } },
      lng: storedLanguage(),
      fallbackLng: 'de',
      supportedLngs: ['de', 'en'],
      ns: ['common', 'charts'],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
      react: { useSuspense: false },
    });
  const apply = (language: string) => {
    document.documentElement.lang = language;
    document.title = instance.t('page.documentTitle');
  };
  apply(instance.language);
  instance.on('languageChanged', (language) => {
    apply(language);
    try {
      localStorage.setItem(LANGUAGE_KEY, language);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  });
  return instance;
}
