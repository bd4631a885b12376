import { useTranslation } from 'react-i18next';
import { KioskModal } from './KioskModal';

/** Over a page in progress while the core is unreachable: the form stays mounted, so nothing typed is lost. */
export function WaitingOverlay({ isOpen }: { isOpen: boolean }) {
  const { t } = useTranslation();
  return (
    <KioskModal title={t('waiting.title')} isOpen={isOpen} isKeyboardDismissDisabled className="modal--waiting">
      <span className="spinner" aria-hidden="true" />
      <p className="dialog-text" role="status">
        {t('waiting.text')}
      </p>
      <p className="dialog-text">{t('waiting.staff')}</p>
    </KioskModal>
  );
}
