import { useTranslation } from 'react-i18next';
import { waitingScript } from '../speech/dialog-scripts';
import { DialogSpeech } from '../speech/useDialogSpeech';
import { KioskModal } from './KioskModal';

/** Over a page in progress while the core is unreachable: the form stays mounted, so nothing typed is lost. */
export function WaitingOverlay({ isOpen }: { isOpen: boolean }) {
  return isOpen ? <OpenWaitingOverlay /> : null;
}

function OpenWaitingOverlay() {
  const { t } = useTranslation();
  return (
    <KioskModal title={t('waiting.title')} isOpen isKeyboardDismissDisabled className="modal--waiting">
      {/* Heard only if the core answers again soon or the prompts were made before it went away. */}
      <DialogSpeech name="waiting" script={waitingScript(t)} />
      <span className="spinner" aria-hidden="true" />
      <p className="dialog-text" role="status">
        {t('waiting.text')}
      </p>
      <p className="dialog-text">{t('waiting.staff')}</p>
    </KioskModal>
  );
}
