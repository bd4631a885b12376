import { useState, type FormEvent } from 'react';
import { Button, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { failureOf } from '../api/client';
import type { AnswerInputValue, HandoverView } from '../api/protocol';
import { useConsole } from '../app/context';
import { FieldErrorList } from '../components/FieldErrorList';
import { HandoverAnswersForm } from '../components/HandoverAnswersForm';
import { Notice } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';
import { PreparedVisitView } from '../components/PreparedVisitView';
import { RetentionNotice } from '../components/RetentionNotice';
import { fieldOf, isInPerson, serviceTitle, stepTitle } from '../lib/catalog';
import { fieldErrorMap } from '../lib/field-errors';
import { dateTime } from '../lib/format';
import { hasAmbiguousCharacters, isHandoverCode, normalizeHandoverCode } from '../lib/handover-code';

/** Continue at the desk: open the resident's draft with the code from the kiosk, finish it, submit it. */
export function HandoverScreen() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [draft, setDraft] = useState<HandoverView | null>(null);
  const [reference, setReference] = useState<string | null>(null);
  const [closed, setClosed] = useState(false);
  const [released, setReleased] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ field: string; code: string }[]>([]);

  const open = async (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeHandoverCode(code);
    setCode(normalized);
    if (!isHandoverCode(normalized)) {
      setCodeError(t(hasAmbiguousCharacters(normalized) ? 'handover.error.ambiguous' : 'handover.error.format'));
      return;
    }
    setCodeError(null);
    setReleased(false);
    try {
      setDraft(await api.call('POST /handover/open', { code: normalized }));
      setReference(null);
      setClosed(false);
      setReleased(false);
    } catch (error) {
      const kind = failureOf(error).kind;
      setCodeError(
        t(
          kind === 'not_found'
            ? 'handover.error.notFound'
            : kind === 'rate_limited'
              ? 'handover.error.tooMany'
              : kind === 'conflict'
                ? 'handoverHolder.held'
                : 'error.generic',
        ),
      );
    }
  };

  const submit = async (answers: Record<string, AnswerInputValue>) => {
    if (!draft) return;
    setSubmitError(null);
    setFieldErrors([]);
    try {
      const reply = await api.call('POST /handover/:handoverId/submit', { handoverId: draft.handoverId }, { answers });
      setReference(reply.reference);
      setDraft(null);
      setCode('');
    } catch (error) {
      const failure = failureOf(error);
      setSubmitError(t(failure.kind === 'invalid' ? 'handover.error.invalid' : holderError(failure.kind)));
      if (failure.kind === 'invalid') setFieldErrors(failure.fieldErrors ?? []);
    }
  };

  const close = async () => {
    if (!draft) return;
    setSubmitError(null);
    try {
      await api.call('POST /handover/:handoverId/close', { handoverId: draft.handoverId }, {});
      setClosed(true);
      setDraft(null);
      setCode('');
    } catch (error) {
      setSubmitError(t(holderError(failureOf(error).kind)));
    }
  };

  // The code stays bound to this desk until released here (or an admin opens it).
  const release = async () => {
    if (!draft) return;
    setSubmitError(null);
    try {
      await api.call('POST /handover/:handoverId/release', { handoverId: draft.handoverId }, {});
      setReleased(true);
      setDraft(null);
      setCode('');
    } catch (error) {
      setSubmitError(t(holderError(failureOf(error).kind)));
    }
  };

  return (
    <>
      <ScreenHeading>{t('handover.title')}</ScreenHeading>
      <RetentionNotice />
      {reference && (
        <div className="code-panel" role="status">
          <p>{t('handover.submitted')}</p>
          <p className="code-label">{t('handover.reference')}</p>
          <p className="code" data-testid="handover-reference">
            {reference}
          </p>
        </div>
      )}
      {closed && <Notice tone="success">{t('handover.visit.closed')}</Notice>}
      {released && <Notice tone="success">{t('handoverHolder.released')}</Notice>}
      <form className="form" onSubmit={(event) => void open(event)} noValidate>
        <TextField
          className="field"
          value={code}
          onChange={setCode}
          isInvalid={codeError !== null}
          maxLength={11}
          autoComplete="off"
        >
          <Label className="field-label">{t('handover.code')}</Label>
          <Input className="input input--code" spellCheck={false} />
          <Text className="hint" slot="description">
            {t('handover.codeHint')}
          </Text>
        </TextField>
        <Button type="submit" className="button button--primary">
          {t('handover.open')}
        </Button>
      </form>
      {codeError && <Notice tone="error">{codeError}</Notice>}
      {draft && (
        <section className="panel" aria-labelledby="draft-title">
          <h2 id="draft-title">{t('handover.draftTitle', { service: serviceTitle(draft.serviceId) })}</h2>
          <p>
            {t('handover.draftMeta', {
              language: t(`languageName.${draft.language}`),
              time: dateTime(i18n.language, draft.createdAt),
            })}
          </p>
          {submitError && (
            <Notice tone="error">
              <p>{submitError}</p>
              <FieldErrorList serviceId={draft.serviceId} fieldErrors={fieldErrors} />
            </Notice>
          )}
          <p className="hint">{t('handoverHolder.yours')}</p>
          <div className="button-row">
            <Button className="button button--secondary" onPress={() => void release()}>
              {t('handoverHolder.release')}
            </Button>
          </div>
          {draft.pending && (
            <Notice tone="info">
              {t('handoverPending.note', { step: stepTitle(draft.serviceId, draft.pending.stepId) })}
            </Notice>
          )}
          {isInPerson(draft.serviceId) ? (
            <PreparedVisitView draft={draft} onClose={() => void close()} />
          ) : (
            <HandoverAnswersForm
              key={draft.handoverId}
              serviceId={draft.serviceId}
              answers={draft.answers}
              pending={draft.pending}
              fieldErrors={fieldErrorMap(t, fieldErrors, (name) => fieldOf(draft.serviceId, name))}
              onSubmit={(answers) => void submit(answers)}
            />
          )}
        </section>
      )}
    </>
  );
}

/** Submit, close or release refused: the code is a colleague's now, or past its time. */
function holderError(kind: string): string {
  return kind === 'conflict' ? 'handoverHolder.held' : kind === 'gone' ? 'handoverHolder.expired' : 'error.generic';
}
