import { useState, type FormEvent } from 'react';
import { Button, FieldError, Input, Label, Radio, RadioGroup, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { failureOf } from '../api/client';
import { useConsole } from '../app/context';
import { MIN_PASSWORD } from '../lib/password';
import { Notice } from './Notice';

const USERNAME = /^[a-z][a-z0-9._-]{2,39}$/;

type Problem = 'username' | 'displayName' | 'password';

/** A new staff account; the same rules as the hub's route (POST /staff), explained before sending. */
export function CreateStaffForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<'staff' | 'admin'>('staff');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problem[] = [];
    if (!USERNAME.test(username)) found.push('username');
    if (!displayName.trim()) found.push('displayName');
    if (password.length < MIN_PASSWORD) found.push('password');
    setProblems(found);
    if (found.length) {
      setMessage({ tone: 'error', text: t('staff.create.fix') });
      return;
    }
    try {
      const created = await api.call('POST /staff', { username, displayName: displayName.trim(), role, password });
      setMessage({ tone: 'success', text: t('staff.create.done', { name: created.displayName }) });
      setUsername('');
      setDisplayName('');
      setPassword('');
      setRole('staff');
      onCreated();
    } catch (error) {
      const failure = failureOf(error);
      // The hub's password rules (common passwords, the username in it): explained by the rule broken.
      const code = failure.kind === 'invalid' ? failure.fieldErrors?.[0]?.code : undefined;
      if (code) setProblems(['password']);
      setMessage({
        tone: 'error',
        text: code
          ? t(`account.password.problem.${code}`, { count: MIN_PASSWORD })
          : t(failure.kind === 'conflict' ? 'staff.create.taken' : 'error.generic'),
      });
    }
  };

  return (
    <section className="panel" aria-labelledby="create-staff-title">
      <h2 id="create-staff-title">{t('staff.create.title')}</h2>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          className="field"
          value={username}
          onChange={setUsername}
          isInvalid={problems.includes('username')}
          autoComplete="off"
        >
          <Label className="field-label">{t('staff.create.username')}</Label>
          <Text slot="description" className="hint">
            {t('staff.create.usernameHint')}
          </Text>
          <Input className="input" />
          <FieldError className="field-error">{t('staff.create.usernameError')}</FieldError>
        </TextField>
        <TextField
          className="field"
          value={displayName}
          onChange={setDisplayName}
          isInvalid={problems.includes('displayName')}
          maxLength={80}
        >
          <Label className="field-label">{t('staff.create.displayName')}</Label>
          <Text slot="description" className="hint">
            {t('staff.create.displayNameHint')}
          </Text>
          <Input className="input" />
          <FieldError className="field-error">{t('staff.create.displayNameError')}</FieldError>
        </TextField>
        <RadioGroup className="field" value={role} onChange={(value) => setRole(value === 'admin' ? 'admin' : 'staff')}>
          <Label className="field-label">{t('staff.create.role')}</Label>
          <div className="radio-row">
            <Radio className="radio" value="staff">
              {t('role.staff')}
            </Radio>
            <Radio className="radio" value="admin">
              {t('role.admin')}
            </Radio>
          </div>
        </RadioGroup>
        <TextField
          className="field"
          type="password"
          value={password}
          onChange={setPassword}
          isInvalid={problems.includes('password')}
          autoComplete="new-password"
        >
          <Label className="field-label">{t('staff.create.password')}</Label>
          <Text slot="description" className="hint">
            {t('staff.create.passwordHint', { count: MIN_PASSWORD })}
          </Text>
          <Input className="input" />
          <FieldError className="field-error">{t('staff.create.passwordError', { count: MIN_PASSWORD })}</FieldError>
        </TextField>
        <Button type="submit" className="button button--primary">
          {t('staff.create.submit')}
        </Button>
      </form>
    </section>
  );
}
