import { Button, ToggleButton } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../app/context';
import { LanguageSwitch } from './LanguageSwitch';

/** Who is signed in, the connection, the alert sound, the console language and logout. */
export function ConsoleHeader() {
  const { t } = useTranslation();
  const { session, connected, muted, setMuted, logout } = useConsole();
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
        <Button className="button button--header" onPress={() => void logout()}>
          {t('header.logout')}
        </Button>
      </div>
    </header>
  );
}
