import type { TFunction } from 'i18next';
import { say, type Utterance } from '../speech/scripts';
import { spokenText } from '../speech/spoken-text';

/** The screen's sections: a heading key and its items' keys (namespace `counting`). */
export const COUNTING_SECTIONS = [
  { heading: 'countedHeading', items: ['counted1', 'counted2', 'counted3', 'counted4'] },
  { heading: 'publishedHeading', items: ['published1', 'published2'] },
  { heading: 'neverHeading', items: ['never1', 'never2'] },
] as const;

/** "Was wir zählen", read aloud from top to bottom. */
export function countingScript(t: TFunction): Utterance[] {
  const out = [say(spokenText(t, 'counting.title')), say(spokenText(t, 'counting.lead'))];
  for (const { heading, items } of COUNTING_SECTIONS) {
    out.push(say(spokenText(t, `counting.${heading}`)), ...items.map((item) => say(spokenText(t, `counting.${item}`))));
  }
  out.push(say(spokenText(t, 'counting.back')));
  return out;
}
