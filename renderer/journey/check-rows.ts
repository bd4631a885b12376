import type { TFunction } from 'i18next';
import type { Answers, Field, ServiceDefinition, Step } from '../../contract';
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
      if (step.check) {
        const values = Object.fromEntries(
          step.fields.map((field) => [field.name, answerText(t, ns, field, answers[field.name])]),
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
        const typed = step.fields.every((field) => !field.options && field.type !== 'date' && field.type !== 'confirm');
        return [{ key: step.id, step, fields: step.fields, label: t(step.check.labelKey, { ns }), value, ltr: typed }];
      }
      return step.fields.map((field) => ({
        key: field.name,
        step,
        fields: [field],
        label: t(fieldLabelKeys(step, field), { ns }),
        value: answerText(t, ns, field, answers[field.name]),
        ltr: field.type === 'tel' || field.type === 'email',
      }));
    });
}

/** The spoken label of a row, with `_spoken` forms ("Menge in Kubikmetern"). */
export function spokenRowLabel(t: TFunction, service: ServiceDefinition, row: CheckRow): string {
  const ns = serviceNamespace(service.id);
  if (row.step.check) return t([`${row.step.check.labelKey}_spoken`, row.step.check.labelKey], { ns });
  const [field] = row.fields;
  const keys = fieldLabelKeys(row.step, field!);
  return t([`${keys[0]}_spoken`, ...keys], { ns });
}
