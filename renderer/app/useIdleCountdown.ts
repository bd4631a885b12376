import { useEffect, useState } from 'react';
import type { IdleState } from '../../contract';

const TICK_MS = 250;

/** Milliseconds left before the core ends the session, counted down locally from the last idle state heard. */
export function useIdleCountdown(clock: { idle: IdleState; at: number } | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  const running = clock !== null;
  const at = clock?.at;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [running, at]);
  if (!clock) return null;
  // `now` may predate a fresh reading until the next tick: never count more than the core said.
  return Math.max(0, Math.min(clock.idle.remainingMs, clock.idle.remainingMs - (now - clock.at)));
}
