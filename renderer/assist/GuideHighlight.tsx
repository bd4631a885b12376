import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuideTargetName } from '../../contract';
import { useAssist } from './context';

/** How long the ring stays if the resident does not touch the screen. */
const HIGHLIGHT_MS = 8_000;
const RING_CLASS = 'guide-ring';

/** The control staff point at: a navigation button (data-guide) or a question's field (data-field-name). */
export function findGuideTarget(target: GuideTargetName, root: ParentNode = document): HTMLElement | null {
  const selector = target.startsWith('field:')
    ? `[data-field-name="${CSS.escape(target.slice('field:'.length))}"]`
    : `[data-guide="${CSS.escape(target)}"]`;
  return root.querySelector<HTMLElement>(selector);
}

function controlName(element: HTMLElement): string {
  const labelled = element.getAttribute('aria-label');
  const legend = element.querySelector('legend, label');
  return (labelled ?? legend?.textContent ?? element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 120);
}

/**
 * Rings the control staff point at, thick and high-contrast, scrolls it into
 * view and says which one it is; the ring goes after a few seconds or at the
 * next touch or key.
 */
export function GuideHighlight() {
  const { t } = useTranslation();
  const { guide, help } = useAssist();
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    if (!guide) return;
    const element = findGuideTarget(guide.target);
    if (!element) return;
    element.classList.add(RING_CLASS);
    element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    // Announced in the next frame, once the ring is painted (a live region needs a change to speak).
    const frame = requestAnimationFrame(() =>
      setAnnouncement(t('assist.guide.announce', { control: controlName(element) })),
    );
    const clear = () => {
      element.classList.remove(RING_CLASS);
      setAnnouncement('');
    };
    const timer = setTimeout(clear, HIGHLIGHT_MS);
    const options = { capture: true, passive: true } as const;
    window.addEventListener('pointerdown', clear, options);
    window.addEventListener('keydown', clear, options);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      window.removeEventListener('pointerdown', clear, options);
      window.removeEventListener('keydown', clear, options);
      clear();
    };
    // A new highlight (serial) replaces the last; the help state ending clears it too.
  }, [guide, t, help.status]);

  return (
    <p className="visually-hidden" aria-live="assertive" aria-atomic="true">
      {announcement}
    </p>
  );
}
