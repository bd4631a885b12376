import { useState } from 'react';
import type { ApiOutput, WalkInOffice } from '../../../contract';
import { getBridge } from '../../api/bridge';
import { useWalkInOffices } from './useWalkInOffices';

export interface VisitWalkIn {
  /** The visit's office, when it takes walk-ins now; undefined otherwise (no panel). */
  offered: WalkInOffice | undefined;
  /** What drawing a number gave (undefined: not drawn yet). */
  outcome: ApiOutput<'walkIn.take'> | undefined;
  busy: boolean;
  take(): void;
}

/** The prepared visit's "Ohne Termin: Wartenummer ziehen", for an in-person service whose office takes walk-ins now. */
export function useVisitWalkIn(officeId: string): VisitWalkIn {
  const offices = useWalkInOffices();
  const offered = offices?.find((entry) => entry.officeId === officeId && entry.opening?.openNow);
  const [outcome, setOutcome] = useState<ApiOutput<'walkIn.take'> | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const take = () => {
    setBusy(true);
    void getBridge()
      .call('walkIn.take', { officeId })
      .then((result) => setOutcome(result.ok ? result.value : { outcome: 'unavailable' }))
      .catch(() => setOutcome({ outcome: 'unavailable' }))
      .finally(() => setBusy(false));
  };
  return { offered, outcome, busy, take };
}
