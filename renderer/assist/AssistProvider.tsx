import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiInput, ApiMethod, ApiResult, HelpState, KioskBridge, PreparedVisit } from '../../contract';
import { useKiosk } from '../app/context';
import { flushPageDraft } from '../app/page-draft';
import { AssistContext, type AssistContextValue, type StoredTicket } from './context';

const NO_HUB: HelpState = { status: 'unavailable', hub: 'none' };

/**
 * The resident's side of staff help: the core's help state (kept current by
 * `help.changed`), guide highlights, and the handover code. All of it is the
 * core's; this only mirrors it for the screens.
 */
export function AssistProvider({ bridge, children }: { bridge: KioskBridge; children: ReactNode }) {
  const { state, actions } = useKiosk();
  const [help, setHelp] = useState<HelpState>(NO_HUB);
  const [guide, setGuide] = useState<AssistContextValue['guide']>(null);
  const [ticket, setTicket] = useState<StoredTicket | null>(null);
  const [visit, setVisit] = useState<PreparedVisit | null>(null);
  const offered = useRef(new Set<string>());
  // Read when "continue at the desk" is pressed: the context then need not change on every step.
  const viewRef = useRef(state.view);
  useLayoutEffect(() => {
    viewRef.current = state.view;
  });

  const call = useCallback(
    async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<M> | null> => {
      try {
        return await bridge.call(method, input);
      } catch {
        return null; // the core is away: the waiting screen says so
      }
    },
    [bridge],
  );

  // At start-up and whenever the core is back: the core's help state wins.
  useEffect(() => {
    let cancelled = false;
    void call('help.state', {}).then((result) => {
      if (!cancelled && result?.ok) setHelp(result.value);
    });
    return () => {
      cancelled = true;
    };
  }, [call, state.connected]);

  useEffect(
    () =>
      bridge.onEvent((event) => {
        if (event.type === 'help.changed') setHelp(event.state);
        else if (event.type === 'guide.highlight')
          setGuide((last) => ({ target: event.target, serial: (last?.serial ?? 0) + 1 }));
      }),
    [bridge],
  );

  // Each resident starts with a clean slate of offers.
  const sessionId = state.view?.sessionId;
  useEffect(() => {
    if (!sessionId) offered.current.clear();
  }, [sessionId]);

  const value = useMemo<AssistContextValue>(() => {
    const apply = (result: ApiResult<'help.state'> | null) => {
      if (result?.ok) setHelp(result.value);
    };
    return {
      help,
      guide,
      ticket,
      request: async (reason) => apply(await call('help.request', { reason })),
      cancel: async () => apply(await call('help.cancel', {})),
      consent: async (granted) => apply(await call('help.consent', { granted })),
      stopAssist: async () => apply(await call('help.stopAssist', {})),
      async handover() {
        const view = viewRef.current;
        if (!view) return false;
        // What was typed on this page a moment ago goes to the desk too.
        await flushPageDraft();
        const result = await call('handover.start', { sessionId: view.sessionId });
        if (!result?.ok || !result.value.stored) return false;
        // The core has wiped the session; the code is all that is left, on screen only.
        actions.reset(null);
        setTicket(result.value);
        return true;
      },
      clearTicket: () => setTicket(null),
      visit,
      async prepareVisit() {
        // The visit reuses continue-at-the-desk in the core: the answers go to the desk behind a code.
        const prepared = await actions.prepareVisit();
        if (prepared) setVisit(prepared);
        return prepared !== null;
      },
      clearVisit: () => setVisit(null),
      mayOffer: (stepKey) => !offered.current.has(stepKey),
      markOffered: (stepKey) => void offered.current.add(stepKey),
    };
  }, [help, guide, ticket, visit, call, actions]);

  return <AssistContext.Provider value={value}>{children}</AssistContext.Provider>;
}
