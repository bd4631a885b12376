import { useEffect, useState } from 'react';
import type { Office, OfficesStatus } from '../../contract';
import { getBridge } from '../api/bridge';
import { useKiosk } from '../app/context';

/** An office of the offices file by id (services name theirs by officeId; the core refused unknown ids). */
export function useOffice(id: string): Office | undefined {
  const { state } = useKiosk();
  return state.catalog?.offices.offices.find((office) => office.id === id);
}

/** How often the screen asks again whether an office is open: the minute an office closes shows soon. */
const REFRESH_MS = 60_000;

/** Open now or when next, computed by the core with its clock (offices.status); null until it answered. */
export function useOfficesStatus(): OfficesStatus | null {
  const [status, setStatus] = useState<OfficesStatus | null>(null);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const result = await getBridge().call('offices.status', {});
      if (live && result.ok) setStatus(result.value);
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  return status;
}
