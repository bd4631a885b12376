import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { catalogueReloadDue } from './at-rest';
import type { AppState } from './state';

const CHECK_EVERY_MS = 1000;

/**
 * A new catalogue from the hub (issue 20) is loaded by reloading the page, when catalogueReloadDue says so.
 * Returns what the core's `catalogue.changed` event calls.
 */
export function useCatalogueReload(state: AppState, stateRef: RefObject<AppState>): () => void {
  const pending = useRef(false);
  const lastInput = useRef(0);
  const hadView = useRef(state.view !== null);
  /** When the last session ended here; the core's event may come just before or just after. */
  const sessionEnded = useRef(0);

  const reloadIfDue = useCallback(() => {
    if (!pending.current) return;
    // Nobody has touched the start screen since the session ended: it is still the end of that session.
    const sessionJustEnded = sessionEnded.current > lastInput.current;
    const sinceInputMs = Date.now() - lastInput.current;
    if (catalogueReloadDue(stateRef.current, { sessionJustEnded, sinceInputMs })) window.location.reload();
  }, [stateRef]);

  useEffect(() => {
    // The quiet time counts from the page's start too: a reload may have been a resident's doing.
    lastInput.current = Date.now();
    const onInput = () => {
      lastInput.current = Date.now();
    };
    const options = { capture: true, passive: true } as const;
    window.addEventListener('pointerdown', onInput, options);
    window.addEventListener('keydown', onInput, options);
    const timer = setInterval(reloadIfDue, CHECK_EVERY_MS);
    return () => {
      window.removeEventListener('pointerdown', onInput, options);
      window.removeEventListener('keydown', onInput, options);
      clearInterval(timer);
    };
  }, [reloadIfDue]);

  useEffect(() => {
    const ended = hadView.current && state.view === null;
    hadView.current = state.view !== null;
    if (!ended) return;
    sessionEnded.current = Date.now();
    reloadIfDue();
  }, [state.view, reloadIfDue]);

  return useCallback(() => {
    pending.current = true;
    reloadIfDue();
  }, [reloadIfDue]);
}
