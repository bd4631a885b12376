import type { BookingFreeTime, ManagedBooking } from '../../../contract';

/** The steps of "Termin verschieben oder absagen", each a page of its own. */
export type ManageStep =
  | { kind: 'code'; problem?: CodeProblem }
  | { kind: 'found'; booking: ManagedBooking }
  | { kind: 'confirmCancel'; booking: ManagedBooking }
  | { kind: 'cancelled' }
  | { kind: 'days'; booking: ManagedBooking; days: { date: string; freeTimes: number }[] }
  | { kind: 'times'; booking: ManagedBooking; date: string; times: BookingFreeTime[]; taken?: boolean }
  | { kind: 'moved'; booking: ManagedBooking; oldCancelled: boolean }
  | { kind: 'kept'; booking: ManagedBooking }
  | { kind: 'unavailable' };

/** Why a typed code opened nothing, as the screen says it. */
export type CodeProblem = 'malformed' | 'notFound' | 'wrongKey' | 'rateLimited';

export const stepTitleKey: Record<ManageStep['kind'], string> = {
  code: 'manageBooking.codeTitle',
  found: 'manageBooking.foundTitle',
  confirmCancel: 'manageBooking.confirmTitle',
  cancelled: 'manageBooking.cancelledTitle',
  days: 'booking.daysTitle',
  times: 'booking.timesTitle',
  moved: 'manageBooking.movedTitle',
  kept: 'manageBooking.keptTitle',
  unavailable: 'manageBooking.unavailableTitle',
};
