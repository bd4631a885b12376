import { createContext, memo, useContext, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { HelpButton } from './HelpButton';
import { SpeechBar } from './SpeechBar';

/**
 * The action area at the foot of every screen (issue 14, item 11): the page's main action ("Weiter",
 * "Antrag absenden", "Fertig") and "Hilfe", always in reach without scrolling, where a resident in a
 * wheelchair reaches them on a portrait screen, with the speech bar under them. It stays above the
 * on-screen keyboard, so the keyboard never covers "Weiter". The page's main action is rendered by the
 * page (DockAction) into the dock's slot, which the frame keeps from step to step.
 */

const DockSlotContext = createContext<HTMLElement | null>(null);

export function DockSlotProvider({ slot, children }: { slot: HTMLElement | null; children: ReactNode }) {
  return <DockSlotContext.Provider value={slot}>{children}</DockSlotContext.Provider>;
}

/** The page's main action, shown in the dock. A submit button names its form (`form` attribute). */
export function DockAction({ children }: { children: ReactNode }) {
  const slot = useContext(DockSlotContext);
  return slot ? createPortal(children, slot) : null;
}

const HEIGHT_PROPERTY = '--dock-height';

interface BottomDockProps {
  helpKey?: string;
  namespace?: string;
  /** Receives the element the page's main action goes into (none on the start screen). */
  slotRef?: (element: HTMLElement | null) => void;
  /** The element at the end of the page's content: "more below" while it is out of sight. */
  pageEnd: HTMLElement | null;
}

export const BottomDock = memo(function BottomDock({ helpKey, namespace, slotRef, pageEnd }: BottomDockProps) {
  const dockRef = useRef<HTMLDivElement | null>(null);
  const [dockHeight, setDockHeight] = useState(0);
  useLayoutEffect(() => keepRoomFor(dockRef.current, setDockHeight), []);
  return (
    <div className="dock" ref={dockRef}>
      <div className="dock__bar">
        <div className="dock__inner">
          {slotRef && <div className="dock__primary" ref={slotRef} />}
          <MoreBelow pageEnd={pageEnd} dockHeight={dockHeight} />
          <HelpButton helpKey={helpKey} namespace={namespace} />
        </div>
      </div>
      <SpeechBar />
    </div>
  );
});

/**
 * "There is more below", while the end of the page is out of sight above the dock; a tap scrolls on.
 * Found by an IntersectionObserver, so the browser tells when it changes: no measuring on each step.
 */
function MoreBelow({ pageEnd, dockHeight }: { pageEnd: HTMLElement | null; dockHeight: number }) {
  const { t } = useTranslation();
  const [more, setMore] = useState(false);
  useEffect(() => {
    if (!pageEnd) return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (!entry) return;
        // Out of sight below the fold (not above it, where the resident has already been).
        setMore(!entry.isIntersecting && entry.boundingClientRect.top > 0);
      },
      { rootMargin: `0px 0px -${Math.round(dockHeight)}px 0px` },
    );
    observer.observe(pageEnd);
    return () => observer.disconnect();
  }, [pageEnd, dockHeight]);
  if (!more) return null;
  return (
    <Button
      className="button button--secondary dock__more"
      onPress={() => window.scrollBy({ top: Math.round(window.innerHeight * 0.6), behavior: 'instant' })}
    >
      <span className="dock__more-arrow" aria-hidden="true">
        ↓
      </span>
      {t('reach.moreBelow')}
    </Button>
  );
}

/** The dock's height goes into the page's scroll padding (styles/reach.css), in place of the speech bar's. */
function keepRoomFor(dock: HTMLElement | null, onHeight: (height: number) => void): (() => void) | undefined {
  if (!dock) return undefined;
  const root = document.documentElement;
  const observer = new ResizeObserver(([entry]) => {
    const height = Math.ceil(entry?.borderBoxSize[0]?.blockSize ?? dock.getBoundingClientRect().height);
    if (root.style.getPropertyValue(HEIGHT_PROPERTY) !== `${height}px`) {
      root.style.setProperty(HEIGHT_PROPERTY, `${height}px`);
      onHeight(height);
    }
  });
  observer.observe(dock);
  return () => {
    observer.disconnect();
    root.style.removeProperty(HEIGHT_PROPERTY);
  };
}
