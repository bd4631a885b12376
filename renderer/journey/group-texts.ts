import type { TFunction } from 'i18next';
import type { FieldError, GroupItem, Step } from '../../contract';
import { answerText } from '../i18n/answerText';
import { fieldErrorText } from '../i18n/fieldErrors';
import { spokenFieldError } from '../speech/scripts';

/** How an item reads in its group's list: its summary fields ("Erika Muster"). */
export function itemSummary(t: TFunction, ns: string, step: Step, item: GroupItem): string {
  return step
    .repeat!.summaryFields.flatMap((name) => {
      const field = step.fields.find((candidate) => candidate.name === name);
      return field && item[name] !== undefined ? [answerText(t, ns, field, item[name])] : [];
    })
    .join(' ');
}

/** A group's problems as the list shows and says them: each item's problem with the item's name ("Person 2: …"). */
export function groupErrorTexts(
  t: TFunction,
  ns: string,
  step: Step,
  errors: readonly FieldError[],
): { field: string; text: string; spoken: string }[] {
  return errors.map((error) => {
    const text = fieldErrorText(t, ns, error);
    const spoken = spokenFieldError(t, ns, error);
    if (error.item === undefined) return { field: error.field, text, spoken };
    const item = t(step.repeat!.itemLabelKey, { ns, number: error.item + 1 });
    return {
      // The summary keys its rows by field: one per item and field.
      field: `${error.field}-${error.item}`,
      text: t('group.itemError', { item, error: text }),
      spoken: t('group.itemError', { item, error: spoken }),
    };
  });
}
