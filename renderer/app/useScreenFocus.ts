import { useEffect, useRef, type RefObject } from 'react';
import { afterNextPaint } from './after-paint';

/** The longest the window title waits for an idle moment (a page that is never idle still gets its title). */
const TITLE_IDLE_TIMEOUT_MS = 500;

/** Brings the focused element into sight, above the speech bar and the keyboard (scroll-padding in keyboard.css). */
function keepFocusInSight(): void {
  const focused = document.activeElement;
  if (focused instanceof HTMLElement && focused !== document.body) focused.scrollIntoView({ block: 'nearest' });
}

/**
 * On every new page: focus the h1 (so screen readers start at the question)
 * and set the document title. The title updates on language change without
 * moving focus.
 *
 * The page starts at its top, unless that leaves the heading under the speech bar: with large text on
 * a landscape screen the bar takes a third of the height. The same holds when the screen is turned.
 */
export function useScreenFocus(pageKey: string, title: string): RefObject<HTMLHeadingElement | null> {
  const headingRef = useRef<HTMLHeadingElement | null>(null);
  // In the frame that shows the new page, before its style and layout: focus() and the scrolling force both,
  // so done here they are done once, for that frame, and not on the way to putting the page in the DOM
  // (issue 19). The blur of what had focus ("Weiter", which stays) renders there too, not with the page.
  useEffect(() => {
    const focusedBefore = document.activeElement;
    const frame = requestAnimationFrame(() => {
      // Something on the new page took focus on purpose in the meantime (the error summary): it keeps it.
      const focused = document.activeElement;
      if (focused !== focusedBefore && focused !== null && focused !== document.body) return;
      headingRef.current?.focus({ preventScroll: true });
      window.scrollTo(0, 0);
      keepFocusInSight();
    });
    return () => cancelAnimationFrame(frame);
  }, [pageKey]);
  // When the page is idle, after the new page is painted: setting the title costs Chromium about 3 ms of the
  // main thread (a profile of the steps, issue 19), which inside the commit held back the page it names, and
  // right after the first paint could hold back the frame after it.
  useEffect(() => {
    const set = () => void (document.title = title);
    if (typeof requestIdleCallback !== 'function') return afterNextPaint(set);
    const idle = requestIdleCallback(set, { timeout: TITLE_IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(idle);
  }, [title]);
  useEffect(() => {
    window.addEventListener('resize', keepFocusInSight);
    return () => window.removeEventListener('resize', keepFocusInSight);
  }, []);
  return headingRef;
}
