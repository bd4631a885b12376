import { useEffect, useRef, type RefObject } from 'react';

/**
 * On every new page: focus the h1 (so screen readers start at the question)
 * and set the document title. The title updates on language change without
 * moving focus.
 */
export function useScreenFocus(pageKey: string, title: string): RefObject<HTMLHeadingElement | null> {
  const headingRef = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: false });
    window.scrollTo(0, 0);
  }, [pageKey]);
  useEffect(() => {
    document.title = title;
  }, [title]);
  return headingRef;
}
