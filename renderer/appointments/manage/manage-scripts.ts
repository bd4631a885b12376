import type { TFunction } from 'i18next';
import type { ManagedBooking, Office } from '../../../contract';
import { officeDetailsUtterances } from '../../offices/office-script';
import { officeText } from '../../offices/office-text';
import type { Utterance } from '../../speech/scripts';
import { spokenReference, spokenText } from '../../speech/spoken-text';
import { bookingDate, bookingTime } from '../booking-format';
import { daysScript, timesScript } from '../booking-scripts';
import { stepTitleKey, type ManageStep } from './manage-steps';

/** What each page of "Termin verschieben oder absagen" says, from the same texts as the page. */
const say = (text: string): Utterance => ({ text });

function bookingUtterances(t: TFunction, booking: ManagedBooking, office: Office | undefined, service?: string) {
  const out: Utterance[] = [];
  if (service) out.push(say(`${spokenText(t, 'manageBooking.serviceLabel')}: ${service}`));
  out.push(say(`${spokenText(t, 'booking.dateLabel')}: ${bookingDate(t, booking.timestamp)}`));
  out.push(say(`${spokenText(t, 'booking.timeLabel')}: ${bookingTime(t, booking.timestamp)}`));
  if (office) {
    out.push(say(`${spokenText(t, 'booking.officeLabel')}: ${officeText(t, office, 'name')}`));
    out.push(say(`${spokenText(t, 'booking.entranceLabel')}: ${officeText(t, office, 'access')}`));
  }
  return out;
}

/**
 * The code page's camera (issue 16): closed (its button; `closedByResident` after "Kamera schließen", so the button
 * takes the focus back), the live preview open, or it could not be opened.
 */
export type CameraState = 'closed' | 'closedByResident' | 'open' | 'failed';

/** What the open camera preview says: a QR code that is not a booking code first, then how to hold the slip. */
function cameraUtterances(t: TFunction, otherQr: boolean): Utterance[] {
  return [
    ...(otherQr ? [say(spokenText(t, 'manageCamera.notBookingCode'))] : []),
    say(spokenText(t, 'manageCamera.title')),
    say(spokenText(t, 'manageCamera.guidance')),
    say(spokenText(t, 'manageCamera.privacy')),
    say(spokenText(t, 'manageCamera.close')),
  ];
}

export function manageScript(
  t: TFunction,
  step: ManageStep,
  context: {
    office: Office | undefined;
    desk: Office | undefined;
    service: string | undefined;
    camera?: CameraState;
    otherQr?: boolean;
  },
): Utterance[] {
  const title = say(spokenText(t, stepTitleKey[step.kind]));
  switch (step.kind) {
    case 'code':
      if (context.camera === 'open') return cameraUtterances(t, context.otherQr === true);
      return [
        ...(context.camera === 'failed' ? [say(spokenText(t, 'manageCamera.failed'))] : []),
        ...(step.problem ? [say(spokenText(t, `manageBooking.${step.problem}`))] : []),
        title,
        say(spokenText(t, 'manageBooking.codeLead')),
        say(spokenText(t, 'manageBooking.codeLabel')),
        say(spokenText(t, 'manageBooking.codeHint')),
      ];
    case 'found':
      return [
        title,
        ...bookingUtterances(t, step.booking, context.office, context.service),
        say(spokenText(t, step.booking.serviceId ? 'manageBooking.foundLead' : 'manageBooking.onlyCancel')),
      ];
    case 'confirmCancel':
      return [
        title,
        say(`${bookingDate(t, step.booking.timestamp)}, ${bookingTime(t, step.booking.timestamp)}`),
        say(spokenText(t, 'manageBooking.confirmText')),
        say(spokenText(t, 'manageBooking.confirmYes')),
        say(spokenText(t, 'manageBooking.confirmNo')),
      ];
    case 'cancelled':
      return [title, say(spokenText(t, 'manageBooking.cancelledText'))];
    case 'days':
      return daysScript(t, step.days);
    case 'times':
      return timesScript(t, step.date, step.times, step.taken === true);
    case 'moved':
      return [
        title,
        ...(step.oldCancelled ? [] : [say(spokenText(t, 'manageBooking.oldNotCancelled'))]),
        ...bookingUtterances(t, step.booking, context.office),
        say(`${spokenText(t, 'booking.codeLabel')}: ${spokenReference(step.booking.code)}`),
        say(spokenText(t, 'manageBooking.movedText')),
        say(spokenText(t, 'manageBooking.print')),
      ];
    case 'kept':
      return [title, say(spokenText(t, 'manageBooking.kept')), ...bookingUtterances(t, step.booking, context.office)];
    case 'unavailable':
      return [
        title,
        say(spokenText(t, 'manageBooking.unavailable')),
        ...(context.desk ? officeDetailsUtterances(t, context.desk) : []),
      ];
  }
}
