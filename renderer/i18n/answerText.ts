import type { TFunction } from 'i18next';
import type { Field, ScalarAnswer } from '../../contract';
import { formatIsoDate } from './format';

/** How an answer reads on the check page: option labels, Ja/Nein, formatted dates, "Nicht angegeben". */
export function answerText(t: TFunction, namespace: string, field: Field, value: ScalarAnswer | undefined): string {
  const optionLabel = (optionValue: string) => {
    const option = field.options?.find((candidate) => candidate.value === optionValue);
    return option ? t(option.labelKey, { ns: namespace }) : optionValue;
  };
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return field.type === 'confirm' ? t('check.no') : t('check.notGiven');
  }
  switch (field.type) {
    case 'confirm':
      return value === true ? t('check.yes') : t('check.no');
    case 'date':
      return typeof value === 'string' ? formatIsoDate(t, value) : String(value);
    case 'radio':
      return typeof value === 'string' ? optionLabel(value) : String(value);
    case 'checkboxes':
      return Array.isArray(value) ? value.map((entry) => optionLabel(String(entry))).join('\n') : String(value);
    default:
      if (typeof value === 'boolean') return value ? t('check.yes') : t('check.no');
      return Array.isArray(value) ? value.join(', ') : String(value);
  }
}
