import { useEffect, useState } from 'react';
import type { WalkInOffice } from '../../../contract';
import { getBridge } from '../../api/bridge';
import { useKiosk } from '../../app/context';

/** How often the list asks again: the minute walk-ins end shows soon. */
const REFRESH_MS = 60_000;

/**
 * The offices that take walk-ins and when (walkIn.offices, with the core's clock); empty without an appointment
 * system. Null until the core answered.
 */
export function useWalkInOffices(): WalkInOffice[] | null {
  const { state } = useKiosk();
  const configured = state.info?.appointments === true;
  const [offices, setOffices] = useState<WalkInOffice[] | null>(null);
  useEffect(() => {
    if (!configured) return;
    let live = true;
    const load = async () => {
      const result = await getBridge().call('walkIn.offices', {});
      if (live && result.ok) setOffices(result.value.offices);
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [configured]);
  return configured ? offices : [];
}
