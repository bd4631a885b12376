import type { ScalarAnswer } from '../answers';
import type { AnswerWords } from './types';

/** A typed answer in words: yes/no for a tick, a list comma separated, else the value as it is. */
export function plainText(value: ScalarAnswer, words: AnswerWords): string {
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (Array.isArray(value)) return value.map(words.option).join(', ');
  return String(value);
}
