import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { DisplayMenu } from '../display/DisplayMenu';
import { EndButton } from './EndButton';
import { HelpButton } from './HelpButton';
import { LanguageMenu } from './LanguageMenu';

interface SessionHeaderProps {
  serviceTitle: string;
  helpKey?: string;
  namespace?: string;
  /** After sending there is nothing to lose: "Beenden" ends without asking. */
  afterSending?: boolean;
}

/** Always on screen during a session: which service, language, display, help and end. */
export const SessionHeader = memo(function SessionHeader({
  serviceTitle,
  helpKey,
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
          <HelpButton helpKey={helpKey} namespace={namespace} />
          <EndButton afterSending={afterSending} namespace={namespace} />
        </div>
      </div>
    </header>
  );
});
