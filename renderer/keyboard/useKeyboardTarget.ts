import { useEffect, useRef, useState } from 'react';
import { isTextField, moveCaret, type TextField } from './editing';

/** A focus that follows a touch within this time counts as "by touch" (a tapped label focuses its field). */
const POINTER_FOCUS_MS = 800;

export interface KeyboardTarget {
  /** The text field that has focus, if any. */
  field: TextField | null;
  /** Whether the on-screen keyboard is shown for it. */
  isOpen: boolean;
  show(): void;
  hide(): void;
}

/**
 * Follows focus to decide when the on-screen keyboard shows: when a text field gets focus by touch
 * (or mouse, which is what some touch screens report), and while focus moves on from field to field.
 * Focus by the Tab key never opens it: whoever uses a physical keyboard types on that.
 * It hides when focus leaves the text fields, or when the resident hides it.
 */
export function useKeyboardTarget(): KeyboardTarget {
  // A field tapped before this keyboard was there (on the start screen its code loads after the first paint,
  // which a slow terminal may still be doing): open for it at once instead of waiting for a second tap.
  const [field, setField] = useState<TextField | null>(() =>
    isTextField(document.activeElement) ? document.activeElement : null,
  );
  const [isOpen, setOpen] = useState(() => isTextField(document.activeElement));
  const lastPointer = useRef(-Infinity);

  useEffect(() => {
    function onPointerDown(event: PointerEvent): void {
      lastPointer.current = performance.now();
      // A tap on the field that already has focus brings a hidden keyboard back.
      if (isTextField(event.target) && event.target === document.activeElement) setOpen(true);
    }
    function onClick(event: MouseEvent): void {
      // A tap puts the cursor at the end, where the resident goes on typing: a fingertip cannot aim between
      // two letters. The keyboard's arrow keys (and a physical keyboard's) move it from there.
      if (event.detail > 0 && isTextField(event.target)) moveCaret(event.target, 'end');
    }
    function onKeyDown(): void {
      // Focus moved by Tab right after a tap is still focus by keyboard.
      lastPointer.current = -Infinity;
    }
    function onFocusIn(event: FocusEvent): void {
      if (!isTextField(event.target)) {
        // A new page moves focus to its heading while the field it had may be gone without a focusout.
        setField(null);
        setOpen(false);
        return;
      }
      setField(event.target);
      if (performance.now() - lastPointer.current < POINTER_FOCUS_MS) setOpen(true);
    }
    function onFocusOut(): void {
      // After the focus has landed: field to field keeps the keyboard, anything else closes it.
      setTimeout(() => {
        const active = document.activeElement;
        if (isTextField(active)) return;
        setField(null);
        setOpen(false);
      }, 0);
    }
    const capture = { capture: true } as const;
    document.addEventListener('pointerdown', onPointerDown, capture);
    document.addEventListener('keydown', onKeyDown, capture);
    document.addEventListener('click', onClick, capture);
    document.addEventListener('focusin', onFocusIn, capture);
    document.addEventListener('focusout', onFocusOut, capture);
    return () => {
      document.removeEventListener('keydown', onKeyDown, capture);
      document.removeEventListener('click', onClick, capture);
      document.removeEventListener('pointerdown', onPointerDown, capture);
      document.removeEventListener('focusin', onFocusIn, capture);
      document.removeEventListener('focusout', onFocusOut, capture);
    };
  }, []);

  return {
    field,
    isOpen: isOpen && field !== null && field.isConnected,
    show: () => setOpen(true),
    hide: () => setOpen(false),
  };
}
