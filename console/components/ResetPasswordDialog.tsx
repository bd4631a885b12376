import { useState, type FormEvent } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { failureOf } from '../api/client';
import type { StaffAccount } from '../api/protocol';
import { useConsole } from '../app/context';
import { MIN_PASSWORD } from '../lib/password';
import { Modal } from './Modal';
import { Notice } from './Notice';

/** An admin sets a password to hand over; its owner must choose their own at the next login. */
export function ResetPasswordDialog({
  account,
  onClose,
  onDone,
}: {
  account: StaffAccount;
  onClose: () => void;
  onDone: (updated: StaffAccount) => void;
}) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ([...password].length < MIN_PASSWORD) {
      setError(t('account.password.problem.too_short', { count: MIN_PASSWORD }));
      return;
    }
    try {
      onDone(await api.call('POST /staff/:staffId/password/reset', { staffId: account.staffId }, { password }));
    } catch (caught) {
      const failure = failureOf(caught);
      const code = failure.kind === 'invalid' ? failure.fieldErrors?.[0]?.code : undefined;
      setError(code ? t(`account.password.problem.${code}`, { count: MIN_PASSWORD }) : t('error.generic'));
    }
  };

  return (
    <Modal
      title={t('account.reset.title', { name: account.displayName })}
      isOpen
      onOpenChange={(open) => !open && onClose()}
    >
      <p>{t('account.reset.text')}</p>
      {error && <Notice tone="error">{error}</Notice>}
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          className="field"
          type="password"
          value={password}
          onChange={setPassword}
          isInvalid={error !== null}
          autoComplete="new-password"
          autoFocus
        >
          <Label className="field-label">{t('account.reset.password')}</Label>
          <Text slot="description" className="hint">
            {t('account.password.rules', { count: MIN_PASSWORD })}
          </Text>
          <Input className="input" />
          <FieldError className="field-error">{error}</FieldError>
        </TextField>
        <div className="button-row">
          <Button className="button button--secondary" onPress={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" className="button button--primary">
            {t('account.reset.submit')}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
