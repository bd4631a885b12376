import type { TFunction } from 'i18next';
import type { LiveSnapshot } from '../api/protocol';

type AnswerValue = LiveSnapshot['answers'][string];

/** An answer as staff read it: lists joined, yes/no in words, empty shown as such. */
export function answerText(t: TFunction, value: AnswerValue): string {
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) return value.length ? value.join(', ') : t('common.empty');
  const text = String(value);
  return text === '' ? t('common.empty') : text;
}
