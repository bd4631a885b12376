import { isDefaultDisplay } from '../display/settings';
import { isDefaultSpeech, type AppState } from './state';

/**
 * The start screen as the next resident should find it: no session, nothing opened from it (a service's start
 * page, the offices, "Termin verschieben", the waiting number), no notice, and every setting at its default.
 * Away from it, the start screen goes back to it after the idle time (useActivity), and a new catalogue waits
 * for it (useCatalogueReload).
 */
export function atStartDefaults(state: AppState): boolean {
  if (state.view || !state.info) return false;
  return (
    state.startLanguage === state.info.defaultLanguage &&
    !state.notice &&
    isDefaultDisplay(state.display) &&
    isDefaultSpeech(state.speech) &&
    !state.intro &&
    !state.offices &&
    !state.manage &&
    !state.walkIn
  );
}

/**
 * Whether the page may load a new catalogue now (issue 20). The core changes it between sessions only; the page
 * reloads at once when a session has just ended (the start screen comes anyway), and otherwise only on a start
 * screen at rest that nobody has touched for the idle time, so a resident browsing the life situations or reading
 * the offices is never thrown back to the start.
 */
export function catalogueReloadDue(
  state: AppState,
  moment: { sessionJustEnded: boolean; sinceInputMs: number },
): boolean {
  if (state.view) return false;
  if (moment.sessionJustEnded) return true;
  const quietMs = state.info?.idle.timeoutMs ?? Number.POSITIVE_INFINITY;
  return atStartDefaults(state) && moment.sinceInputMs >= quietMs;
}
