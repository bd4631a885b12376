import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { KioskModal } from './KioskModal';

/** "Hilfe": the step's own help text if it has one, always with the note that staff can help. */
export function HelpButton({ helpKey, namespace }: { helpKey?: string; namespace?: string }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const text = helpKey ? t(helpKey, namespace ? { ns: namespace } : {}) : t('help.general');
  return (
    <>
      <Button className="header-button" onPress={() => setOpen(true)}>
        <span className="header-button__icon" aria-hidden="true">
          ?
        </span>
        {t('header.help')}
      </Button>
      <KioskModal title={t('help.title')} isOpen={isOpen} onOpenChange={setOpen}>
        <p className="dialog-text">{text}</p>
        <p className="dialog-text dialog-text--staff">{t('help.staff')}</p>
        <div className="button-group">
          <Button className="button" autoFocus onPress={() => setOpen(false)}>
            {t('help.close')}
          </Button>
        </div>
      </KioskModal>
    </>
  );
}
