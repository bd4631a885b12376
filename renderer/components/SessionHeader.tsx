import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { DisplayMenu } from '../display/DisplayMenu';
import { EndButton } from './EndButton';
import { LanguageMenu } from './LanguageMenu';

interface SessionHeaderProps {
  serviceTitle: string;
  /** The service's text namespace: its own word for cancelling (sessionCancel), if it has one. */
  namespace?: string;
  /** After sending there is nothing to lose: "Beenden" ends without asking. */
  afterSending?: boolean;
}

/** At the top of every page in a session: which service, language, display and end ("Hilfe" is in the dock). */
export const SessionHeader = memo(function SessionHeader({
  serviceTitle,
  namespace,
  afterSending = false,
}: SessionHeaderProps) {
  const { t } = useTranslation();
  return (
    <header className="session-header">
      <div className="session-header__inner">
        <p className="session-header__service">
          <span className="session-header__app">{t('app.name')}</span>
          {serviceTitle}
        </p>
        <div className="session-header__actions">
          <LanguageMenu />
          <DisplayMenu />
          <EndButton afterSending={afterSending} namespace={namespace} />
        </div>
      </div>
    </header>
  );
});
