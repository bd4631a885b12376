import type { TFunction } from 'i18next';
import type { Answers, Field, ServiceDefinition, Step } from '../../contract';
import { fieldType } from '../../contract/fields/registry';
import { groupItems, scalarAnswer } from '../../contract/journey';
import { serviceNamespace } from '../../contract/namespaces';
import { answerText } from '../i18n/answerText';

/** One answer on the check page: a field, or a step's fields shown together (the address). */
export interface CheckRow {
  key: string;
  step: Step;
  fields: Field[];
  label: string;
  value: string;
  /** Written left to right whatever the language (phone numbers, e-mail addresses). */
  ltr: boolean;
  /** The answers the row's fields read: the session's, or one item's of a repeatable group. */
  answers: Answers;
  /** A repeatable group's item ("Person 2" is 1); its "Ändern" opens that item. */
  item?: number;
}

function hasAnswer(value: Answers[string] | undefined): boolean {
  return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
}

function fieldLabelKeys(step: Step, field: Field): string[] {
  return [`check.${field.name}`, field.labelKey ?? step.titleKey];
}

/** The check page's rows for the visible steps; a step with `check` is one row with one "Ändern". */
export function checkRows(
  t: TFunction,
  service: ServiceDefinition,
  visibleStepIds: readonly string[],
  answers: Answers,
): CheckRow[] {
  const ns = serviceNamespace(service.id);
  const visible = new Set(visibleStepIds);
  return service.journey.steps
    .filter((step) => visible.has(step.id) && step.kind !== 'outcome')
    .flatMap((step): CheckRow[] => {
      if (step.repeat) return groupRows(t, ns, step, answers);
      if (step.check) {
        const values = Object.fromEntries(
          step.fields.map((field) => [field.name, answerText(t, ns, field, scalarAnswer(answers[field.name]))]),
        );
        // Answers not given leave no gap: "Hökerstraße 14" / "21682 Stade".
        const given = (field: Field) => hasAnswer(answers[field.name]);
        const lines = step.check.lines ?? step.fields.map((field) => [field.name]);
        const value =
          lines
            .map((line) =>
              line
                .flatMap((name) => step.fields.filter((field) => field.name === name && given(field)))
                .map((field) => values[field.name])
                .join(' '),
            )
            .filter((line) => line !== '')
            .join('\n') || t('check.notGiven');
        // Typed lines such as an address read left to right in Arabic too ("21682 Stade", not "Stade 21682").
        const typed = step.fields.every((field) => !field.options && fieldType(field.type).typed);
        const label = t(step.check.labelKey, { ns });
        return [{ key: step.id, step, fields: step.fields, label, value, ltr: typed, answers }];
      }
      return step.fields.map((field) => ({
        key: field.name,
        step,
        fields: [field],
        label: t(fieldLabelKeys(step, field), { ns }),
        value: answerText(t, ns, field, scalarAnswer(answers[field.name])),
        ltr: fieldType(field.type).ltr === true,
        answers,
      }));
    });
}

/** One row per item ("Person 2": its answers, one line per check line or field); "Nicht angegeben" for none. */
function groupRows(t: TFunction, ns: string, step: Step, answers: Answers): CheckRow[] {
  const items = groupItems(step, answers);
  if (items.length === 0) {
    const label = t(step.titleKey, { ns });
    return [{ key: step.id, step, fields: step.fields, label, value: t('check.notGiven'), ltr: false, answers: {} }];
  }
  const lines = step.check?.lines ?? step.fields.map((field) => [field.name]);
  return items.map((item, index) => {
    const value = lines
      .map((line) =>
        line
          .flatMap((name) => step.fields.filter((field) => field.name === name && item[name] !== undefined))
          .map((field) => answerText(t, ns, field, item[field.name]))
          .join(' '),
      )
      .filter((line) => line !== '')
      .join('\n');
    const label = t(step.repeat!.itemLabelKey, { ns, number: index + 1 });
    return {
      key: `${step.id}-${index}`,
      step,
      fields: step.fields,
      label,
      value,
      ltr: false,
      answers: item,
      item: index,
    };
  });
}

/** The spoken label of a row, with `_spoken` forms ("Menge in Kubikmetern"). */
export function spokenRowLabel(t: TFunction, service: ServiceDefinition, row: CheckRow): string {
  const ns = serviceNamespace(service.id);
  if (row.item !== undefined) return t(row.step.repeat!.itemLabelKey, { ns, number: row.item + 1 });
  if (row.step.check) return t([`${row.step.check.labelKey}_spoken`, row.step.check.labelKey], { ns });
  const [field] = row.fields;
  const keys = fieldLabelKeys(row.step, field!);
  return t([`${keys[0]}_spoken`, ...keys], { ns });
}
