import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/context';

/** The terminal's name, small, so staff know which kiosk a resident means. */
export function Footer() {
  const { t } = useTranslation();
  const { state } = useKiosk();
  if (!state.info?.terminalName) return null;
  return (
    <footer className="footer">
      <p>{t('app.terminal', { name: state.info.terminalName })}</p>
    </footer>
  );
}
