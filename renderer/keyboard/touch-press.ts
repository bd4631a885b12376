import type { MouseEvent, PointerEvent } from 'react';

/**
 * A key that types (a letter, a digit, space, delete) types when the finger leaves it, as phone
 * keyboards do, not on the click Chromium makes of the tap: that click comes only after the touch has
 * gone to the page and back through the browser's tap detection (15–25 ms on the terminal, more when it
 * is busy), and the resident waits for the letter. The click that follows then types nothing. A mouse,
 * a switch or a screen reader types on the click as before. Keys that change the page (Weiter, hide)
 * stay on the click: the page must not move before the tap is over (see pointer-release.ts).
 */

/** When a finger last typed; the click of that tap comes within this time. */
let typedByTouchAt = -Infinity;
const CLICK_FOLLOWS_MS = 1000;

export interface PressHandlers {
  onPointerDown(): void;
  onPointerUp(event: PointerEvent<HTMLButtonElement>): void;
  onClick(event: MouseEvent<HTMLButtonElement>): void;
}

export function pressHandlers(onPress: () => void): PressHandlers {
  return {
    onPointerDown() {
      // A touch that typed but never clicked (a long press) must not swallow the next press's click.
      typedByTouchAt = -Infinity;
    },
    onPointerUp(event) {
      const key = event.currentTarget;
      if (event.pointerType !== 'touch' || key.disabled) return;
      // A finger that slid off the key types nothing, as its tap would not have clicked.
      const box = key.getBoundingClientRect();
      const { clientX: x, clientY: y } = event;
      if (x < box.left || x > box.right || y < box.top || y > box.bottom) return;
      typedByTouchAt = performance.now();
      onPress();
    },
    onClick() {
      // The tap's own click, on this key or on the one that took its place (a capital's key after Shift).
      const typed = performance.now() - typedByTouchAt < CLICK_FOLLOWS_MS;
      typedByTouchAt = -Infinity;
      if (!typed) onPress();
    },
  };
}
