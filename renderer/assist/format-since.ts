import type { TFunction } from 'i18next';

/** "10:42" in the screen's locale: when the resident called for help (a clock time, not a duration). */
export function formatSince(iso: string, t: TFunction): string {
  return new Intl.DateTimeFormat(t('format.locale', { ns: 'common' }), { hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}
