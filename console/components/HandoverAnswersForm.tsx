import { useState, type FormEvent } from 'react';
import { Button, Checkbox, FieldError, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AnswerInputValue, HandoverView } from '../api/protocol';
import { serviceSteps } from '../lib/catalog';
import { initialValue, inputValues, pendingValue, type FieldValue } from '../lib/field-values';
import { TypedField } from './TypedField';

type Answers = HandoverView['answers'];

interface FormProps {
  serviceId: string;
  answers: Answers;
  /** The page the resident was on: typed, never confirmed; its fields start with these (issue 14). */
  pending?: HandoverView['pending'];
  /** Field name → the desk's complaint in plain words. */
  fieldErrors: Record<string, string>;
  onSubmit: (answers: Record<string, AnswerInputValue>) => void;
}

/**
 * The draft's answers, editable step by step with the control each field needs (lib/catalog.ts); the
 * values go as the desk's core takes them (dates as DateParts, choices by value). A service the console
 * does not know falls back to name/value fields.
 */
export function HandoverAnswersForm(props: FormProps) {
  return serviceSteps(props.serviceId) ? <TypedAnswersForm {...props} /> : <GenericAnswersForm {...props} />;
}

function TypedAnswersForm({ serviceId, answers, pending, fieldErrors, onSubmit }: FormProps) {
  const { t } = useTranslation();
  const steps = serviceSteps(serviceId) ?? [];
  const fields = steps.flatMap((step) => step.fields);
  const [values, setValues] = useState<Record<string, FieldValue>>(() =>
    Object.fromEntries(
      fields.map((field) => {
        const typed = pending?.values[field.name];
        return [
          field.name,
          typed !== undefined ? pendingValue(field, typed) : initialValue(field, answers[field.name]),
        ];
      }),
    ),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(inputValues(fields, values));
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      {steps.map((step) => {
        const controls = step.fields.map((field) => (
          <TypedField
            key={field.name}
            field={field}
            value={values[field.name]!}
            error={fieldErrors[field.name]}
            onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
          />
        ));
        // A step with one field asks its question as the field's label: no second frame with the same name.
        return step.fields.length === 1 && step.fields[0]!.label === step.title ? (
          controls
        ) : (
          <fieldset key={step.stepId} className="form form--step">
            <legend className="step-legend">{step.title}</legend>
            {controls}
          </fieldset>
        );
      })}
      <Button type="submit" className="button button--primary">
        {t('handover.submit')}
      </Button>
    </form>
  );
}

function GenericAnswersForm({ answers, fieldErrors, onSubmit }: FormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(
      Object.entries(answers).map(([name, value]) => [
        name,
        typeof value === 'boolean' ? value : Array.isArray(value) ? value.join(', ') : String(value),
      ]),
    ),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(
      Object.fromEntries(
        Object.entries(values).map(([name, value]) => {
          if (typeof value === 'boolean') return [name, value];
          if (Array.isArray(answers[name])) {
            return [
              name,
              value
                .split(',')
                .map((part) => part.trim())
                .filter(Boolean),
            ];
          }
          return [name, value];
        }),
      ),
    );
  };

  const names = Object.keys(values);
  return (
    <form className="form" onSubmit={submit} noValidate>
      {names.length === 0 && <p>{t('handover.noAnswers')}</p>}
      {names.map((name) => {
        const value = values[name]!;
        return typeof value === 'boolean' ? (
          <Checkbox
            key={name}
            className="checkbox"
            isSelected={value}
            onChange={(selected) => setValues((current) => ({ ...current, [name]: selected }))}
          >
            <span className="checkbox-box" aria-hidden="true" />
            {name}
          </Checkbox>
        ) : (
          <TextField
            key={name}
            className="field"
            value={value}
            isInvalid={fieldErrors[name] !== undefined}
            onChange={(text) => setValues((current) => ({ ...current, [name]: text }))}
          >
            <Label className="field-label">{name}</Label>
            <Input className="input" />
            <FieldError className="field-error">{fieldErrors[name]}</FieldError>
          </TextField>
        );
      })}
      <Button type="submit" className="button button--primary">
        {t('handover.submit')}
      </Button>
    </form>
  );
}
