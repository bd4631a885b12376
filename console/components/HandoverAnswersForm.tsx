import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AnswerInputValue, HandoverView } from '../api/protocol';

type Answers = HandoverView['answers'];

/**
 * The draft's answers, editable: text and numbers as text, lists as comma-separated text, yes/no as a
 * checkbox. Dates stay in their ISO form ("YYYY-MM-DD") as the hub's checks expect them.
 */
export function HandoverAnswersForm({
  answers,
  onSubmit,
}: {
  answers: Answers;
  onSubmit: (answers: Record<string, AnswerInputValue>) => void;
}) {
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
            onChange={(text) => setValues((current) => ({ ...current, [name]: text }))}
          >
            <Label className="field-label">{name}</Label>
            <Input className="input" />
          </TextField>
        );
      })}
      <Button type="submit" className="button button--primary">
        {t('handover.submit')}
      </Button>
    </form>
  );
}
