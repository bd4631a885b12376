import { useState, type FormEvent } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { RouteReply } from '../api/protocol';
import { useConsole } from '../app/context';
import { dateTime } from '../lib/format';
import { Notice } from './Notice';

/** Admins enrol a terminal: the one-time code is shown large, once, with its expiry. */
export function CreateTerminalForm() {
  const { t, i18n } = useTranslation();
  const { api, updateTerminal } = useConsole();
  const [name, setName] = useState('');
  const [location, setLocation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<RouteReply<'POST /terminals'> | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || !location.trim()) {
      setError(t('terminals.create.missing'));
      return;
    }
    setError(null);
    try {
      const reply = await api.call('POST /terminals', { name: name.trim(), location: location.trim() });
      updateTerminal(reply.terminal);
      setCreated(reply);
      setName('');
      setLocation('');
    } catch {
      setError(t('error.generic'));
    }
  };

  return (
    <section className="panel" aria-labelledby="create-terminal-title">
      <h2 id="create-terminal-title">{t('terminals.create.title')}</h2>
      {created && (
        <div className="code-panel" role="status">
          <p>{t('terminals.create.done', { name: created.terminal.name })}</p>
          <p className="code-label">{t('terminals.create.codeLabel')}</p>
          <p className="code" data-testid="enrolment-code">
            {created.enrolmentCode}
          </p>
          <p>{t('terminals.create.expires', { time: dateTime(i18n.language, created.expiresAt) })}</p>
        </div>
      )}
      {error && <Notice tone="error">{error}</Notice>}
      <form className="form form--inline" onSubmit={(event) => void submit(event)} noValidate>
        <TextField className="field" value={name} onChange={setName} isRequired maxLength={80}>
          <Label className="field-label">{t('terminals.create.name')}</Label>
          <Input className="input" />
        </TextField>
        <TextField className="field" value={location} onChange={setLocation} isRequired maxLength={120}>
          <Label className="field-label">{t('terminals.create.location')}</Label>
          <Input className="input" />
        </TextField>
        <Button type="submit" className="button button--primary">
          {t('terminals.create.submit')}
        </Button>
      </form>
    </section>
  );
}
