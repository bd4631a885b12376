import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/context';

/** The terminal's name and where it stands (as named on the hub), small, so staff know which kiosk a resident means. */
export function Footer() {
  const { t } = useTranslation();
  const { state } = useKiosk();
  if (!state.info?.terminalName) return null;
  const { terminalName: name, terminalLocation: location } = state.info;
  return (
    <footer className="footer">
      <p>{location ? t('app.terminalAt', { name, location }) : t('app.terminal', { name })}</p>
    </footer>
  );
}
