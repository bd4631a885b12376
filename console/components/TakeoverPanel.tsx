import { useId, useState, type FormEvent } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { HelpRequestView, LiveSnapshot } from '../api/protocol';
import { useConsole } from '../app/context';
import { answerText } from '../lib/answer-text';
import { stepFields, stepTitle } from '../lib/catalog';
import { Notice } from './Notice';

interface Row {
  id: number;
  name: string;
  value: string;
}

function initialRows(snapshot: LiveSnapshot, stepId: string): Row[] {
  const known = stepFields(snapshot.serviceId, stepId);
  const names = known ?? [''];
  return names.map((name, index) => {
    const current = snapshot.answers[name];
    return { id: index, name, value: current === undefined || typeof current === 'boolean' ? '' : String(current) };
  });
}

/**
 * Staff fill in the kiosk's current step and move through the journey; the resident sees every change and
 * can stop it. Without the service's journey (lib/catalog.ts) the form is generic: field name and value.
 */
export function TakeoverPanel({ request, snapshot }: { request: HelpRequestView; snapshot: LiveSnapshot | null }) {
  const { t } = useTranslation();
  const { api, updateRequest, results } = useConsole();
  const [lastCommand, setLastCommand] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const requestId = request.requestId;

  const call = async (run: () => Promise<{ commandId: string } | HelpRequestView>) => {
    setError(null);
    try {
      const reply = await run();
      if ('commandId' in reply) setLastCommand(reply.commandId);
      else updateRequest(reply);
    } catch {
      setError(t('error.generic'));
    }
  };

  if (request.mode !== 'takeover') {
    return (
      <section className="panel" aria-labelledby="takeover-title">
        <h2 id="takeover-title">{t('assist.takeover.title')}</h2>
        <p>{t('assist.takeover.intro')}</p>
        {error && <Notice tone="error">{error}</Notice>}
        <Button
          className="button button--primary"
          onPress={() => void call(() => api.call('POST /help/:requestId/takeover/start', { requestId }, {}))}
        >
          {t('assist.takeover.start')}
        </Button>
      </section>
    );
  }

  const result = lastCommand ? results[lastCommand] : undefined;
  const stepId = snapshot?.position.kind === 'step' ? snapshot.position.stepId : null;
  return (
    <section className="panel panel--active" aria-labelledby="takeover-title">
      <h2 id="takeover-title">{t('assist.takeover.activeTitle')}</h2>
      {error && <Notice tone="error">{error}</Notice>}
      {lastCommand && !result && <p role="status">{t('assist.takeover.pending')}</p>}
      {result?.ok && <Notice tone="success">{t('assist.takeover.ok')}</Notice>}
      {result && !result.ok && (
        <Notice tone="error">
          <p>{t('assist.takeover.failed', { code: result.errorCode ?? '' })}</p>
          {result.fieldErrors && result.fieldErrors.length > 0 && (
            <ul>
              {result.fieldErrors.map((fieldError) => (
                <li key={fieldError.field}>
                  {t('assist.takeover.fieldError', { field: fieldError.field, code: fieldError.code })}
                </li>
              ))}
            </ul>
          )}
        </Notice>
      )}
      {snapshot && stepId ? (
        <StepForm
          key={`${stepId}-${snapshot.serviceId}`}
          snapshot={snapshot}
          stepId={stepId}
          onSubmit={(values) =>
            void call(() => api.call('POST /help/:requestId/takeover/answer', { requestId }, { stepId, values }))
          }
        />
      ) : (
        <p>{snapshot ? t('assist.takeover.notOnStep') : t('assist.takeover.noSnapshot')}</p>
      )}
      <div className="button-row">
        <Button
          className="button button--secondary"
          onPress={() =>
            void call(() => api.call('POST /help/:requestId/takeover/navigate', { requestId }, { action: 'back' }))
          }
        >
          {t('assist.takeover.back')}
        </Button>
        <Button
          className="button button--secondary"
          onPress={() =>
            void call(() => api.call('POST /help/:requestId/takeover/navigate', { requestId }, { action: 'check' }))
          }
        >
          {t('assist.takeover.check')}
        </Button>
      </div>
      {snapshot && snapshot.visibleStepIds.length > 0 && (
        <StepJump
          snapshot={snapshot}
          onJump={(target) =>
            void call(() =>
              api.call('POST /help/:requestId/takeover/navigate', { requestId }, { action: 'step', stepId: target }),
            )
          }
        />
      )}
      <Button
        className="button button--danger"
        onPress={() => void call(() => api.call('POST /help/:requestId/takeover/end', { requestId }, {}))}
      >
        {t('assist.takeover.end')}
      </Button>
    </section>
  );
}

