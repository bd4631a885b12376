import { useTranslation } from 'react-i18next';
import { LoginScreen } from '../screens/LoginScreen';
import { useConsole } from './context';
import { Shell } from './Shell';

export function App() {
  const { auth } = useConsole();
  const { t } = useTranslation();
  if (auth === 'checking') {
    return (
      <main className="page page--narrow">
        <p role="status">{t('app.loading')}</p>
      </main>
    );
  }
  return auth === 'signed_in' ? <Shell /> : <LoginScreen />;
}
