import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerInput, ServiceDefinition, SessionView, Step } from '../../contract';
import { groupItems, scalarAnswer } from '../../contract/journey';
import { serviceNamespace } from '../../contract/namespaces';
import { useKiosk, useKioskActions } from '../app/context';
import { cancelPageDraft, schedulePageDraft } from '../app/page-draft';
import { screenKey } from '../app/state';
import { useScreenFocus } from '../app/useScreenFocus';
import { BackLink } from '../components/BackLink';
import { DockAction } from '../components/BottomDock';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorSummary } from '../components/ErrorSummary';
import { PrimaryButton } from '../components/PrimaryButton';
import { SessionMain } from '../components/SessionMain';
import { draftFromAnswer, inputFromDraft, type DraftValue } from '../fields/draft';
import { FieldView } from '../fields/FieldView';
import { fieldErrorText } from '../i18n/fieldErrors';
import { questionScript } from '../speech/scripts';
import { useScreenSpeech } from '../speech/useScreenSpeech';
import { StuckOffer } from '../assist/StuckOffer';
import { QuestionDetails } from '../components/QuestionDetails';
import { WarningText } from '../components/WarningText';
import { serviceTerm, spokenServiceTerm } from '../i18n/service-terms';

interface QuestionScreenProps {
  view: SessionView;
  service: ServiceDefinition;
  step: Step;
  stepNumber: number;
  stepCount: number;
  returnToCheck: boolean;
  /** A repeatable group's item whose questions these are ("Person 2" is 1). */
  item?: number;
}

/**
 * One question per page (GOV.UK question page). The screen itself stays mounted from
 * step to step; the part that holds what is typed (QuestionForm) is keyed by the step,
 * so a new step gets fresh inputs while a language change or keep-alive keeps them.
 */
export function QuestionScreen({
  view,
  service,
  step,
  stepNumber,
  stepCount,
  returnToCheck,
  item,
}: QuestionScreenProps) {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  const namespace = serviceNamespace(service.id);
  const [leaveOpen, setLeaveOpen] = useState(false);

  const stepFieldNames = new Set(step.fields.map((field) => field.name));
  const errors = state.fieldErrors.map((error) => ({
    field: error.field,
    code: error.code,
    text: fieldErrorText(t, namespace, error),
  }));
  // An item's page is headed by the item ("Person 2"); the summary says whom each problem is about.
  const itemLabel =
    item !== undefined && step.repeat ? t(step.repeat.itemLabelKey, { ns: namespace, number: item + 1 }) : undefined;
  const summaryErrors = (
    errors.some((error) => stepFieldNames.has(error.field))
      ? errors.filter((error) => stepFieldNames.has(error.field))
      : errors
  ).map((error) =>
    itemLabel ? { ...error, text: t('group.itemError', { item: itemLabel, error: error.text }) } : error,
  );

  const title = itemLabel ?? t(step.titleKey, { ns: namespace });
  const baseTitle = t('app.titleWithService', {
    page: title,
    service: t(service.titleKey, { ns: namespace }),
    app: t('app.name'),
  });
  const headingRef = useScreenFocus(
    screenKey(view),
    errors.length > 0 ? t('errors.titlePrefix', { title: baseTitle }) : baseTitle,
  );

  // Spoken: the errors shown, then the question; again after each failed answer.
  const spokenErrors = state.fieldErrors.filter((error) => summaryErrors.some((shown) => shown.field === error.field));
  useScreenSpeech(`${screenKey(view)}|${state.errorSerial}|${state.apiError ?? ''}|${state.speech.speakAnswers}`, () =>
    questionScript(t, {
      service,
      step,
      stepNumber,
      stepCount,
      answers: view.answers,
      returnToCheck,
      errors: spokenErrors,
      apiError: state.apiError,
      speakAnswers: state.speech.speakAnswers,
      language: view.language,
      ...(item !== undefined ? { item } : {}),
    }),
  );

  // The same function from step to step (it reads where the resident is when pressed): the back link is not
  // rendered again on every "Weiter".
  const where = useRef({ item, returnToCheck, stepNumber });
  useLayoutEffect(() => {
    where.current = { item, returnToCheck, stepNumber };
  });
  const onBack = useCallback(() => {
    const { item, returnToCheck, stepNumber } = where.current;
    // An item's page goes back to its group's list (the core knows whether the list is still empty).
    if (item !== undefined) void actions.back();
    else if (returnToCheck) void actions.goToCheck();
    else if (stepNumber === 1) setLeaveOpen(true);
    else void actions.back();
  }, [actions, setLeaveOpen]);

  return (
    <SessionMain beforeMain={<BackLink onPress={onBack} />}>
      {summaryErrors.length > 0 && <ErrorSummary errors={summaryErrors} serial={state.errorSerial} />}
      <QuestionForm
        key={screenKey(view)}
        view={view}
        step={step}
        namespace={namespace}
        title={title}
        headingRef={headingRef}
        errors={errors}
        // Changing one answer from the check page is not a step of the journey: no count.
        caption={returnToCheck ? undefined : t('nav.stepOf', { current: stepNumber, total: stepCount })}
        item={item}
      />
      {/* Outside the form keyed by the step: the same button from step to step, only its label may change. */}
      <DockAction>
        <PrimaryButton type="submit" form={QUESTION_FORM_ID} guide="next" isPending={state.busy}>
          {t(item !== undefined ? 'group.saveItem' : returnToCheck ? 'servicePages.backToCheck' : 'nav.continue')}
        </PrimaryButton>
      </DockAction>
      <ConfirmDialog
        isOpen={leaveOpen}
        onOpenChange={setLeaveOpen}
        texts="leave"
        body={{ text: serviceTerm(t, service.id, 'leave'), spoken: spokenServiceTerm(t, service.id, 'leave') }}
        onConfirm={() => void actions.end('resident')}
      />
    </SessionMain>
  );
}

