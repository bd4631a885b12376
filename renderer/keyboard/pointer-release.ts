/**
 * Whether a tap is still under way, and a way to wait until it is over. When a tap on "Weiter"
 * takes focus from a field, the keyboard closes; the room it kept at the bottom of the page is given
 * back only after the tap, or the page would move under the finger: a touch screen sends the
 * mouse events of a tap after the finger is lifted, and the click would miss the button.
 */
let down = 0;
let lastRelease = -Infinity;

/** Quiet time after the last release before the page may move. */
const SETTLE_MS = 350;
const POLL_MS = 100;

function listen(): void {
  const options = { capture: true, passive: true } as const;
  const press = () => {
    down++;
  };
  const release = () => {
    down = Math.max(0, down - 1);
    lastRelease = performance.now();
  };
  window.addEventListener('pointerdown', press, options);
  window.addEventListener('mousedown', press, options);
  window.addEventListener('pointerup', release, options);
  window.addEventListener('pointercancel', release, options);
  window.addEventListener('mouseup', release, options);
  window.addEventListener('click', () => (lastRelease = performance.now()), options);
}

if (typeof window !== 'undefined') listen();

function settled(): boolean {
  return down === 0 && performance.now() - lastRelease >= SETTLE_MS;
}

/** Runs `callback` now when no tap is under way, else once it is over. Returns a cancel. */
export function afterPointerRelease(callback: () => void): () => void {
  if (settled()) {
    callback();
    return () => {};
  }
  let timer: ReturnType<typeof setTimeout>;
  const check = () => {
    if (settled()) callback();
    else timer = setTimeout(check, POLL_MS);
  };
  timer = setTimeout(check, POLL_MS);
  return () => clearTimeout(timer);
}