function StepForm(props: {
  snapshot: LiveSnapshot;
  stepId: string;
  onSubmit: (values: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const known = stepFields(props.snapshot.serviceId, props.stepId) !== null;
  const [rows, setRows] = useState<Row[]>(() => initialRows(props.snapshot, props.stepId));
  const [missing, setMissing] = useState(false);
  const setRow = (id: number, change: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.id === id ? { ...row, ...change } : row)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const filled = rows.filter((row) => row.name.trim());
    if (!known && filled.length === 0) {
      setMissing(true);
      return;
    }
    setMissing(false);
    props.onSubmit(Object.fromEntries(filled.map((row) => [row.name.trim(), row.value])));
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="takeover-step-title">
      <h3 id="takeover-step-title">
        {t('assist.takeover.stepTitle', { step: stepTitle(props.snapshot.serviceId, props.stepId) ?? props.stepId })}
      </h3>
      {!known && <p className="hint">{t('assist.takeover.genericHint')}</p>}
      {missing && <Notice tone="error">{t('assist.takeover.missing')}</Notice>}
      {rows.map((row, index) =>
        known ? (
          <TextField key={row.id} className="field" value={row.value} onChange={(value) => setRow(row.id, { value })}>
            <Label className="field-label">{row.name}</Label>
            <Input className="input" />
          </TextField>
        ) : (
          <GenericRow
            key={row.id}
            row={row}
            number={index + 1}
            answers={props.snapshot.answers}
            onChange={(change) => setRow(row.id, change)}
          />
        ),
      )}
      <div className="button-row">
        {!known && (
          <Button
            className="button button--secondary"
            onPress={() => setRows((current) => [...current, { id: Date.now(), name: '', value: '' }])}
          >
            {t('assist.takeover.addField')}
          </Button>
        )}
        <Button type="submit" className="button button--primary">
          {t('assist.takeover.next')}
        </Button>
      </div>
    </form>
  );
}

function GenericRow(props: {
  row: Row;
  number: number;
  answers: LiveSnapshot['answers'];
  onChange: (change: Partial<Row>) => void;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const current = props.answers[props.row.name];
  return (
    <fieldset className="field-row">
      <legend>{t('assist.takeover.fieldNumber', { number: props.number })}</legend>
      <TextField className="field" value={props.row.name} onChange={(name) => props.onChange({ name })}>
        <Label className="field-label">{t('assist.takeover.fieldName')}</Label>
        <Input className="input" list={listId} />
      </TextField>
      <datalist id={listId}>
        {Object.keys(props.answers).map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <TextField className="field" value={props.row.value} onChange={(value) => props.onChange({ value })}>
        <Label className="field-label">{t('assist.takeover.fieldValue')}</Label>
        <Input className="input" />
      </TextField>
      {current !== undefined && (
        <p className="hint">{t('assist.takeover.currentValue', { value: answerText(t, current) })}</p>
      )}
    </fieldset>
  );
}

function StepJump({ snapshot, onJump }: { snapshot: LiveSnapshot; onJump: (stepId: string) => void }) {
  const { t } = useTranslation();
  const selectId = useId();
  const [target, setTarget] = useState('');
  return (
    <div className="form form--inline">
      <div className="field">
        <label className="field-label" htmlFor={selectId}>
          {t('assist.takeover.jumpLabel')}
        </label>
        <select
          id={selectId}
          className="input select"
          value={target}
          onChange={(event) => setTarget(event.target.value)}
        >
          <option value="">{t('assist.takeover.jumpPlaceholder')}</option>
          {snapshot.visibleStepIds.map((stepId, index) => (
            <option key={stepId} value={stepId}>
              {t('assist.takeover.jumpOption', {
                number: index + 1,
                step: stepTitle(snapshot.serviceId, stepId) ?? stepId,
              })}
            </option>
          ))}
        </select>
      </div>
      <Button className="button button--secondary" isDisabled={!target} onPress={() => onJump(target)}>
        {t('assist.takeover.jump')}
      </Button>
    </div>
  );
}
