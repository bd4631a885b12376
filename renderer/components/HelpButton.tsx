import { memo, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { DESK_ACCESS_TEXT } from '../../contract/office-keys';
import { HelpDialogSpeech } from '../assist/HelpDialogSpeech';
import { StaffHelp } from '../assist/StaffHelp';
import { spokenText } from '../speech/spoken-text';
import { KioskModal } from './KioskModal';
import { ReadAloudButton } from './ReadAloudButton';

interface HelpButtonProps {
  helpKey?: string;
  namespace?: string;
}

/** "Hilfe": the step's own help text if it has one, and a person: called to the terminal, or at the desk. */
export const HelpButton = memo(function HelpButton({ helpKey, namespace }: HelpButtonProps) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button className="header-button" onPress={() => setOpen(true)} data-guide="help">
        <span className="header-button__icon" aria-hidden="true">
          ?
        </span>
        {t('header.help')}
      </Button>
      {/* Closed, only the button is made: it sits in the header of every page. */}
      {isOpen && <HelpDialog helpKey={helpKey} namespace={namespace} close={() => setOpen(false)} />}
    </>
  );
});

function HelpDialog({ helpKey, namespace, close }: HelpButtonProps & { close: () => void }) {
  const { t } = useTranslation();
  const options = namespace ? { ns: namespace } : {};
  const text = helpKey ? t(helpKey, options) : t('help.general');
  const spoken = helpKey ? spokenText(t, helpKey, options) : spokenText(t, 'help.general');
  // "Go to the desk": the Bürgerservice desk's step-free way in, whichever office the service belongs to.
  const accessText = t(DESK_ACCESS_TEXT);
  return (
    <KioskModal title={t('help.title')} isOpen onOpenChange={(open) => open || close()}>
      <HelpDialogSpeech helpText={spoken} accessText={accessText} />
      <p className="dialog-text">{text}</p>
      <StaffHelp accessText={accessText} onDone={close} />
      <div className="button-group">
        <Button className="button" autoFocus onPress={close}>
          {t('help.close')}
        </Button>
        <ReadAloudButton />
      </div>
    </KioskModal>
  );
}
