import { useEffect, useRef, type ReactNode } from 'react';

/** The screen's h1; it takes focus when the screen opens, so keyboard and screen reader users start there. */
export function ScreenHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="screen-title">
      {children}
    </h1>
  );
}