interface QuestionFormProps {
  view: SessionView;
  step: Step;
  namespace: string;
  title: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  errors: { field: string; code: string; text: string }[];
  caption: string | undefined;
  item?: number;
}

const QUESTION_FORM_ID = 'question-form';

/** The step's fields and "Weiter" (in the dock at the foot of the screen); typed values live here until "Weiter". */
function QuestionForm({ view, step, namespace, title, headingRef, errors, caption, item }: QuestionFormProps) {
  const { t } = useTranslation();
  const actions = useKioskActions();
  // What was typed here before a reload (or a crash) and never confirmed comes back; else the stored answer.
  const [drafts, setDrafts] = useState<Record<string, DraftValue>>(() => {
    const draft = view.pageDraft;
    const typed = draft?.stepId === step.id && draft.item === item ? draft.values : {};
    // An item's fields read the item's answers; a new item starts empty.
    const stored = item !== undefined ? (groupItems(step, view.answers)[item] ?? {}) : view.answers;
    return Object.fromEntries(
      step.fields.map((field) => {
        const value = typed[field.name];
        return [
          field.name,
          value !== undefined ? inputFromDraft(field, value) : draftFromAnswer(field, scalarAnswer(stored[field.name])),
        ];
      }),
    );
  });
  const changed = useRef(false);
  useEffect(() => {
    if (!changed.current) return;
    const values: Record<string, AnswerInput> = {};
    for (const field of step.fields) values[field.name] = inputFromDraft(field, drafts[field.name] ?? '');
    schedulePageDraft(view.sessionId, step.id, values, item);
  }, [drafts, step, view.sessionId, item]);
  // Leaving the page: what was not sent yet belongs to a page no longer on screen.
  useEffect(() => () => cancelPageDraft(), []);
  const errorFor = (name: string) => errors.find((error) => error.field === name)?.text;
  const single = step.fields.length === 1 && item === undefined;
  const stepHint = step.hintKey ? t(step.hintKey, { ns: namespace }) : undefined;

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    const values: Record<string, AnswerInput> = {};
    for (const field of step.fields) values[field.name] = inputFromDraft(field, drafts[field.name] ?? '');
    // The answer itself clears the saved entries in the core; a save still waiting would only come after it.
    cancelPageDraft();
    void actions.answer(step.id, values, item);
  }

  return (
    <>
      <StuckOffer stepKey={screenKey(view)} />
      {step.warningKey && <WarningText text={t(step.warningKey, { ns: namespace })} />}
      <form className="question" id={QUESTION_FORM_ID} onSubmit={onSubmit} noValidate>
        {caption && <p className="caption">{caption}</p>}
        {!single && (
          <>
            <h1 className="page-heading" ref={headingRef} tabIndex={-1}>
              {title}
            </h1>
            {stepHint && <p className="hint hint--lead">{stepHint}</p>}
          </>
        )}
        {step.fields.map((field) => (
          <FieldView
            key={field.name}
            field={field}
            namespace={namespace}
            value={drafts[field.name] ?? ''}
            onChange={(value) => {
              changed.current = true;
              setDrafts((current) => ({ ...current, [field.name]: value }));
            }}
            error={errorFor(field.name)}
            errorCode={errors.find((error) => error.field === field.name)?.code}
            heading={single ? title : undefined}
            headingRef={single ? headingRef : undefined}
            hint={field.hintKey ? t(field.hintKey, { ns: namespace }) : single ? stepHint : undefined}
          />
        ))}
        {step.details && (
          <QuestionDetails
            summary={t(step.details.summaryKey, { ns: namespace })}
            text={t(step.details.textKey, { ns: namespace })}
          />
        )}
      </form>
    </>
  );
}
