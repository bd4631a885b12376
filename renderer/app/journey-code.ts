import { lazy } from 'react';

/**
 * The code only a journey needs: its pages with their fields, and the on-screen keyboard. It is not
 * in the start screen's bundle, so a cold start parses and compiles less before the first screen;
 * `prefetchJourneyCode` loads it right after that screen is painted, long before a tile is tapped.
 * The same promise serves both, so the code is fetched once.
 */
let sessionPage: Promise<typeof import('./SessionPage')> | undefined;
let keyboard: Promise<typeof import('../keyboard/OnScreenKeyboard')> | undefined;

const loadSessionPage = () => (sessionPage ??= retryOnce(() => import('./SessionPage')));
const loadKeyboard = () => (keyboard ??= retryOnce(() => import('../keyboard/OnScreenKeyboard')));

/** One more try after a failed load (a core restarting at that moment), then the error stands. */
function retryOnce<T>(load: () => Promise<T>): Promise<T> {
  return load().catch(() => new Promise<void>((resolve) => setTimeout(resolve, 1000)).then(load));
}

export const LazySessionPage = lazy(loadSessionPage);
export const LazyOnScreenKeyboard = lazy(() => loadKeyboard().then((m) => ({ default: m.OnScreenKeyboard })));

export function prefetchJourneyCode(): void {
  void loadSessionPage().catch(() => undefined);
  void loadKeyboard().catch(() => undefined);
}
