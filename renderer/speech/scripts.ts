import type { TFunction } from 'i18next';
import type {
  ApiErrorCode,
  Field,
  FieldError,
  LanguageCode,
  Office,
  ScalarAnswer,
  ServiceDefinition,
  SessionView,
  Step,
} from '../../contract';
import {
  applicableParts,
  groupItems,
  scalarAnswer,
  selectParts,
  totalCents,
  type FeeLine,
} from '../../contract/journey';
import { fieldScript } from '../../contract/field-script';
import { fieldType } from '../../contract/fields/registry';
import { DEFAULT_LANGUAGE } from '../../contract/languages';
import { serviceNamespace } from '../../contract/namespaces';
import { spokenServiceTerm } from '../i18n/service-terms';
import { checkRows, spokenRowLabel } from '../journey/check-rows';
import { DESK_ACCESS_TEXT } from '../../contract/office-keys';
import { officeUtterances } from '../offices/office-script';
import { spokenDate, spokenDigits, spokenMoney, spokenReference, spokenText } from './spoken-text';

/**
 * What each screen says, composed from the same i18n texts as the screen
 * (never scraped from the page). Pure functions of `t` and the screen's data,
 * so unit tests can synthesise every screen of every service in every language.
 */

/**
 * A screen's script, or how to make it: a screen passes a function when making it costs something
 * (many texts), so that it is made when it is spoken, after the screen is painted, not on every render.
 */
export type Script = readonly Utterance[] | (() => readonly Utterance[]);

export function scriptOf(script: Script): readonly Utterance[] {
  return typeof script === 'function' ? script() : script;
}

export interface Utterance {
  text: string;
  /** The resident's own data: spoken only when they switched it on, and never cached. */
  personal?: boolean;
  /** Spoken in another voice than the screen's (each language's name in itself). */
  language?: LanguageCode;
}

/** Inputs a bystander must never hear, whatever the resident chose (none of today's field types). */
const MASKED_AUTOCOMPLETE = /(^|\s)(current-password|new-password|one-time-code|cc-number|cc-csc)(\s|$)/;

export function isMasked(field: Field): boolean {
  return field.autocomplete !== undefined && MASKED_AUTOCOMPLETE.test(field.autocomplete);
}

export const say = (text: string): Utterance => ({ text });

