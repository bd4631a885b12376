/**
 * Typing into the focused field as a real keyboard would. `insertText` and `delete` go through the
 * browser's editing, so the field fires the same beforeinput/input events as for a physical key:
 * react-aria's onChange, validation, maxLength and the caret position all behave unchanged.
 */

export type TextField = HTMLInputElement | HTMLTextAreaElement;

const TEXT_INPUT_TYPES = new Set(['text', 'email', 'tel', 'search', 'url', 'number', '']);

export function isTextField(element: EventTarget | null): element is TextField {
  if (element instanceof HTMLTextAreaElement) return !element.readOnly && !element.disabled;
  if (!(element instanceof HTMLInputElement)) return false;
  return TEXT_INPUT_TYPES.has(element.type) && !element.readOnly && !element.disabled;
}

/** Fallback for a browser without execCommand: set the value the way React notices, then tell it. */
function setValue(field: TextField, value: string, caret: number): void {
  const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, value);
  try {
    field.setSelectionRange(caret, caret);
  } catch {
    // type=email has no selection API; the caret stays at the end.
  }
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

function selection(field: TextField): [number, number] {
  try {
    const start = field.selectionStart ?? field.value.length;
    return [start, field.selectionEnd ?? start];
  } catch {
    return [field.value.length, field.value.length];
  }
}

export function insertText(field: TextField, text: string): void {
  if (document.activeElement !== field) field.focus({ preventScroll: true });
  if (document.execCommand('insertText', false, text)) return;
  const [start, end] = selection(field);
  const limit = field.maxLength > 0 ? field.maxLength : Infinity;
  const room = Math.max(0, limit - (field.value.length - (end - start)));
  const typed = text.slice(0, room);
  setValue(field, field.value.slice(0, start) + typed + field.value.slice(end), start + typed.length);
}

export function deleteBackward(field: TextField): void {
  if (document.activeElement !== field) field.focus({ preventScroll: true });
  if (document.execCommand('delete', false)) return;
  const [start, end] = selection(field);
  if (start === end && start === 0) return;
  const from = start === end ? start - 1 : start;
  setValue(field, field.value.slice(0, from) + field.value.slice(end), from);
}

/** Empties the field through the browser's editing, so it is one undoable input like any other. */
export function clearField(field: TextField): void {
  if (document.activeElement !== field) field.focus({ preventScroll: true });
  if (field.value === '') return;
  field.select();
  if (document.execCommand('delete', false)) return;
  setValue(field, '', 0);
}

/** Puts the caret at the end (a tap on a field) or moves it by `delta` characters (the arrow keys). */
export function moveCaret(field: TextField, delta: number | 'end'): void {
  const [start] = selection(field);
  const to = delta === 'end' ? field.value.length : Math.min(field.value.length, Math.max(0, start + delta));
  try {
    field.setSelectionRange(to, to);
  } catch {
    // type=email has no selection API; the caret stays where it is.
  }
}

/** Whether the caret is at the very start of the field (nothing before it). */
export function caretAtStart(field: TextField): boolean {
  const [start, end] = selection(field);
  return start === 0 && end === 0;
}

/** The text fields after this one in its form, in document order (the date's Tag → Monat → Jahr). */
export function nextTextField(field: TextField): TextField | null {
  const scope = field.form ?? field.closest('form') ?? document.body;
  const fields = Array.from(scope.querySelectorAll('input, textarea')).filter(isTextField);
  return fields[fields.indexOf(field) + 1] ?? null;
}

/**
 * Scrolls so that the field is above the keyboard: with its label and the form's "Weiter" button
 * when they fit, else with its label, else the field alone.
 * Instant, never smooth: no motion that a resident has to follow.
 */
export function revealAboveKeyboard(field: TextField, keyboardHeight: number, margin = 16): void {
  // The dock ("Weiter", "Hilfe", speech) sits on top of the keyboard: the field goes above both.
  const dock = document.querySelector('.dock')?.getBoundingClientRect().height ?? 0;
  const visibleBottom = window.innerHeight - keyboardHeight - dock - margin;
  const room = visibleBottom - margin;
  const fieldRect = field.getBoundingClientRect();
  const groupRect = field.closest('.form-group')?.getBoundingClientRect() ?? fieldRect;
  const submitRect = field.form?.querySelector('[type=submit]')?.getBoundingClientRect();
  const candidates = [
    submitRect && submitRect.top >= groupRect.top
      ? { top: groupRect.top, bottom: Math.max(groupRect.bottom, submitRect.bottom) }
      : null,
    { top: groupRect.top, bottom: groupRect.bottom },
  ];
  const box = candidates.find((candidate) => candidate && candidate.bottom - candidate.top <= room) ?? fieldRect;
  if (box.bottom > visibleBottom) window.scrollBy({ top: box.bottom - visibleBottom, behavior: 'instant' });
  else if (box.top < margin) window.scrollBy({ top: box.top - margin, behavior: 'instant' });
}
