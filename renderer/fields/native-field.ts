import { useId } from 'react';

/**
 * The ids a native field wires itself (label, hint, error), instead of react-aria's field components.
 * react-aria's TextField and RadioGroup find out after mounting whether their hint and error elements
 * exist (useSlotId reads the DOM in a layout effect) and set state when one does not: a second,
 * synchronous render of every field right after each new page was committed, on every step (issue 19,
 * bench/STEPS-PROFILE.md). Here the page knows what it renders, so the ids are right the first time.
 */
export interface NativeFieldIds {
  label: string;
  hint: string;
  error: string;
}

export function useNativeFieldIds(): NativeFieldIds {
  const base = useId();
  return { label: `${base}label`, hint: `${base}hint`, error: `${base}error` };
}

/** aria-describedby for what is shown: the hint, then the error; undefined when neither is. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const shown = ids.filter((id): id is string => Boolean(id));
  return shown.length > 0 ? shown.join(' ') : undefined;
}
