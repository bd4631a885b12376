import type { TFunction } from 'i18next';
import type { Office, OfficeOpening } from '../../contract';
import { weeklyHours, type HoursRow } from '../../contract/office-hours';
import { OFFICES_NS, officeTextKey, type OfficeText } from '../../contract/office-keys';

/** An office's name, address or step-free way in, in the page's language (namespace `offices`). */
export function officeText(t: TFunction, office: Office, text: OfficeText): string {
  return t(officeTextKey(office.id, text), { ns: OFFICES_NS });
}

/** The week's hours as shown: from the data, with Intl in the page's locale. */
export function shownHours(t: TFunction, office: Office): HoursRow[] {
  return weeklyHours(office, t('format.locale'));
}

/** The week's hours as spoken: the language's "from … to …" instead of dashes, "12 Uhr" instead of "12:00". */
export function spokenHours(t: TFunction, office: Office): HoursRow[] {
  return weeklyHours(office, t('format.locale'), (from, to) => t('officesScreen.range', { from, to }));
}

/** "Jetzt geöffnet, heute bis 12:00 Uhr." or when it opens next, in the office's time zone. */
export function openingText(t: TFunction, opening: OfficeOpening | null): string {
  if (!opening) return t('officesScreen.closed');
  const locale = t('format.locale');
  const at = (iso: string) => {
    const date = new Date(iso);
    return {
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: opening.timeZone }).format(date),
      time: new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: opening.timeZone }).format(date),
    };
  };
  return opening.openNow ? t('officesScreen.openNow', at(opening.until)) : t('officesScreen.opensAt', at(opening.from));
}
