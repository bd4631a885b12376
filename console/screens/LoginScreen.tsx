import { useEffect, useState, type FormEvent } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { failureOf, type ApiFailure } from '../api/client';
import { useConsole } from '../app/context';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Notice } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';

function loginErrorKey(failure: ApiFailure): string {
  switch (failure.kind) {
    case 'unauthorized':
    case 'invalid':
      return 'login.error.wrong';
    case 'rate_limited':
      return failure.retryAfterSeconds === null ? 'login.error.tooManyNoTime' : 'login.error.tooMany';
    case 'network':
      return 'login.error.network';
    default:
      return 'login.error.server';
  }
}

export function LoginScreen() {
  const { t } = useTranslation();
  const { api, signedIn, loginNotice } = useConsole();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [missing, setMissing] = useState(false);
  // The wait after 429 counts down, so staff see when they may try again.
  const [waitSeconds, setWaitSeconds] = useState(0);
  useEffect(() => {
    if (waitSeconds <= 0) return;
    const timer = setTimeout(() => setWaitSeconds((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [waitSeconds]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      setFailure(null);
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      const session = await api.call('POST /login', { username: username.trim(), password });
      signedIn(session);
    } catch (error) {
      const next = failureOf(error);
      setFailure(next);
      setPassword('');
      if (next.kind === 'rate_limited' && next.retryAfterSeconds) setWaitSeconds(next.retryAfterSeconds);
    } finally {
      setBusy(false);
    }
  };

  const errorText = missing
    ? t('login.error.missing')
    : failure
      ? t(loginErrorKey(failure), { seconds: failure.kind === 'rate_limited' ? failure.retryAfterSeconds : 0 })
      : null;

  return (
    <main className="page page--narrow login">
      <div className="login-top">
        <p className="login-brand">{t('app.title')}</p>
        <LanguageSwitch />
      </div>
      <ScreenHeading>{t('login.title')}</ScreenHeading>
      {loginNotice === 'expired' && <Notice tone="info">{t('login.notice.expired')}</Notice>}
      {loginNotice === 'logged_out' && <Notice tone="success">{t('login.notice.loggedOut')}</Notice>}
      {errorText && <Notice tone="error">{errorText}</Notice>}
      {waitSeconds > 0 && (
        <p className="hint" aria-live="off">
          {t('login.waitRemaining', { seconds: waitSeconds })}
        </p>
      )}
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField className="field" value={username} onChange={setUsername} isRequired autoComplete="username">
          <Label className="field-label">{t('login.username')}</Label>
          <Input className="input" name="username" />
        </TextField>
        <TextField
          className="field"
          type="password"
          value={password}
          onChange={setPassword}
          isRequired
          autoComplete="current-password"
        >
          <Label className="field-label">{t('login.password')}</Label>
          <Input className="input" name="password" />
        </TextField>
        <Button type="submit" className="button button--primary" isDisabled={busy || waitSeconds > 0}>
          {busy ? t('login.busy') : t('login.submit')}
        </Button>
      </form>
    </main>
  );
}
