import { useState } from 'react';
import { Button, ToggleButton } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../app/context';
import { LanguageSwitch } from './LanguageSwitch';
import { Modal } from './Modal';
import { Notice } from './Notice';
import { PasswordChangeForm } from './PasswordChangeForm';

/** Who is signed in, the connection, the alert sound, the console language, the own password and logout. */
export function ConsoleHeader() {
  const { t } = useTranslation();
  const { session, connected, muted, setMuted, logout } = useConsole();
  const [password, setPassword] = useState<'closed' | 'open' | 'changed'>('closed');
  return (
    <header className="header">
      <p className="header-title">{t('app.title')}</p>
      <div className="header-tools">
        <p className="header-user">
          {t('header.signedInAs', {
            name: session?.staff.displayName ?? '',
            role: t(`role.${session?.staff.role ?? 'staff'}`),
          })}
        </p>
        <p className={`connection connection--${connected ? 'on' : 'off'}`}>
          {connected ? t('header.connected') : t('header.disconnected')}
        </p>
        <ToggleButton className="button button--header" isSelected={muted} onChange={setMuted}>
          {t('header.muteAlert')}
        </ToggleButton>
        <LanguageSwitch />
        <Button className="button button--header" onPress={() => setPassword('open')}>
          {t('account.password.open')}
        </Button>
        <Button className="button button--header" onPress={() => void logout()}>
          {t('header.logout')}
        </Button>
      </div>
      <Modal
        title={t('account.password.title')}
        isOpen={password !== 'closed'}
        onOpenChange={(open) => !open && setPassword('closed')}
      >
        {password === 'changed' ? (
          <>
            <Notice tone="success">{t('account.password.changed')}</Notice>
            <div className="button-row">
              <Button className="button button--primary" autoFocus onPress={() => setPassword('closed')}>
                {t('account.password.close')}
              </Button>
            </div>
          </>
        ) : (
          <>
            <PasswordChangeForm onChanged={() => setPassword('changed')} />
            <Button className="button button--secondary" onPress={() => setPassword('closed')}>
              {t('common.cancel')}
            </Button>
          </>
        )}
      </Modal>
    </header>
  );
}
