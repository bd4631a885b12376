import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../app/context';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Notice } from '../components/Notice';
import { PasswordChangeForm } from '../components/PasswordChangeForm';
import { ScreenHeading } from '../components/ScreenHeading';

/** After an admin reset the password: the only screen until the member of staff has chosen their own. */
export function ChangePasswordScreen() {
  const { t } = useTranslation();
  const { session, logout } = useConsole();
  return (
    <main className="page page--narrow login">
      <div className="login-top">
        <p className="login-brand">{t('app.title')}</p>
        <LanguageSwitch />
      </div>
      <ScreenHeading>{t('account.forced.title')}</ScreenHeading>
      <Notice tone="info" live={false}>
        {t('account.forced.text', { name: session?.staff.displayName ?? '' })}
      </Notice>
      <PasswordChangeForm onChanged={() => undefined} />
      <div className="button-row">
        <Button className="button button--secondary" onPress={() => void logout()}>
          {t('header.logout')}
        </Button>
      </div>
    </main>
  );
}
