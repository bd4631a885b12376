import { useTranslation } from 'react-i18next';
import { DisplayMenu } from '../display/DisplayMenu';
import { LanguageMenu } from './LanguageMenu';

/**
 * The header of a screen outside a journey (a service's start page, the offices, out of service): the kiosk's
 * name, the language menu where a language can still be changed, and the display menu.
 */
export function KioskHeader({ languageMenu = true }: { languageMenu?: boolean }) {
  const { t } = useTranslation();
  return (
    <header className="session-header">
      <div className="session-header__inner">
        <p className="session-header__service">{t('app.name')}</p>
        <div className="session-header__actions">
          {languageMenu && <LanguageMenu />}
          <DisplayMenu />
        </div>
      </div>
    </header>
  );
}
