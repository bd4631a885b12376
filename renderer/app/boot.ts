import type { i18n as I18n } from 'i18next';
import type { Catalog, KioskBridge, KioskInfo, SessionView } from '../../contract';
import { DEFAULT_LANGUAGE } from '../../contract/languages';
import { addOpenedService, fetchService, ServiceLoadError, type OpenedService } from '../i18n/load-service';
import { initialState, reducer, type AppState } from './state';

export type Basics = {
  info: KioskInfo;
  catalog: Catalog;
  resumed: SessionView | null;
  /** The resumed session's service, in its language and in German (shown until its language is loaded). */
  opened: OpenedService[];
};

/**
 * The three boot calls go out together, and main.tsx starts them before React's first render:
 * start-up time is waited for at a terminal after every restart. A session that survived brings its
 * service's definition and texts next (the catalogue has summaries only). Null when the core refused;
 * rejects with a NetworkError while it is unreachable.
 */
export async function loadBasics(bridge: KioskBridge): Promise<Basics | null> {
  const [info, catalog, resumed] = await Promise.all([
    bridge.call('kiosk.info', {}),
    bridge.call('catalog.get', {}),
    bridge.call('session.resume', {}),
  ]);
  if (!info.ok || !catalog.ok) return null;
  const view = resumed.ok ? resumed.value : null;
  return {
    info: info.value,
    catalog: catalog.value,
    resumed: view,
    opened: view ? await resumedService(bridge, view) : [],
  };
}

async function resumedService(bridge: KioskBridge, view: SessionView): Promise<OpenedService[]> {
  const languages = [...new Set([view.language, DEFAULT_LANGUAGE])];
  try {
    return await Promise.all(languages.map((language) => fetchService(bridge, view.serviceId, language)));
  } catch (error) {
    // A service no longer in the catalogue: the start screen, as for any unknown service (App.tsx).
    if (error instanceof ServiceLoadError) return [];
    throw error;
  }
}

/** The state the boot calls lead to, for a first render that already has their answers. */
export function stateAfterBoot(basics: Basics, now: number): AppState {
  let booted = reducer(initialState, { type: 'booted', info: basics.info, catalog: basics.catalog });
  booted = reducer(booted, { type: 'definitions', definitions: basics.opened.map((opened) => opened.definition) });
  // A session that survived a crash or a reload continues where it was.
  return basics.resumed ? reducer(booted, { type: 'view', view: basics.resumed, at: now }) : booted;
}

/** The boot calls' texts into i18n: the summaries' German texts, and the resumed service's. */
export function addBootTexts(instance: I18n, basics: Basics): void {
  for (const [language, namespaces] of Object.entries(basics.catalog.translations)) {
    for (const [namespace, resources] of Object.entries(namespaces)) {
      instance.addResourceBundle(language, namespace, resources, true, true);
    }
  }
  for (const opened of basics.opened) addOpenedService(instance, opened);
}
