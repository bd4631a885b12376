import { useTranslation } from 'react-i18next';
import { ChangePasswordScreen } from '../screens/ChangePasswordScreen';
import { LoginScreen } from '../screens/LoginScreen';
import { useConsole } from './context';
import { Shell } from './Shell';

export function App() {
  const { auth, session } = useConsole();
  const { t } = useTranslation();
  if (auth === 'checking') {
    return (
      <main className="page page--narrow">
        <p role="status">{t('app.loading')}</p>
      </main>
    );
  }
  if (auth !== 'signed_in') return <LoginScreen />;
  return session?.mustChangePassword ? <ChangePasswordScreen /> : <Shell />;
}
