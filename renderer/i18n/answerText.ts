import type { TFunction } from 'i18next';
import type { Field, ScalarAnswer } from '../../contract';
import { fieldType } from '../../contract/fields/registry';
import { formatIsoDate } from './format';

/** How an answer reads on the check page: option labels, Ja/Nein, formatted dates, "Nicht angegeben". */
export function answerText(t: TFunction, namespace: string, field: Field, value: ScalarAnswer | undefined): string {
  const type = fieldType(field.type);
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return type.unansweredIsNo ? t('check.no') : t('check.notGiven');
  }
  return type.text(value, {
    yes: t('check.yes'),
    no: t('check.no'),
    option: (optionValue) => {
      const option = field.options?.find((candidate) => candidate.value === optionValue);
      return option ? t(option.labelKey, { ns: namespace }) : optionValue;
    },
    date: (iso) => formatIsoDate(t, iso),
    digits: (text) => text,
    // Each chosen option on a line of its own.
    listSeparator: '\n',
  });
}
