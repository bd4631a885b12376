import { useMemo, useRef, type Dispatch } from 'react';
import { flushSync } from 'react-dom';
import type {
  ApiError,
  ApiInput,
  ApiMethod,
  ApiResult,
  KioskBridge,
  LanguageCode,
  PreparedVisit,
  ServiceDefinition,
  SessionView,
} from '../../contract';
import { isNetworkError } from '../api/network-error';
import { LanguageLoadError } from '../i18n/load-language';
import { ServiceLoadError } from '../i18n/load-service';
import type { KioskActions } from './context';
import type { IdleClock } from './idle-clock';
import { isDefaultSpeech, type Action, type AppState, type SpeechSettings } from './state';
import { isDefaultDisplay, type DisplaySettings } from '../display/settings';

/** A call that takes longer than this shows its button as pending. */
const SLOW_CALL_MS = 300;

/**
 * Every call to the core goes through here: a NetworkError marks the core as
 * unreachable (the app then waits and resumes), a typed error is turned into
 * what the resident sees.
 */
export function useSessionActions(
  bridge: KioskBridge,
  stateRef: { readonly current: AppState },
  dispatch: Dispatch<Action>,
  idleClock: IdleClock,
  /** Fetches a language's texts before the screen switches to it (see i18n/load-language.ts). */
  loadLanguage: (language: LanguageCode) => Promise<void>,
  /** Fetches a service's definition and texts before it is shown (see i18n/load-service.ts). */
  loadService: (serviceId: string, language: LanguageCode) => Promise<ServiceDefinition>,
): KioskActions & { resume(): Promise<SessionView | null> } {
  const inFlight = useRef(false);
  // When the last session call started (Date.now()): a keep-alive after it has nothing to add.
  const lastSessionCall = useRef(0);
  // The last service start page asked for: a tile tapped while another's definition loads wins.
  const introAsked = useRef(0);

  return useMemo(() => {
    async function call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<M> | null> {
      try {
        return await bridge.call(method, input);
      } catch (error) {
        if (isNetworkError(error)) {
          dispatch({ type: 'connection', connected: false });
          return null;
        }
        throw error;
      }
    }

    /** Large text, high contrast or speech settings in this session: counted in the anonymous figures (issue 18). */
    function reportSettings(sessionId: string, display: DisplaySettings, speech: SpeechSettings): void {
      if (isDefaultDisplay(display) && isDefaultSpeech(speech)) return;
      const used = {
        largeText: display.textSize !== 'normal',
        highContrast: display.contrast === 'high',
        speech: !isDefaultSpeech(speech),
      };
      void call('usage.settings', { sessionId, ...used }).catch(() => undefined);
    }

    function showView(view: SessionView): void {
      dispatch({ type: 'view', view, at: Date.now() });
    }

    /** Takes the core's picture of the session; returns it (null when there is none or the core is away). */
    async function resume(): Promise<SessionView | null> {
      const result = await call('session.resume', {});
      if (!result) return null;
      if (result.ok && result.value) {
        showView(result.value);
        return result.value;
      }
      if (stateRef.current.view) dispatch({ type: 'reset', notice: 'sessionEnded' });
      return null;
    }

    async function handleError(error: ApiError): Promise<void> {
      switch (error.code) {
        case 'validation':
          dispatch({ type: 'fieldErrors', errors: error.fieldErrors ?? [] });
          return;
        case 'incomplete': {
          const view = stateRef.current.view;
          if (view && error.stepId) {
            const target = { kind: 'step' as const, stepId: error.stepId, returnToCheck: true };
            const moved = await call('session.goTo', { sessionId: view.sessionId, target });
            if (moved?.ok) showView(moved.value);
          }
          dispatch({ type: 'fieldErrors', errors: error.fieldErrors ?? [] });
          return;
        }
        case 'no_session':
          dispatch({ type: 'reset', notice: 'sessionEnded' });
          return;
        case 'session_mismatch':
        case 'not_reachable':
        case 'already_submitted':
          // Our picture is out of date: take the core's.
          if (await resume()) dispatch({ type: 'apiError', code: error.code });
          return;
        default:
          dispatch({ type: 'apiError', code: error.code });
      }
    }

    /** Shows why a language's or a service's texts did not load. */
    function loadFailed(error: unknown): false {
      if (isNetworkError(error)) dispatch({ type: 'connection', connected: false });
      else if (error instanceof LanguageLoadError || error instanceof ServiceLoadError)
        dispatch({ type: 'apiError', code: error.code });
      else dispatch({ type: 'apiError', code: 'internal' });
      return false;
    }

    /** Loads a service's definition and its texts in `language`; false (and the reason shown) when that failed. */
    async function prepareService(serviceId: string, language: LanguageCode): Promise<boolean> {
      try {
        dispatch({ type: 'definitions', definitions: [await loadService(serviceId, language)] });
        return true;
      } catch (error) {
        return loadFailed(error);
      }
    }

    /**
     * Loads a language's texts, and those of the service on screen (its start page or its session) in it;
     * false (and the reason shown) when that failed.
     */
    async function prepareLanguage(language: LanguageCode): Promise<boolean> {
      const { view, intro } = stateRef.current;
      const open = view?.serviceId ?? intro;
      try {
        const [, definition] = await Promise.all([loadLanguage(language), open ? loadService(open, language) : null]);
        if (definition) dispatch({ type: 'definitions', definitions: [definition] });
        return true;
      } catch (error) {
        return loadFailed(error);
      }
    }

    /** Runs one session call; ignores a second tap while one is under way. */
    async function sessionCall<M extends ApiMethod>(
      method: M,
      input: (sessionId: string) => ApiInput<M>,
    ): Promise<void> {
      const view = stateRef.current.view;
      if (!view) {
        dispatch({ type: 'reset', notice: 'sessionEnded' });
        return;
      }
      await oneAtATime(async () => {
        const result = await call(method, input(view.sessionId));
        if (!result) return;
        // Rendered in the task that brought the reply, not in a scheduler task queued behind whatever else
        // is waiting (a sentence's audio arriving, a timer): the resident waits for this page (issue 19).
        if (result.ok) flushSync(() => showView(result.value as SessionView));
        else await handleError(result.error);
      });
    }

    /**
     * Ignores a second tap while a call is under way. "busy" (the pending "Weiter") is shown
     * only when the core is slow to answer: dispatched at once, it would re-render the whole
     * page before the request even left, on every step.
     */
    async function oneAtATime(run: () => Promise<void>): Promise<void> {
      if (inFlight.current) return;
      inFlight.current = true;
      lastSessionCall.current = Date.now();
      let shownBusy = false;
      const slow = setTimeout(() => {
        shownBusy = true;
        dispatch({ type: 'busy', busy: true });
      }, SLOW_CALL_MS);
      try {
        await run();
      } finally {
        clearTimeout(slow);
        inFlight.current = false;
        if (shownBusy) dispatch({ type: 'busy', busy: false });
      }
    }

    return {
      resume,
      async chooseStartLanguage(language) {
        if (await prepareLanguage(language)) dispatch({ type: 'startLanguage', language });
      },
      showIntro(serviceId) {
        const asked = ++introAsked.current;
        if (serviceId === null) return void dispatch({ type: 'intro', serviceId });
        // Usually there already: the tile fetched it when the finger touched it (prefetchService).
        void prepareService(serviceId, stateRef.current.startLanguage).then((ready) => {
          if (ready && asked === introAsked.current) dispatch({ type: 'intro', serviceId });
        });
      },
      prefetchService(serviceId) {
        loadService(serviceId, stateRef.current.startLanguage).catch(() => undefined); // showIntro says why
      },
      showOffices(open) {
        dispatch({ type: 'offices', open });
      },
      showManage(open) {
        dispatch({ type: 'manage', open });
      },
      showWalkIn(open) {
        dispatch({ type: 'walkIn', open });
      },
      start: (serviceId) =>
        oneAtATime(async () => {
          // Its start page has loaded it; from anywhere else it comes first.
          if (!(await prepareService(serviceId, stateRef.current.startLanguage))) return;
          const result = await call('session.start', { serviceId, language: stateRef.current.startLanguage });
          if (!result) return;
          if (result.ok) {
            showView(result.value);
            reportSettings(result.value.sessionId, stateRef.current.display, stateRef.current.speech);
          } else await handleError(result.error);
        }),
      answer: (stepId, values, item) =>
        sessionCall('session.answer', (sessionId) => ({
          sessionId,
          stepId,
          values,
          ...(item !== undefined ? { item } : {}),
        })),
      back: () => sessionCall('session.back', (sessionId) => ({ sessionId })),
      changeStep: (stepId, item) =>
        sessionCall('session.goTo', (sessionId) => ({
          sessionId,
          target: { kind: 'step', stepId, returnToCheck: true, ...(item !== undefined ? { item } : {}) },
        })),
      openItem: (stepId, item, returnToCheck) =>
        sessionCall('session.goTo', (sessionId) => ({
          sessionId,
          target: { kind: 'step', stepId, returnToCheck, item },
        })),
      removeItem: (stepId, item) => sessionCall('session.removeItem', (sessionId) => ({ sessionId, stepId, item })),
      goToCheck: () => sessionCall('session.goTo', (sessionId) => ({ sessionId, target: { kind: 'check' } })),
      // The texts first, so the page switches in one go; the answers stay in the core.
      async setLanguage(language) {
        if (!(await prepareLanguage(language))) return;
        // Before a session (a service's start page) the language is the renderer's alone, as on the start screen.
        if (!stateRef.current.view) return void dispatch({ type: 'startLanguage', language });
        await sessionCall('session.setLanguage', (sessionId) => ({ sessionId, language }));
      },
      submit: () => sessionCall('session.submit', (sessionId) => ({ sessionId })),
      async prepareVisit() {
        const view = stateRef.current.view;
        if (!view) return null;
        let prepared: PreparedVisit | null = null;
        await oneAtATime(async () => {
          const result = await call('visit.prepare', { sessionId: view.sessionId });
          if (!result) return;
          if (result.ok) prepared = result.value;
          else await handleError(result.error);
        });
        // The core has wiped the session; the prepared visit is all that is left, on screen only, and it
        // stays in the resident's language until "Fertig" (which resets again).
        const visit = prepared as PreparedVisit | null;
        if (visit) {
          dispatch({ type: 'reset', notice: null });
          dispatch({ type: 'startLanguage', language: visit.language });
        }
        return visit;
      },
      async keepAlive(options) {
        const view = stateRef.current.view;
        if (!view) return;
        const since = options?.unlessCalledSince;
        if (since !== undefined && (inFlight.current || lastSessionCall.current >= since)) return;
        const result = await call('session.keepAlive', { sessionId: view.sessionId });
        // Only the idle clock matters here (not the state: the page is not rendered); a stale answer must not
        // move the page.
        if (result?.ok) idleClock.set({ sessionId: result.value.sessionId, idle: result.value.idle, at: Date.now() });
        else if (result && !result.ok) await handleError(result.error);
      },
      async end(reason) {
        const view = stateRef.current.view;
        // Clear the screen first: the resident asked for their data to go.
        dispatch({ type: 'reset', notice: null });
        if (view) await call('session.end', { sessionId: view.sessionId, reason });
      },
      setDisplay(display) {
        dispatch({ type: 'display', display });
        const view = stateRef.current.view;
        if (view) reportSettings(view.sessionId, display, stateRef.current.speech);
      },
      reset(notice) {
        dispatch({ type: 'reset', notice });
      },
      setSpeech(settings) {
        dispatch({ type: 'speech', settings });
        const view = stateRef.current.view;
        if (view) reportSettings(view.sessionId, stateRef.current.display, { ...stateRef.current.speech, ...settings });
      },
    };
  }, [bridge, stateRef, dispatch, idleClock, loadLanguage, loadService]);
}
