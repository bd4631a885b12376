import type { OfficeOpening, WaitingTicket } from '../../../contract';

/** The pages of "Wartenummer ziehen", each a page of its own. */
export type WalkInStep =
  | { kind: 'offices' }
  | { kind: 'number'; ticket: WaitingTicket }
  | { kind: 'closed'; officeId: string; opening: OfficeOpening | null }
  | { kind: 'unavailable'; officeId: string };

export const walkInTitleKey: Record<WalkInStep['kind'], string> = {
  offices: 'walkIn.officesTitle',
  number: 'walkIn.numberTitle',
  closed: 'walkIn.closedTitle',
  unavailable: 'walkIn.unavailableTitle',
};
