import { useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerInput, ServiceDefinition, SessionView, Step } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';
import { useKiosk } from '../app/context';
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

interface QuestionScreenProps {
  view: SessionView;
  service: ServiceDefinition;
  step: Step;
  stepNumber: number;
  stepCount: number;
  returnToCheck: boolean;
}

/**
 * One question per page (GOV.UK question page). The screen itself stays mounted from
 * step to step; the part that holds what is typed (QuestionForm) is keyed by the step,
 * so a new step gets fresh inputs while a language change or keep-alive keeps them.
 */
export function QuestionScreen({ view, service, step, stepNumber, stepCount, returnToCheck }: QuestionScreenProps) {
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
  const summaryErrors = errors.some((error) => stepFieldNames.has(error.field))
    ? errors.filter((error) => stepFieldNames.has(error.field))
    : errors;

  const title = t(step.titleKey, { ns: namespace });
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
      errors: spokenErrors,
      apiError: state.apiError,
      speakAnswers: state.speech.speakAnswers,
      language: view.language,
    }),
  );

  function onBack(): void {
    if (returnToCheck) void actions.goToCheck();
    else if (stepNumber === 1) setLeaveOpen(true);
    else void actions.back();
  }

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
        caption={t('nav.stepOf', { current: stepNumber, total: stepCount })}
      />
      <ConfirmDialog
        isOpen={leaveOpen}
        onOpenChange={setLeaveOpen}
        texts="leave"
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
  caption: string;
}

const QUESTION_FORM_ID = 'question-form';

/** The step's fields and "Weiter" (in the dock at the foot of the screen); typed values live here until "Weiter". */
function QuestionForm({ view, step, namespace, title, headingRef, errors, caption }: QuestionFormProps) {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  const [drafts, setDrafts] = useState<Record<string, DraftValue>>(() =>
    Object.fromEntries(step.fields.map((field) => [field.name, draftFromAnswer(field, view.answers[field.name])])),
  );
  const errorFor = (name: string) => errors.find((error) => error.field === name)?.text;
  const single = step.fields.length === 1;
  const stepHint = step.hintKey ? t(step.hintKey, { ns: namespace }) : undefined;

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    const values: Record<string, AnswerInput> = {};
    for (const field of step.fields) values[field.name] = inputFromDraft(field, drafts[field.name] ?? '');
    void actions.answer(step.id, values);
  }

  return (
    <>
      <StuckOffer stepKey={screenKey(view)} />
      <form className="question" id={QUESTION_FORM_ID} onSubmit={onSubmit} noValidate>
        <p className="caption">{caption}</p>
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
            onChange={(value) => setDrafts((current) => ({ ...current, [field.name]: value }))}
            error={errorFor(field.name)}
            errorCode={errors.find((error) => error.field === field.name)?.code}
            heading={single ? title : undefined}
            headingRef={single ? headingRef : undefined}
            hint={field.hintKey ? t(field.hintKey, { ns: namespace }) : single ? stepHint : undefined}
          />
        ))}
      </form>
      <DockAction>
        <PrimaryButton type="submit" form={QUESTION_FORM_ID} guide="next" isPending={state.busy}>
          {t('nav.continue')}
        </PrimaryButton>
      </DockAction>
    </>
  );
}
