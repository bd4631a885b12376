import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog, KioskBridge, KioskInfo, SessionView } from '../../contract';
import { isNetworkError } from '../api/network-error';
import { addServiceTranslations, applyDocumentLanguage } from '../i18n/setup';
import { KioskContext } from './context';
import { initialState, reducer } from './state';
import { useSessionActions } from './useSessionActions';

const BOOT_RETRY_MS = 2000;

type Basics = { info: KioskInfo; catalog: Catalog; resumed: SessionView | null };

/** The three boot calls go out together: start-up time is waited for at a terminal after every restart. */
async function loadBasics(bridge: KioskBridge): Promise<Basics | null> {
  const [info, catalog, resumed] = await Promise.all([
    bridge.call('kiosk.info', {}),
    bridge.call('catalog.get', {}),
    bridge.call('session.resume', {}),
  ]);
  if (!info.ok || !catalog.ok) return null;
  return { info: info.value, catalog: catalog.value, resumed: resumed.ok ? resumed.value : null };
}

export function KioskProvider({ bridge, children }: { bridge: KioskBridge; children: ReactNode }) {
  const { i18n } = useTranslation();
  const [state, dispatch] = useReducer(reducer, initialState);
  const stateRef = useRef(state);
  useLayoutEffect(() => {
    stateRef.current = state;
  });
  const actions = useSessionActions(bridge, stateRef, dispatch);

  // Boot: info, catalog and any surviving session (crash resume). Retries until the core answers.
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function boot(): Promise<void> {
      try {
        const basics = await loadBasics(bridge);
        if (cancelled) return;
        if (basics) {
          addServiceTranslations(i18n, basics.catalog);
          dispatch({ type: 'booted', info: basics.info, catalog: basics.catalog });
          dispatch({ type: 'connection', connected: true });
          // A session that survived a crash or a reload continues where it was.
          if (basics.resumed) dispatch({ type: 'view', view: basics.resumed, at: Date.now() });
          return;
        }
      } catch (error) {
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
  }, [bridge, i18n, actions]);

  // When the server comes back, the core's picture of the session wins.
  useEffect(() => {
    if (!bridge.onConnectionChange) return;
    return bridge.onConnectionChange((connected) => {
      dispatch({ type: 'connection', connected });
      if (connected && stateRef.current.booted) void actions.resume();
    });
  }, [bridge, actions]);

  useEffect(
    () =>
      bridge.onEvent((event) => {
        if (event.type !== 'session.ended') return;
        if (stateRef.current.view?.sessionId !== event.sessionId) return;
        dispatch({ type: 'reset', notice: event.reason === 'idle' ? 'idleEnded' : null });
      }),
    [bridge],
  );

  const language = state.view?.language ?? state.startLanguage;
  useLayoutEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    applyDocumentLanguage(language);
  }, [i18n, language]);

  const value = useMemo(() => ({ state, actions }), [state, actions]);
  return <KioskContext.Provider value={value}>{children}</KioskContext.Provider>;
}
