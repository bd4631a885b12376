import { useEffect, useState } from 'react';
import type { SessionView } from '../../contract';

const TICK_MS = 250;

/** Milliseconds left before the core ends the session, counted down locally from the last SessionView. */
export function useIdleCountdown(view: SessionView | null, viewAt: number): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!view) return;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [view, viewAt]);
  if (!view) return null;
  // `now` may predate a fresh view until the next tick: never count more than the core said.
  return Math.max(0, Math.min(view.idle.remainingMs, view.idle.remainingMs - (now - viewAt)));
}
