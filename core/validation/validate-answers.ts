import {
  answersOfVisibleSteps,
  groupItems,
  visibleSteps,
  type AnswerInput,
  type Answers,
  type AnswerValue,
  type FieldError,
  type Step,
} from '../../contract';
import type { LoadedService } from '../catalog/loaded-service';
import { cleanAnswer } from './clean-input';
import { toFieldErrors } from './field-errors';
import { groupErrors } from './validate-group';

export type StepValidation =
  | { ok: true; set: Record<string, AnswerValue>; remove: string[] }
  | { ok: false; unknownField: string }
  | { ok: false; fieldErrors: FieldError[] };

/**
 * Validates the values for one step. A field of the step that is missing from
 * `values`, or empty, means "no answer": it is removed if the schema allows
 * that, and reported as `required` otherwise (including if/then requirements,
 * which is why the whole prospective answers object is validated as well).
 */
export function validateStep(
  service: LoadedService,
  step: Step,
  values: Record<string, AnswerInput>,
  stored: Answers,
): StepValidation {
  const fieldNames = new Set(step.fields.map((field) => field.name));
  const unknown = Object.keys(values).find((name) => !fieldNames.has(name));
  if (unknown !== undefined) return { ok: false, unknownField: unknown };

  const set: Record<string, AnswerValue> = {};
  const remove: string[] = [];
  const fieldErrors: FieldError[] = [];
  for (const field of step.fields) {
    const property = service.schema.properties?.[field.name] ?? {};
    const cleaned = cleanAnswer(field, property, values[field.name]);
    if (cleaned.kind === 'error') {
      fieldErrors.push({
        field: field.name,
        code: cleaned.code,
        ...(cleaned.params ? { params: cleaned.params } : {}),
      });
    } else if (cleaned.kind === 'empty') {
      remove.push(field.name);
    } else {
      const validate = service.validateProperty(field.name);
      if (validate(cleaned.value)) set[field.name] = cleaned.value;
      else fieldErrors.push(...toFieldErrors(validate.errors, field.name));
    }
  }
  const prospective: Answers = { ...stored, ...set };
  for (const name of remove) delete prospective[name];
  // Requirements of the whole schema (required, if/then) for the fields not already in error, so the
  // resident sees every problem of the page at once, as GOV.UK asks.
  if (visibleSteps(service.definition, prospective).some((visible) => visible.id === step.id)) {
    const inError = new Set(fieldErrors.map((error) => error.field));
    for (const error of validateAnswers(service, prospective)) {
      if (fieldNames.has(error.field) && !inError.has(error.field)) fieldErrors.push(error);
    }
  }
  if (fieldErrors.length > 0) {
    const order = step.fields.map((field) => field.name);
    fieldErrors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
    return { ok: false, fieldErrors };
  }
  return { ok: true, set, remove };
}

/** Validates the answers of the visible steps against the full schema. */
export function validateAnswers(service: LoadedService, answers: Answers): FieldError[] {
  const visible = answersOfVisibleSteps(service.definition, answers);
  return service.validateAll(visible) ? [] : toFieldErrors(service.validateAll.errors);
}

/**
 * The first visible step that still needs the resident: not yet passed with
 * "Weiter", or holding a field the full schema rejects. undefined = complete.
 */
export function firstIncompleteStep(
  service: LoadedService,
  answers: Answers,
  completedSteps: readonly string[],
): { step: Step; fieldErrors: FieldError[] } | undefined {
  const errors = validateAnswers(service, answers);
  for (const step of visibleSteps(service.definition, answers)) {
    // A repeatable group's errors name the item they are about ("Person 2"), not only the list.
    const stepErrors = step.repeat
      ? groupErrors(service, step, groupItems(step, answers))
      : errors.filter((error) => step.fields.some((field) => field.name === error.field));
    if (!completedSteps.includes(step.id) || stepErrors.length > 0) return { step, fieldErrors: stepErrors };
  }
  return undefined;
}
