import type { Catalog, KioskBridge, KioskInfo, SessionView } from '../../contract';
import { initialState, reducer, type AppState } from './state';

export type Basics = { info: KioskInfo; catalog: Catalog; resumed: SessionView | null };

/**
 * The three boot calls go out together, and main.tsx starts them before React's first render:
 * start-up time is waited for at a terminal after every restart. Null when the core refused;
 * rejects with a NetworkError while it is unreachable.
 */
export async function loadBasics(bridge: KioskBridge): Promise<Basics | null> {
  const [info, catalog, resumed] = await Promise.all([
    bridge.call('kiosk.info', {}),
    bridge.call('catalog.get', {}),
    bridge.call('session.resume', {}),
  ]);
  if (!info.ok || !catalog.ok) return null;
  return { info: info.value, catalog: catalog.value, resumed: resumed.ok ? resumed.value : null };
}

/** The state the boot calls lead to, for a first render that already has their answers. */
export function stateAfterBoot(basics: Basics, now: number): AppState {
  const booted = reducer(initialState, { type: 'booted', info: basics.info, catalog: basics.catalog });
  // A session that survived a crash or a reload continues where it was.
  return basics.resumed ? reducer(booted, { type: 'view', view: basics.resumed, at: now }) : booted;
}
