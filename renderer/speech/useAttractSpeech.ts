import { useEffect, useState } from 'react';
import type { Notice } from '../app/state';
import type { Script } from './scripts';

/** Set once the terminal's first start screen since the page loaded has been shown. */
let greetedSinceLoad = false;

type Mode = 'full' | 'notice' | 'silent';

/**
 * What the start screen says when it appears. A public terminal must not talk to an empty
 * foyer after every resident (issue 4: "every screen is spoken when it appears" is for the
 * resident in front of it), so:
 * - the first start screen after the terminal starts speaks in full: staff switching it on
 *   hear that the voice works;
 * - after a resident's session ended it stays silent, since that resident is leaving or
 *   gone: they heard "Ihre Angaben werden gelöscht" in the end dialog, and after the idle
 *   timeout nobody is there. Only a session lost on the core ("sessionEnded") says its
 *   notice, as the resident who was using it is still there and did not ask for it;
 * - the next resident's first touch or key, anywhere, starts the whole screen (a tap on a
 *   language or a service then speaks that instead), and "Vorlesen" always reads all of it.
 * Returns the trigger part and what to say on appearing, for useScreenSpeech.
 */
export function useAttractSpeech(
  notice: Notice | null,
  script: Script,
  noticeScript: Script,
): { mode: Mode; appear: Script } {
  // Read in render (both StrictMode calls see the same value); set after the first commit.
  const [mode, setMode] = useState<Mode>(() =>
    !greetedSinceLoad ? 'full' : notice === 'sessionEnded' ? 'notice' : 'silent',
  );
  useEffect(() => {
    greetedSinceLoad = true;
  }, []);
  useEffect(() => {
    if (mode === 'full') return undefined;
    // Only a state change: the speech starts after the next paint, after the tap's own stop.
    const wake = () => setMode('full');
    const options = { capture: true, passive: true, once: true } as const;
    window.addEventListener('pointerdown', wake, options);
    window.addEventListener('keydown', wake, options);
    return () => {
      window.removeEventListener('pointerdown', wake, options);
      window.removeEventListener('keydown', wake, options);
    };
  }, [mode]);
  return { mode, appear: mode === 'full' ? script : mode === 'notice' ? noticeScript : [] };
}
