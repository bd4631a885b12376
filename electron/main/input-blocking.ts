/**
 * Keyboard escape routes out of the kiosk (reload, developer tools, print,
 * zoom, fullscreen toggle, history, closing). Text editing keys stay usable.
 * Shaped like Electron's `Input` from before-input-event.
 */
export interface KeyInput {
  type: string;
  key: string;
  code: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

const BLOCKED_ALONE = new Set(['F3', 'F5', 'F6', 'F7', 'F10', 'F11', 'F12']);
const BLOCKED_MEDIA_KEYS = new Set(['BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch']);
/** With Ctrl (or Cmd): reload, print, save, open, find, new window/tab, close, quit, view source, address bar, history, downloads. */
const BLOCKED_WITH_MODIFIER = new Set(['r', 'p', 's', 'o', 'f', 'g', 'n', 't', 'w', 'q', 'u', 'l', 'h', 'j', 'd', 'm']);
const ZOOM_KEYS = new Set(['+', '-', '=', '0', 'add', 'subtract']);
const ZOOM_CODES = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);
const DEVTOOLS_KEYS = new Set(['i', 'j', 'c', 'k']);

export function isBlockedInput(input: KeyInput): boolean {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const command = input.control || input.meta;

  if (BLOCKED_ALONE.has(input.key) || BLOCKED_MEDIA_KEYS.has(input.key)) return true;
  if (input.alt && (input.key === 'F4' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home')) return true;
  if (!command) return false;
  if (input.shift && DEVTOOLS_KEYS.has(key)) return true;
  if (input.alt && DEVTOOLS_KEYS.has(key)) return true; // Cmd+Alt+I on macOS
  if (BLOCKED_WITH_MODIFIER.has(key)) return true;
  if (ZOOM_KEYS.has(key.toLowerCase()) || ZOOM_CODES.has(input.code)) return true;
  if (key === 'Tab' || key === 'PageUp' || key === 'PageDown') return true; // tab switching
  return false;
}
