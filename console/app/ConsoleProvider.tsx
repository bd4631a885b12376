import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, ConsoleApi } from '../api/client';
import type { AlertView, ConsoleSession, HelpRequestView, HubToConsole, TerminalView } from '../api/protocol';
import { connectSocket } from '../api/socket';
import { loadMuted, playAlert, saveMuted } from '../lib/alert';
import { setServiceCatalog } from '../lib/catalog';
import { ConsoleContext, type ConsoleState } from './context';

const INITIAL: ConsoleState = {
  auth: 'checking',
  session: null,
  loginNotice: null,
  connected: false,
  queue: [],
  terminals: [],
  snapshots: {},
  stopped: {},
  results: {},
  announcement: null,
  muted: false,
  catalogLoaded: false,
  alerts: [],
  alertAnnouncement: null,
};

function upsert<T>(list: T[], item: T, same: (a: T) => boolean): T[] {
  return list.some(same) ? list.map((entry) => (same(entry) ? item : entry)) : [...list, item];
}

/** Session, queue, terminals and live events: everything the screens share. */
export function ConsoleProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [state, setState] = useState<ConsoleState>(() => ({ ...INITIAL, muted: loadMuted() }));
  const mutedRef = useRef(state.muted);
  const announceId = useRef(0);

  const sessionEnded = useCallback(() => {
    setState((current) =>
      current.auth === 'signed_in'
        ? { ...INITIAL, auth: 'signed_out', loginNotice: 'expired', muted: current.muted }
        : current,
    );
  }, []);
  const api = useMemo(() => new ConsoleApi(sessionEnded), [sessionEnded]);

  const signedIn = useCallback(
    (session: ConsoleSession) => {
      api.setCsrfToken(session.csrfToken);
      setState((current) => ({ ...current, auth: 'signed_in', session, loginNotice: null }));
    },
    [api],
  );

  // At load: a session that still holds (a reload) goes straight to the queue.
  useEffect(() => {
    api
      .call('GET /session')
      .then(signedIn)
      .catch(() => setState((current) => ({ ...current, auth: 'signed_out' })));
  }, [api, signedIn]);

  const onEvent = useCallback((event: HubToConsole) => {
    setState((current) => {
      switch (event.type) {
        case 'queue':
          return { ...current, queue: event.requests };
        case 'terminals':
          return { ...current, terminals: event.terminals };
        case 'help.new':
          announceId.current += 1;
          return {
            ...current,
            queue: upsert(current.queue, event.request, (entry) => entry.requestId === event.request.requestId),
            announcement: { id: announceId.current, request: event.request },
          };
        case 'live.snapshot': {
          const { [event.requestId]: _gone, ...stopped } = current.stopped;
          return { ...current, snapshots: { ...current.snapshots, [event.requestId]: event.snapshot }, stopped };
        }
        case 'live.stopped': {
          const { [event.requestId]: _gone, ...snapshots } = current.snapshots;
          return { ...current, snapshots, stopped: { ...current.stopped, [event.requestId]: event.by } };
        }
        case 'takeover.result':
          return { ...current, results: { ...current.results, [event.commandId]: event } };
        case 'alerts':
          return { ...current, alerts: event.alerts };
        case 'alert.new':
          announceId.current += 1;
          return {
            ...current,
            alerts: upsert(current.alerts, event.alert, (entry) => entry.alertId === event.alert.alertId),
            alertAnnouncement: { id: announceId.current, alert: event.alert },
          };
        default:
          return current;
      }
    });
    // A terminal's alert has the help request's cue (issue 20).
    if ((event.type === 'help.new' || event.type === 'alert.new') && !mutedRef.current) playAlert();
  }, []);

  // A session after a password reset sees nothing but the change (the hub refuses the rest, socket included).
  const signedInNow = state.auth === 'signed_in' && state.session?.mustChangePassword === false;
  useEffect(() => {
    if (!signedInNow) return;
    // The first lists come by HTTP, so the screens fill even before the socket is up.
    void Promise.all([api.call('GET /queue'), api.call('GET /terminals')])
      .then(([queue, terminals]) => setState((current) => ({ ...current, queue, terminals })))
      .catch(() => undefined);
    void api
      .call('GET /alerts')
      .then((alerts) => setState((current) => ({ ...current, alerts })))
      .catch(() => undefined);
    // Titles and labels instead of ids; the console's language is read at each lookup, so switching needs no reload.
    void api
      .call('GET /catalog')
      .then((catalog) => {
        setServiceCatalog(catalog, () => i18n.language);
        setState((current) => ({ ...current, catalogLoaded: true }));
      })
      .catch(() => undefined);
    return connectSocket({
      onEvent,
      onOpenChange: (connected) => setState((current) => ({ ...current, connected })),
      onClosed: async () => {
        try {
          await api.call('GET /session');
          return 'retry';
        } catch (error) {
          if (error instanceof ApiError && error.failure.kind === 'unauthorized') {
            sessionEnded();
            return 'stop';
          }
          return 'retry';
        }
      },
    });
  }, [signedInNow, api, onEvent, sessionEnded, i18n]);

  const passwordChanged = useCallback(() => {
    setState((current) =>
      current.session ? { ...current, session: { ...current.session, mustChangePassword: false } } : current,
    );
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.call('POST /logout', {});
    } catch {
      // The session is forgotten here either way; the hub ends it or it times out.
    }
    api.setCsrfToken(null);
    setState((current) => ({ ...INITIAL, auth: 'signed_out', loginNotice: 'logged_out', muted: current.muted }));
  }, [api]);

  const setMuted = useCallback((muted: boolean) => {
    mutedRef.current = muted;
    saveMuted(muted);
    setState((current) => ({ ...current, muted }));
  }, []);

  const updateRequest = useCallback((request: HelpRequestView) => {
    setState((current) => ({
      ...current,
      queue: upsert(current.queue, request, (entry) => entry.requestId === request.requestId),
    }));
  }, []);

  const updateTerminal = useCallback((terminal: TerminalView) => {
    setState((current) => ({
      ...current,
      terminals: upsert(current.terminals, terminal, (entry) => entry.terminalId === terminal.terminalId),
    }));
  }, []);

  const refreshTerminals = useCallback(async () => {
    const terminals = await api.call('GET /terminals');
    setState((current) => ({ ...current, terminals }));
  }, [api]);

  const updateAlert = useCallback((alert: AlertView) => {
    setState((current) => ({
      ...current,
      alerts: upsert(current.alerts, alert, (entry) => entry.alertId === alert.alertId),
    }));
  }, []);

  const clearStopped = useCallback((requestId: string) => {
    setState((current) => {
      const { [requestId]: _gone, ...stopped } = current.stopped;
      return { ...current, stopped };
    });
  }, []);

  const value = useMemo(
    () => ({
      ...state,
      api,
      signedIn,
      passwordChanged,
      logout,
      setMuted,
      updateRequest,
      updateTerminal,
      refreshTerminals,
      clearStopped,
      updateAlert,
    }),
    [
      state,
      api,
      signedIn,
      passwordChanged,
      logout,
      setMuted,
      updateRequest,
      updateTerminal,
      refreshTerminals,
      clearStopped,
      updateAlert,
    ],
  );
  return <ConsoleContext.Provider value={value}>{children}</ConsoleContext.Provider>;
}
