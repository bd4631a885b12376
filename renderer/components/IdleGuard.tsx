import { useEffect } from 'react';
import { useKiosk } from '../app/context';
import { useIdleCountdown } from '../app/useIdleCountdown';
import { idleFrom, useIdleReading } from '../app/idle-clock';
import { IdleWarning } from './IdleWarning';
import { useAssist } from '../assist/context';
import { helpHoldsIdle } from '../assist/assist-scripts';

/** Runs the idle countdown: the warning near the end, back to the start screen at zero. */
export function IdleGuard() {
  const { state, actions } = useKiosk();
  const { help } = useAssist();
  // Help is coming: the core holds the timeout (core/hub-client/help-request.ts) and restarts it afterwards.
  const held = helpHoldsIdle(help);
  const counted = useIdleCountdown(idleFrom(state.view, state.viewAt, useIdleReading()));
  const remaining = held ? null : counted;
  const expired = remaining !== null && remaining <= 0;

  useEffect(() => {
    // The core wipes the session itself and says so with session.ended; this covers a lost event.
    if (expired) actions.reset('idleEnded');
  }, [expired, actions]);

  if (!state.view || remaining === null || expired || !state.connected) return null;
  if (remaining > state.view.idle.warningMs) return null;
  return <IdleWarning remainingMs={remaining} onContinue={() => void actions.keepAlive()} />;
}
