import type { i18n as I18n } from 'i18next';
import type { ApiErrorCode, KioskBridge, LanguageCode } from '../../contract';
import { DEFAULT_LANGUAGE } from '../../contract/languages';
import { addNamespaces, COMMON_NS } from './setup';

type LocaleModule = { default: Record<string, unknown> };
/** Every language but German (DEFAULT_LANGUAGE), whose texts are bundled. */
type LoadedLanguage = Exclude<LanguageCode, 'de'>;

/**
 * The UI texts of every language but German, each its own Vite chunk: the start
 * screen's payload carries German only (cold start), and a language costs one
 * small request when a resident chooses it. `satisfies` makes a language added
 * to contract/languages.ts without a locale file a type error.
 */
export const COMMON_LOCALES = {
  'de-x-ls': () => import('../locales/de-x-ls.json'),
  en: () => import('../locales/en.json'),
  tr: () => import('../locales/tr.json'),
  ar: () => import('../locales/ar.json'),
  ru: () => import('../locales/ru.json'),
  uk: () => import('../locales/uk.json'),
  pl: () => import('../locales/pl.json'),
} satisfies Record<LoadedLanguage, () => Promise<LocaleModule>>;

export class LanguageLoadError extends Error {
  constructor(readonly code: ApiErrorCode) {
    super(`catalog.translations refused: ${code}`);
  }
}

/**
 * Makes a language ready to show: its UI texts (chunk) and its service texts
 * (`catalog.translations`), fetched together, once. German is always there. Rejects with the bridge's
 * NetworkError while the core is away, or LanguageLoadError when it refuses;
 * a failed load is tried again next time.
 */
export function createLanguageLoader(instance: I18n, bridge: KioskBridge): (language: LanguageCode) => Promise<void> {
  const loading = new Map<LanguageCode, Promise<void>>();
  async function load(language: LoadedLanguage): Promise<void> {
    const [common, services] = await Promise.all([
      COMMON_LOCALES[language](),
      bridge.call('catalog.translations', { language }),
    ]);
    if (!services.ok) throw new LanguageLoadError(services.error.code);
    instance.addResourceBundle(language, COMMON_NS, common.default, true, true);
    addNamespaces(instance, language, services.value.translations);
  }
  return (language) => {
    // German came with the start screen (bundle and catalog.get).
    if (language === DEFAULT_LANGUAGE) return Promise.resolve();
    let pending = loading.get(language);
    if (!pending) {
      pending = load(language as LoadedLanguage);
      loading.set(language, pending);
      pending.catch(() => loading.delete(language));
    }
    return pending;
  };
}

/** Whether a language's texts are there (the loader adds UI and service texts together). */
export function isLanguageReady(instance: I18n, language: LanguageCode): boolean {
  return language === DEFAULT_LANGUAGE || instance.hasResourceBundle(language, COMMON_NS);
}
