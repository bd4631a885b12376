import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskSettings } from '../app/context';

/** The terminal's name and where it stands (as named on the hub), small, so staff know which kiosk a resident means. */
export const Footer = memo(function Footer() {
  const { t } = useTranslation();
  const { info } = useKioskSettings();
  if (!info?.terminalName) return null;
  const { terminalName: name, terminalLocation: location } = info;
  return (
    <footer className="footer">
      <p>{location ? t('app.terminalAt', { name, location }) : t('app.terminal', { name })}</p>
    </footer>
  );
});
