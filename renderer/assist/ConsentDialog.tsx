import { useId } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { KioskModal } from '../components/KioskModal';
import { useScreenSpeech } from '../speech/useScreenSpeech';
import { consentScript } from './assist-scripts';
import { useAssist } from './context';

/** "Darf Frau Meyer Ihre Angaben sehen?": asked on screen and spoken; only "Ja" opens the live view. */
export function ConsentDialog() {
  const { help } = useAssist();
  if (help.status !== 'consent' || !help.staffName) return null;
  return <ConsentQuestion name={help.staffName} />;
}

function ConsentQuestion({ name }: { name: string }) {
  const { t } = useTranslation();
  const assist = useAssist();
  const textId = useId();
  useScreenSpeech(`consent|${name}`, consentScript(t, name));
  return (
    <KioskModal
      title={t('assist.consent.title', { name })}
      isOpen
      role="alertdialog"
      describedBy={textId}
      isKeyboardDismissDisabled
      className="modal--consent"
    >
      <p className="dialog-text" id={textId}>
        {t('assist.consent.text', { name })}
      </p>
      <div className="button-group">
        <Button className="button button--primary" onPress={() => void assist.consent(true)}>
          {t('assist.consent.yes')}
        </Button>
        <Button className="button button--secondary" autoFocus onPress={() => void assist.consent(false)}>
          {t('assist.consent.no')}
        </Button>
      </div>
    </KioskModal>
  );
}
