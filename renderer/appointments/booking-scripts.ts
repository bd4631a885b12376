import type { TFunction } from 'i18next';
import type { BookedTime, BookingFreeTime, Office } from '../../contract';
import { officeDetailsUtterances } from '../offices/office-script';
import { officeText } from '../offices/office-text';
import type { Utterance } from '../speech/scripts';
import { spokenReference, spokenText } from '../speech/spoken-text';
import { bookingDate, bookingDay, bookingLocalDate, bookingTime, dayPart } from './booking-format';

/** What each booking screen says (issue 16), from the same texts as the screen. */
const say = (text: string): Utterance => ({ text });

export function daysScript(t: TFunction, days: readonly { date: string; freeTimes: number }[]): Utterance[] {
  const out = [say(spokenText(t, 'booking.daysTitle'))];
  if (days.length === 0) return [...out, say(spokenText(t, 'booking.noDays'))];
  out.push(say(spokenText(t, 'booking.daysLead')));
  for (const day of days) {
    out.push(say(`${bookingDay(t, day.date)}: ${spokenText(t, 'booking.dayFree', { count: day.freeTimes })}`));
  }
  return out;
}

export function timesScript(
  t: TFunction,
  date: string,
  times: readonly BookingFreeTime[],
  taken: boolean,
): Utterance[] {
  const out = [say(spokenText(t, 'booking.timesTitle'))];
  if (taken) out.unshift(say(spokenText(t, 'booking.taken')));
  out.push(say(taken ? spokenText(t, 'booking.nextTimes') : bookingDay(t, date)));
  for (const day of [...new Set(times.map((time) => bookingLocalDate(time.timestamp)))]) {
    for (const part of ['morning', 'afternoon'] as const) {
      const inPart = times.filter(
        (time) => bookingLocalDate(time.timestamp) === day && dayPart(time.timestamp) === part,
      );
      if (inPart.length === 0) continue;
      const partName = spokenText(t, `booking.${part}`);
      const heading = taken ? `${bookingDay(t, day)}, ${partName}` : partName;
      out.push(say(`${heading}: ${inPart.map((time) => bookingTime(t, time.timestamp)).join(', ')}`));
    }
  }
  if (times.length === 0) out.push(say(spokenText(t, 'booking.noTimes')));
  return out;
}

export function nameScript(t: TFunction, held: BookingFreeTime): Utterance[] {
  const values = { date: bookingDate(t, held.timestamp), time: bookingTime(t, held.timestamp) };
  return [
    say(spokenText(t, 'booking.nameTitle')),
    say(spokenText(t, 'booking.nameLead', values)),
    say(spokenText(t, 'booking.nameLabel')),
    say(spokenText(t, 'booking.phoneLabel')),
  ];
}

export function bookedScript(t: TFunction, booking: BookedTime, office: Office | undefined): Utterance[] {
  const out = [
    say(spokenText(t, 'booking.doneTitle')),
    say(`${spokenText(t, 'booking.dateLabel')}: ${bookingDate(t, booking.timestamp)}`),
    say(`${spokenText(t, 'booking.timeLabel')}: ${bookingTime(t, booking.timestamp)}`),
  ];
  if (office) {
    out.push(say(`${spokenText(t, 'booking.officeLabel')}: ${officeText(t, office, 'name')}`));
    out.push(say(`${spokenText(t, 'booking.entranceLabel')}: ${officeText(t, office, 'access')}`));
  }
  const code = `${spokenText(t, 'booking.codeLabel')}: ${spokenReference(booking.code)}`;
  out.push(say(code), say(spokenText(t, 'booking.doneText')));
  return out;
}

export function unavailableScript(t: TFunction, office: Office | undefined): Utterance[] {
  return [
    say(spokenText(t, 'booking.unavailableTitle')),
    say(spokenText(t, 'booking.unavailable')),
    ...(office ? officeDetailsUtterances(t, office) : []),
  ];
}

/** The visit page's booking part: the action, the booked time, or where to ask for one without booking. */
export function visitBookingScript(
  t: TFunction,
  offer: 'bookable' | 'not-offered' | 'off' | undefined,
  booked: BookedTime | undefined,
  office: Office | undefined,
): Utterance[] {
  if (booked) return [say(spokenText(t, 'booking.bookedHeading')), ...bookedScript(t, booked, office).slice(1, -1)];
  if (offer === 'bookable') return [say(spokenText(t, 'booking.heading')), say(spokenText(t, 'booking.actionText'))];
  if (offer === 'off') return [say(spokenText(t, 'booking.heading')), say(spokenText(t, 'booking.off'))];
  return [];
}