function hasAnswer(value: ScalarAnswer | undefined): value is ScalarAnswer {
  return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/** How an answer is said: option labels, yes/no, dates with the month as a word, phone numbers digit by digit. */
export function spokenAnswer(t: TFunction, namespace: string, field: Field, value: ScalarAnswer): string {
  return fieldType(field.type).text(value, {
    yes: t('check.yes'),
    no: t('check.no'),
    option: (optionValue) => {
      const found = field.options?.find((candidate) => candidate.value === optionValue);
      return found ? spokenText(t, found.labelKey, { ns: namespace }) : optionValue;
    },
    date: (iso) => spokenDate(t, iso),
    digits: spokenDigits,
    listSeparator: ', ',
  });
}

/** The resident's answer, only when they chose to hear their own data and the field is not masked. */
function answerUtterance(
  t: TFunction,
  namespace: string,
  field: Field,
  value: ScalarAnswer | undefined,
  speakAnswers: boolean,
): Utterance[] {
  if (!speakAnswers || isMasked(field) || !hasAnswer(value)) return [];
  return [{ text: t('speech.yourAnswer', { answer: spokenAnswer(t, namespace, field, value) }), personal: true }];
}

/** A field's problem in the service's own words, else the general ones; spoken forms first. */
export function spokenFieldError(t: TFunction, namespace: string, error: FieldError): string {
  const specific = `${namespace}:fields.${error.field}.errors.${error.code}`;
  const general = `common:errors.field.${error.code}`;
  return t([`${specific}_spoken`, specific, `${general}_spoken`, general], { ...error.params });
}

export interface QuestionScriptInput {
  service: ServiceDefinition;
  step: Step;
  stepNumber: number;
  stepCount: number;
  answers: SessionView['answers'];
  /** Changing one answer from the check page: no step count. */
  returnToCheck?: boolean;
  errors: readonly FieldError[];
  apiError: ApiErrorCode | null;
  speakAnswers: boolean;
  /** The session's language: free-text fields say in other languages that German staff read them. */
  language?: string;
  /** A repeatable group's item whose questions are on screen ("Person 2" is 1). */
  item?: number;
}

/** Errors first (the error summary is at the top), then the question, its hint, each field and its options. */
export function questionScript(t: TFunction, input: QuestionScriptInput): Utterance[] {
  const { service, step } = input;
  const ns = serviceNamespace(service.id);
  const out: Utterance[] = [];
  if (input.apiError) out.push(say(spokenText(t, `errors.api.${input.apiError}`)));
  if (input.errors.length > 0) {
    out.push(say(spokenText(t, 'errors.summaryTitle')));
    for (const error of input.errors) out.push(say(spokenFieldError(t, ns, error)));
  }
  // A safety note comes first, before the question (110 and 112).
  if (step.warningKey) out.push(say(spokenText(t, step.warningKey, { ns })));
  if (!input.returnToCheck) {
    out.push(say(spokenText(t, 'nav.stepOf', { current: input.stepNumber, total: input.stepCount })));
  }
  // An item's page is headed by the item ("Person 2"), as on screen.
  const item = input.item;
  const heading =
    item !== undefined && step.repeat
      ? spokenText(t, step.repeat.itemLabelKey, { ns, number: item + 1 })
      : spokenText(t, step.titleKey, { ns });
  out.push(say(heading));
  const answers = item !== undefined ? (groupItems(step, input.answers)[item] ?? {}) : input.answers;
  const single = step.fields.length === 1;
  // As on screen: a one-field step shows the field's own hint instead of the step's.
  if (step.hintKey && !(single && step.fields[0]!.hintKey)) out.push(say(spokenText(t, step.hintKey, { ns })));
  for (const field of step.fields) {
    const label = field.labelKey ? spokenText(t, field.labelKey, { ns }) : single ? '' : field.name;
    const optional = field.optional ? ` ${spokenText(t, 'field.optional')}` : '';
    if (label || optional) out.push(say(`${label}${optional}`.trim()));
    if (field.hintKey) out.push(say(spokenText(t, field.hintKey, { ns })));
    // The notes the fields add under their hint (fields/TextInputField.tsx, TextAreaField.tsx).
    if (fieldScript(field) === 'latin') out.push(say(spokenText(t, 'entry.latinHint')));
    // What the type adds: a date's "Tag, Monat, Jahr", free text read by German staff.
    for (const key of fieldType(field.type).spokenHintKeys?.(input.language) ?? []) out.push(say(spokenText(t, key)));
    if (field.options) {
      out.push(say(spokenText(t, 'speech.options', { count: field.options.length })));
      for (const option of field.options) {
        out.push(say(spokenText(t, option.labelKey, { ns })));
        if (option.hintKey) out.push(say(spokenText(t, option.hintKey, { ns })));
      }
    }
    out.push(...answerUtterance(t, ns, field, scalarAnswer(answers[field.name]), input.speakAnswers));
  }
  // The detail's summary is said; its text is read when the resident opens it (it is on screen then).
  if (step.details) out.push(say(spokenText(t, step.details.summaryKey, { ns })));
  return out;
}

export interface GroupListScriptInput {
  service: ServiceDefinition;
  step: Step;
  answers: SessionView['answers'];
  stepNumber: number;
  stepCount: number;
  returnToCheck: boolean;
  /** The problems shown, already naming their item ("Person 2: …"). */
  errors: readonly string[];
  speakAnswers: boolean;
}

/** A repeatable group's list: problems, the question, each item (its name only when answers are spoken), add, go on. */
export function groupListScript(t: TFunction, input: GroupListScriptInput): Utterance[] {
  const { service, step } = input;
  const ns = serviceNamespace(service.id);
  const repeat = step.repeat!;
  const out: Utterance[] = [];
  if (input.errors.length > 0) out.push(say(spokenText(t, 'errors.summaryTitle')), ...input.errors.map(say));
  if (!input.returnToCheck) {
    out.push(say(spokenText(t, 'nav.stepOf', { current: input.stepNumber, total: input.stepCount })));
  }
  out.push(say(spokenText(t, step.titleKey, { ns })));
  if (step.hintKey) out.push(say(spokenText(t, step.hintKey, { ns })));
  const items = groupItems(step, input.answers);
  if (items.length === 0) out.push(say(spokenText(t, 'group.none')));
  else out.push(say(spokenText(t, 'group.count', { count: items.length })));
  items.forEach((item, index) => {
    const label = spokenText(t, repeat.itemLabelKey, { ns, number: index + 1 });
    const named = repeat.summaryFields.flatMap((name) => {
      const field = step.fields.find((candidate) => candidate.name === name);
      const value = scalarAnswer(item[name]);
      return field && hasAnswer(value) ? [spokenAnswer(t, ns, field, value)] : [];
    });
    if (input.speakAnswers && named.length > 0) {
      out.push({ text: t('speech.labelledAnswer', { label, answer: named.join(' ') }), personal: true });
    } else out.push(say(label));
  });
  if (items.length < repeat.max) out.push(say(spokenText(t, repeat.addKey, { ns })));
  else out.push(say(spokenText(t, 'group.limitReached', { max: repeat.max })));
  return out;
}

/** Fees with their amounts, and the total when there are several. */
export function feeUtterances(t: TFunction, ns: string, fees: readonly FeeLine[], total: boolean): Utterance[] {
  if (fees.length === 0) return [say(spokenText(t, 'confirmation.noFees'))];
  const out = fees.map((fee) => {
    const label = spokenText(t, fee.labelKey, { ns });
    // A per-piece fee says how many, as the page shows it.
    const named =
      fee.count !== undefined && fee.count > 1
        ? spokenText(t, 'visit.feeCount', {
            fee: label,
            count: fee.count,
            unit: spokenMoney(t, fee.unitCents ?? fee.amountCents, fee.currency),
          })
        : label;
    return say(`${named}: ${spokenMoney(t, fee.amountCents, fee.currency)}.`);
  });
  if (total && fees.length > 1) {
    out.push(say(`${spokenText(t, 'servicePages.total')}: ${spokenMoney(t, totalCents(fees), fees[0]!.currency)}.`));
  }
  return out;
}

/** A service's start page: the safety note first, then what it is for, who, what you need, time, cost. */
export function introScript(t: TFunction, service: ServiceDefinition, untranslated = false): Utterance[] {
  const ns = serviceNamespace(service.id);
  // Not translated into this language: the notice in it, then the service's German texts in the German voice.
  const svc = (key: string): Utterance => ({
    ...say(spokenText(t, key, { ns })),
    ...(untranslated ? { language: DEFAULT_LANGUAGE } : {}),
  });
  const start = service.startPage;
  const out: Utterance[] = untranslated ? [say(spokenText(t, 'serviceUntranslated.notice'))] : [];
  if (start?.warningKey) out.push(svc(start.warningKey));
  out.push(svc(service.titleKey), svc(start?.purposeKey ?? service.summaryKey));
  if (start) {
    out.push(say(spokenText(t, 'servicePages.whoHeading')), svc(start.eligibilityKey));
    if (start.needKeys.length > 0) {
      out.push(say(spokenText(t, 'servicePages.needHeading')), ...start.needKeys.map(svc));
    }
    out.push(say(spokenText(t, 'servicePages.durationHeading')), svc(start.durationKey));
  }
  out.push(say(spokenText(t, 'servicePages.costHeading')), ...feeUtterances(t, ns, service.fees, false));
  if (start?.costNoteKey) out.push(svc(start.costNoteKey));
  out.push(say(spokenText(t, 'servicePages.startHint')));
  return out;
}

/** An outcome: what happened, what to do instead, whom to call, and how to change the answer. */
export function outcomeScript(t: TFunction, service: ServiceDefinition, step: Step, office?: Office): Utterance[] {
  const ns = serviceNamespace(service.id);
  return [
    say(spokenText(t, step.titleKey, { ns })),
    ...(step.bodyKeys ?? []).map((key) => say(spokenText(t, key, { ns }))),
    ...(office ? officeUtterances(t, office) : []),
    say(spokenText(t, 'servicePages.outcomeChange')),
  ];
}

export interface CheckScriptInput {
  service: ServiceDefinition;
  view: SessionView;
  apiError: ApiErrorCode | null;
  speakAnswers: boolean;
}

/** Each question's label; the answers themselves only when the resident switched them on. */
export function checkScript(t: TFunction, input: CheckScriptInput): Utterance[] {
  const { service, view } = input;
  const ns = serviceNamespace(service.id);
  const out: Utterance[] = [];
  if (input.apiError) out.push(say(spokenText(t, `errors.api.${input.apiError}`)));
  out.push(say(spokenText(t, 'check.title')), say(spokenText(t, 'check.lead')));
  if (!input.speakAnswers) out.push(say(spokenText(t, 'speech.answersNotSpoken')));
  for (const row of checkRows(t, service, view.visibleStepIds, view.answers)) {
    const label = spokenRowLabel(t, service, row);
    if (input.speakAnswers && !row.fields.some(isMasked)) {
      const answers = row.fields.map((field) => {
        const value = scalarAnswer(row.answers[field.name]);
        return hasAnswer(value) ? spokenAnswer(t, ns, field, value) : t('check.notGiven');
      });
      out.push({ text: t('speech.labelledAnswer', { label, answer: answers.join(', ') }), personal: true });
    } else {
      out.push(say(label));
    }
  }
  const { fees } = selectParts(service, applicableParts(service, view.answers, view.today));
  out.push(say(spokenText(t, 'servicePages.costThisHeading')), ...feeUtterances(t, ns, fees, true));
  if (service.completion === 'visit') {
    out.push(say(spokenText(t, 'visit.sendHeading')), say(spokenText(t, 'visit.sendText')));
  } else {
    out.push(say(spokenServiceTerm(t, service.id, 'sendHeading')), say(spokenText(t, 'check.sendText')));
  }
  return out;
}

/** The reference letter by letter, what happens next, what to bring, fees and the office. */
export function confirmationScript(
  t: TFunction,
  service: ServiceDefinition,
  reference: string,
  applies: ReturnType<typeof selectParts>,
  /** The service's office (resources/offices/). */
  office?: Office,
): Utterance[] {
  const ns = serviceNamespace(service.id);
  const svc = (key: string) => spokenText(t, key, { ns });
  const out: Utterance[] = [
    say(spokenServiceTerm(t, service.id, 'sent')),
    say(`${spokenText(t, 'confirmation.referenceLabel')}: ${spokenReference(reference)}.`),
    say(spokenText(t, 'confirmation.referenceHint')),
    say(spokenText(t, 'confirmation.nextHeading')),
    ...applies.nextStepKeys.map((key) => say(svc(key))),
  ];
  if (applies.documentKeys.length > 0) {
    out.push(say(spokenText(t, 'confirmation.documentsHeading')));
    out.push(...applies.documentKeys.map((key) => say(svc(key))));
  }
  out.push(say(spokenText(t, 'confirmation.feesHeading')), ...feeUtterances(t, ns, applies.fees, true));
  if (office) out.push(...officeUtterances(t, office));
  return out;
}

/** "Sind Sie noch da?" and the time left, when the idle warning opens. */
export function idleScript(t: TFunction, seconds: number): Utterance[] {
  return [say(spokenText(t, 'idle.title')), say(spokenText(t, 'idle.text', { seconds }))];
}

/** The countdown while the warning stays open: "Noch 20 Sekunden." */
export function idleCountdownScript(t: TFunction, seconds: number): Utterance[] {
  return [say(spokenText(t, 'speech.idleCountdown', { seconds }))];
}

/** The out-of-service screen: what it is, where to go instead and the desk's step-free way in, then the languages. */
export function outOfServiceScript(
  t: TFunction,
  languages: readonly LanguageCode[],
  nativeName: (language: LanguageCode) => string,
): Utterance[] {
  const out = ['outOfService.title', 'outOfService.text', 'outOfService.desk', 'help.staff', DESK_ACCESS_TEXT].map(
    (key) => say(spokenText(t, key)),
  );
  if (languages.length > 1) {
    out.push(say(spokenText(t, 'speech.chooseLanguage')));
    for (const language of languages) out.push({ text: nativeName(language), language });
  }
  return out;
}
