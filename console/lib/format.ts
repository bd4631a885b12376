import type { TFunction } from 'i18next';

/** "4 Min. 05 s" from a start time; never negative when the hub's clock is a little ahead. */
export function waitingTime(t: TFunction, since: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  const minutes = Math.floor(seconds / 60);
  return t('time.waiting', { minutes, seconds: String(seconds % 60).padStart(2, '0') });
}

export function dateTime(language: string, iso: string | null): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(new Date(iso));
}
