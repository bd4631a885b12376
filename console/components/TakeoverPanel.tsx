import { useId, useState, type FormEvent } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AnswerInputValue, HelpRequestView, LiveSnapshot } from '../api/protocol';
import { useConsole } from '../app/context';
import { answerText } from '../lib/answer-text';
import { fieldOf, stepFields, stepTitle } from '../lib/catalog';
import { fieldErrorMap } from '../lib/field-errors';
import { initialValue, inputValues, type FieldValue } from '../lib/field-values';
import { FieldErrorList } from './FieldErrorList';
import { Notice } from './Notice';
import { TypedField } from './TypedField';

interface Row {
  id: number;
  name: string;
  value: string;
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
          {snapshot && <FieldErrorList serviceId={snapshot.serviceId} fieldErrors={result.fieldErrors ?? []} />}
        </Notice>
      )}
      {snapshot && stepId ? (
        <StepForm
          key={`${stepId}-${snapshot.serviceId}`}
          snapshot={snapshot}
          stepId={stepId}
          fieldErrors={
            result && !result.ok
              ? fieldErrorMap(t, result.fieldErrors, (name) => fieldOf(snapshot.serviceId, name))
              : {}
          }
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
  fieldErrors: Record<string, string>;
  onSubmit: (values: Record<string, AnswerInputValue>) => void;
}) {
  const { t } = useTranslation();
  const fields = stepFields(props.snapshot.serviceId, props.stepId);
  return (
    <div className="form">
      <h3 id="takeover-step-title">
        {t('assist.takeover.stepTitle', { step: stepTitle(props.snapshot.serviceId, props.stepId) ?? props.stepId })}
      </h3>
      {fields ? (
        <TypedStepForm fields={fields} answers={props.snapshot.answers} {...props} />
      ) : (
        <GenericStepForm {...props} />
      )}
    </div>
  );
}

/** The step's own fields, each with its control (lib/catalog.ts), prefilled with the resident's answers. */
function TypedStepForm(props: {
  fields: NonNullable<ReturnType<typeof stepFields>>;
  answers: LiveSnapshot['answers'];
  fieldErrors: Record<string, string>;
  onSubmit: (values: Record<string, AnswerInputValue>) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, FieldValue>>(() =>
    Object.fromEntries(props.fields.map((field) => [field.name, initialValue(field, props.answers[field.name])])),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit(inputValues(props.fields, values));
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="takeover-step-title">
      {props.fields.map((field) => (
        <TypedField
          key={field.name}
          field={field}
          value={values[field.name]!}
          error={props.fieldErrors[field.name]}
          onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
        />
      ))}
      <div className="button-row">
        <Button type="submit" className="button button--primary">
          {t('assist.takeover.next')}
        </Button>
      </div>
    </form>
  );
}

/** A step the console does not know: field names and values typed in by staff. */
function GenericStepForm(props: { snapshot: LiveSnapshot; onSubmit: (values: Record<string, string>) => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[]>([{ id: 0, name: '', value: '' }]);
  const [missing, setMissing] = useState(false);
  const setRow = (id: number, change: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.id === id ? { ...row, ...change } : row)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const filled = rows.filter((row) => row.name.trim());
    if (filled.length === 0) {
      setMissing(true);
      return;
    }
    setMissing(false);
    props.onSubmit(Object.fromEntries(filled.map((row) => [row.name.trim(), row.value])));
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="takeover-step-title">
      <p className="hint">{t('assist.takeover.genericHint')}</p>
      {missing && <Notice tone="error">{t('assist.takeover.missing')}</Notice>}
      {rows.map((row, index) => (
        <GenericRow
          key={row.id}
          row={row}
          number={index + 1}
          answers={props.snapshot.answers}
          onChange={(change) => setRow(row.id, change)}
        />
      ))}
      <div className="button-row">
        <Button
          className="button button--secondary"
          onPress={() => setRows((current) => [...current, { id: Date.now(), name: '', value: '' }])}
        >
          {t('assist.takeover.addField')}
        </Button>
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
