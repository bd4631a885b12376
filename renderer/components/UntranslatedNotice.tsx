import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../contract';
import { useKiosk } from '../app/context';
import { Notice } from './Notice';

/**
 * A service not (fully) translated into the language on screen shows in German there (the core hands
 * the German texts for it: core/catalog/load-catalog.ts), and says so in that language.
 */
export function isUntranslated(catalog: Catalog | null, serviceId: string, language: string): boolean {
  return catalog?.untranslated?.[serviceId]?.some((code) => code === language) ?? false;
}

/** Whether the service shows in German in the current language. */
export function useServiceUntranslated(serviceId: string): boolean {
  const { i18n } = useTranslation();
  const { state } = useKiosk();
  return isUntranslated(state.catalog, serviceId, i18n.language);
}

export function UntranslatedNotice({ serviceId }: { serviceId: string }) {
  const { t } = useTranslation();
  if (!useServiceUntranslated(serviceId)) return null;
  return <Notice text={t('serviceUntranslated.notice')} />;
}
