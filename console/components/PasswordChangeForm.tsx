import { useState, type FormEvent } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { failureOf } from '../api/client';
import { useConsole } from '../app/context';
import { MIN_PASSWORD } from '../lib/password';
import { Notice } from './Notice';

type Problem = 'current' | 'new' | 'repeat';

/**
 * The own password: the current one, the new one twice. The hub checks the rules (length, common passwords,
 * the username); the form explains its answer in the words of the rule that was broken.
 */
export function PasswordChangeForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const { api, passwordChanged } = useConsole();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  // Each marked field says why under it; the notice above sums up.
  const [problems, setProblems] = useState<Partial<Record<Problem, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Problem, string>> = {};
    if (!current) found.current = t('account.password.currentError');
    if ([...next].length < MIN_PASSWORD) found.new = t('account.password.newError', { count: MIN_PASSWORD });
    if (repeat !== next) found.repeat = t('account.password.repeatError');
    setProblems(found);
    if (Object.keys(found).length) {
      setMessage(t('account.password.fix'));
      return;
    }
    setBusy(true);
    try {
      await api.call('POST /password', { currentPassword: current, newPassword: next });
      passwordChanged();
      onChanged();
    } catch (error) {
      const failure = failureOf(error);
      if (failure.kind === 'forbidden') {
        const text = t('account.password.wrongCurrent');
        setCurrent('');
        setProblems({ current: text });
        setMessage(text);
      } else if (failure.kind === 'invalid' && failure.fieldErrors?.[0]) {
        const text = t(`account.password.problem.${failure.fieldErrors[0].code}`, { count: MIN_PASSWORD });
        setProblems({ new: text });
        setMessage(text);
      } else if (failure.kind === 'rate_limited') setMessage(t('account.password.tooMany'));
      else setMessage(t('error.generic'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      {message && <Notice tone="error">{message}</Notice>}
      <TextField
        className="field"
        type="password"
        value={current}
        onChange={setCurrent}
        isInvalid={problems.current !== undefined}
        autoComplete="current-password"
      >
        <Label className="field-label">{t('account.password.current')}</Label>
        <Input className="input" name="current-password" />
        <FieldError className="field-error">{problems.current}</FieldError>
      </TextField>
      <TextField
        className="field"
        type="password"
        value={next}
        onChange={setNext}
        isInvalid={problems.new !== undefined}
        autoComplete="new-password"
      >
        <Label className="field-label">{t('account.password.new')}</Label>
        <Text slot="description" className="hint">
          {t('account.password.rules', { count: MIN_PASSWORD })}
        </Text>
        <Input className="input" name="new-password" />
        <FieldError className="field-error">{problems.new}</FieldError>
      </TextField>
      <TextField
        className="field"
        type="password"
        value={repeat}
        onChange={setRepeat}
        isInvalid={problems.repeat !== undefined}
        autoComplete="new-password"
      >
        <Label className="field-label">{t('account.password.repeat')}</Label>
        <Input className="input" name="repeat-password" />
        <FieldError className="field-error">{problems.repeat}</FieldError>
      </TextField>
      <Button type="submit" className="button button--primary" isDisabled={busy}>
        {t('account.password.submit')}
      </Button>
    </form>
  );
}
