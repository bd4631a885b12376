import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskBridge } from '../../contract';
import { isNetworkError } from '../api/network-error';
import { applyDisplaySettings } from '../display/settings';
import { createLanguageLoader, isLanguageReady } from '../i18n/load-language';
import { createServiceLoader, heldService } from '../i18n/load-service';
import { applyDocumentLanguage } from '../i18n/setup';
import { addBootTexts, loadBasics, type Basics } from './boot';
import { KioskActionsContext, KioskContext, KioskSettingsContext, type KioskSettings } from './context';
import { initialState, reducer, type AppState } from './state';
import { IdleClock, IdleClockContext } from './idle-clock';
import { useCatalogueReload } from './useCatalogueReload';
import { useSessionActions } from './useSessionActions';
import { SpeechProvider } from '../speech/SpeechProvider';
import { AssistProvider } from '../assist/AssistProvider';

const BOOT_RETRY_MS = 2000;

interface KioskProviderProps {
  bridge: KioskBridge;
  /** The boot calls, already under way (see boot.ts); retries make fresh ones. */
  firstBoot?: Promise<Basics | null>;
  /** Set when the boot calls answered before the first render (see main.tsx): no boot, no waiting screen. */
  bootedState?: AppState;
  children: ReactNode;
}

export function KioskProvider({ bridge, firstBoot, bootedState, children }: KioskProviderProps) {
  const { i18n } = useTranslation();
  const [state, dispatch] = useReducer(reducer, bootedState ?? initialState);
  const stateRef = useRef(state);
  useLayoutEffect(() => {
    stateRef.current = state;
  });
  const loadLanguage = useMemo(() => createLanguageLoader(i18n, bridge), [i18n, bridge]);
  const loadService = useMemo(() => createServiceLoader(i18n, bridge), [i18n, bridge]);
  // The idle clock apart from the state: a keep-alive does not render the page (idle-clock.ts).
  const [idleClock] = useState(() => new IdleClock());
  const actions = useSessionActions(bridge, stateRef, dispatch, idleClock, loadLanguage, loadService);

  // Boot: info, catalog and any surviving session (crash resume). Retries until the core answers.
  const bootedAtFirstRender = bootedState?.booted === true;
  useEffect(() => {
    if (bootedAtFirstRender) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending = firstBoot;
    async function boot(): Promise<void> {
      try {
        const basics = await (pending ?? loadBasics(bridge));
        pending = undefined;
        if (cancelled) return;
        if (basics) {
          addBootTexts(i18n, basics);
          dispatch({ type: 'booted', info: basics.info, catalog: basics.catalog });
          dispatch({ type: 'definitions', definitions: basics.opened.map((opened) => opened.definition) });
          dispatch({ type: 'connection', connected: true });
          // A session that survived a crash or a reload continues where it was.
          if (basics.resumed) dispatch({ type: 'view', view: basics.resumed, at: Date.now() });
          return;
        }
      } catch (error) {
        pending = undefined;
        if (!isNetworkError(error)) throw error;
        dispatch({ type: 'connection', connected: false });
      }
      if (!cancelled) timer = setTimeout(() => void boot(), BOOT_RETRY_MS);
    }
    void boot();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [bridge, firstBoot, bootedAtFirstRender, i18n, actions]);

  const onCatalogueChanged = useCatalogueReload(state, stateRef);

  // When the server comes back, the core's picture of the session wins. The socket's first connect
  // at start-up is no return: the boot calls have just read the session.
  const connectionLost = useRef(false);
  useEffect(() => {
    if (!bridge.onConnectionChange) return;
    return bridge.onConnectionChange((connected) => {
      dispatch({ type: 'connection', connected });
      if (!connected) connectionLost.current = true;
      else if (connectionLost.current && stateRef.current.booted) void actions.resume();
    });
  }, [bridge, actions]);

  useEffect(
    () =>
      bridge.onEvent((event) => {
        // Staff filled in or moved on during a takeover: the resident sees it at once.
        if (event.type === 'session.changed') {
          if (stateRef.current.view?.sessionId === event.view.sessionId)
            dispatch({ type: 'view', view: event.view, at: Date.now() });
          return;
        }
        // Issue 20: a new catalogue from the hub (the core changes it between sessions only): the page loads
        // it afresh when no resident is using it (useCatalogueReload).
        if (event.type === 'catalogue.changed') {
          onCatalogueChanged();
          return;
        }
        if (event.type === 'terminal.changed') {
          dispatch({ type: 'terminal', name: event.terminalName, location: event.terminalLocation });
          return;
        }
        // Staff guided or filled in: they count as someone being there, like a touch.
        if (event.type === 'session.idle') {
          idleClock.set({ sessionId: event.sessionId, idle: event.idle, at: Date.now() });
          return;
        }
        if (event.type !== 'session.ended') return;
        if (stateRef.current.view?.sessionId !== event.sessionId) return;
        dispatch({ type: 'reset', notice: event.reason === 'idle' ? 'idleEnded' : null });
      }),
    [bridge, idleClock, onCatalogueChanged],
  );

  // The actions load a language (and the open service's texts in it) before choosing it; a session
  // resumed in another language (crash, reload) stays in the shown language until its texts have
  // arrived, then switches. A session whose service was never opened here (the core came back with
  // one) gets its definition the same way; App shows nothing of it until then.
  const language = state.view?.language ?? state.startLanguage;
  const openId = state.view?.serviceId ?? state.intro;
  // A service not in the catalogue (gone since a restart) has nothing to load: App shows the start screen.
  const openService = openId && state.catalog?.services.some((service) => service.id === openId) ? openId : null;
  const definitionThere = !openService || state.definitions[openService] !== undefined;
  const [loaded, setLoaded] = useState(0);
  useLayoutEffect(() => {
    const serviceReady = !openService || (definitionThere && heldService(i18n, openService, language) !== undefined);
    if (!isLanguageReady(i18n, language) || !serviceReady) {
      let cancelled = false;
      const service = openService
        ? loadService(openService, language).then((definition) =>
            dispatch({ type: 'definitions', definitions: [definition] }),
          )
        : undefined;
      Promise.all([loadLanguage(language), service]).then(
        () => {
          if (!cancelled) setLoaded((count) => count + 1);
        },
        () => undefined, // the core is away or refused: the next choice tries again
      );
      return () => {
        cancelled = true;
      };
    }
    if (i18n.language !== language) void i18n.changeLanguage(language);
    applyDocumentLanguage(language);
    // `connected`: a load the core's absence broke is tried again when it is back.
  }, [i18n, language, openService, definitionThere, loadLanguage, loadService, loaded, state.connected]);

  const { display } = state;
  useLayoutEffect(() => applyDisplaySettings(display), [display]);

  const value = useMemo(() => ({ state, actions }), [state, actions]);
  const { info, speech } = state;
  const settings = useMemo<KioskSettings>(
    () => ({ language, info, display, speech }),
    [language, info, display, speech],
  );
  return (
    <KioskContext.Provider value={value}>
      <KioskActionsContext.Provider value={actions}>
        <KioskSettingsContext.Provider value={settings}>
          <IdleClockContext.Provider value={idleClock}>
            <SpeechProvider bridge={bridge}>
              <AssistProvider bridge={bridge}>{children}</AssistProvider>
            </SpeechProvider>
          </IdleClockContext.Provider>
        </KioskSettingsContext.Provider>
      </KioskActionsContext.Provider>
    </KioskContext.Provider>
  );
}
