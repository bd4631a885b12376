import type { TFunction } from 'i18next';
import type { CatalogField, LiveSnapshot } from '../api/protocol';
import { inputKind } from './field-values';

type AnswerValue = LiveSnapshot['answers'][string];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-03-01" → "01.03.2026", as residents and staff write dates; anything else unchanged. */
export function displayDate(value: string): string {
  const match = ISO_DATE.exec(value);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : value;
}

function optionLabel(field: CatalogField | null, value: string): string {
  return field?.options?.find((option) => option.value === value)?.label ?? value;
}

function groupItemText(t: TFunction, item: Record<string, string | number | boolean | string[]>): string {
  return Object.values(item)
    .map((entry) => answerText(t, entry))
    .join(', ');
}

/** An answer as staff read it: choices by their label, dates as dd.mm.yyyy, yes/no in words, empty as such. */
export function answerText(t: TFunction, value: AnswerValue, field: CatalogField | null = null): string {
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) {
    if (!value.length) return t('common.empty');
    // A repeatable group (persons moving in): one line per item, its answers in order.
    return value
      .map((entry) => (typeof entry === 'string' ? optionLabel(field, entry) : groupItemText(t, entry)))
      .join(typeof value[0] === 'string' ? ', ' : '\n');
  }
  const text = String(value);
  if (text === '') return t('common.empty');
  if ((field && inputKind(field) === 'date') || (field === null && ISO_DATE.test(text))) return displayDate(text);
  return optionLabel(field, text);
}
