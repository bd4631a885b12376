import type { TFunction } from 'i18next';
import type { OfficeOpening, WaitingTicket } from '../../../contract';

/** When an office takes walk-ins: "Heute Wartenummern bis 12:00 Uhr" or when next, in the office's time zone. */
export function walkInOpeningText(t: TFunction, opening: OfficeOpening | null): string {
  if (!opening) return t('walkIn.never');
  const locale = t('format.locale');
  const at = (iso: string) => {
    const date = new Date(iso);
    return {
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: opening.timeZone }).format(date),
      time: new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: opening.timeZone }).format(date),
    };
  };
  return opening.openNow ? t('walkIn.openNow', at(opening.until)) : t('walkIn.opensAt', at(opening.from));
}

/** "etwa 12 Minuten", or plainly that it is not known. */
export function waitText(t: TFunction, ticket: WaitingTicket): string {
  return ticket.waitingMinutes === null
    ? t('walkIn.waitUnknown')
    : t('walkIn.waitMinutes', { minutes: ticket.waitingMinutes });
}
