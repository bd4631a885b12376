import { afterNextPaint } from './after-paint';

/** The performance mark `npm run bench` reads for cold start; a mark costs nothing and holds no data. */
export const FIRST_SCREEN_MARK = 'kiosk:first-screen-painted';

let marked = false;

/**
 * Marks the moment the first start screen with its services has been painted: called from the
 * screen's effect (so the DOM and its event handlers are committed), the mark itself waits for
 * the next frame to be painted (rAF, then a task), as the step-transition figure does.
 */
export function markFirstScreenPainted(): void {
  if (marked) return;
  marked = true;
  afterNextPaint(() => performance.mark(FIRST_SCREEN_MARK));
}
