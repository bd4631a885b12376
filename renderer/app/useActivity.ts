import { useEffect, useRef } from 'react';
import { useKiosk } from './context';
import { atStartDefaults } from './at-rest';

/** The core is told at most this often that someone is still at the terminal. */
const KEEP_ALIVE_THROTTLE_MS = 10_000;
/**
 * A touch's keep-alive waits this long and is dropped when the touch pressed something that called the core
 * ("Weiter"): that call counts as activity already, and a keep-alive's reply racing it would render the whole
 * page once more in the middle of the step (issue 19).
 */
const KEEP_ALIVE_DEFER_MS = 400;

/**
 * Touches and key presses anywhere keep the session alive (throttled). On the
 * start screen, a non-default language, display or speech setting chosen by someone who
 * walked away goes back to the default after the idle timeout. Also blocks the long-press menu.
 */
export function useActivity(): void {
  const { state, actions } = useKiosk();
  const lastKeepAlive = useRef(0);
  const lastActivity = useRef(0);
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });

  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    function onActivity(): void {
      const at = Date.now();
      lastActivity.current = at;
      if (!stateRef.current.view) return;
      if (at - lastKeepAlive.current < KEEP_ALIVE_THROTTLE_MS) return;
      lastKeepAlive.current = at;
      const timer = setTimeout(() => {
        timers.delete(timer);
        void actions.keepAlive({ unlessCalledSince: at });
      }, KEEP_ALIVE_DEFER_MS);
      timers.add(timer);
    }
    function onContextMenu(event: Event): void {
      event.preventDefault();
    }
    const options = { capture: true, passive: true } as const;
    window.addEventListener('pointerdown', onActivity, options);
    window.addEventListener('keydown', onActivity, options);
    window.addEventListener('contextmenu', onContextMenu, { capture: true });
    return () => {
      window.removeEventListener('pointerdown', onActivity, options);
      window.removeEventListener('keydown', onActivity, options);
      window.removeEventListener('contextmenu', onContextMenu, { capture: true });
      for (const timer of timers) clearTimeout(timer);
    };
  }, [actions]);

  // A new session starts a fresh throttle window (its idle clock was just set by the core).
  const sessionId = state.view?.sessionId;
  useEffect(() => {
    lastKeepAlive.current = Date.now();
  }, [sessionId]);

  const { view, info, startLanguage, notice, display, speech, intro, offices, manage, walkIn } = state;
  const atRest = atStartDefaults(state);
  useEffect(() => {
    if (view || !info) return;
    // A service's start page, the offices or a waiting number left open go back to the start screen too.
    if (atRest) return;
    // Count from the moment the start screen (or its language, or its notice) appeared.
    lastActivity.current = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - lastActivity.current < info.idle.timeoutMs) return;
      actions.reset(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [view, info, startLanguage, notice, display, speech, intro, offices, manage, walkIn, atRest, actions]);
}
