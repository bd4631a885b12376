import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/context';
import { KioskModal } from './KioskModal';
import { LanguageButtons } from './LanguageButtons';

/** Compact language control in the session header; answers are kept when the language changes. */
export function LanguageMenu() {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  const [isOpen, setOpen] = useState(false);
  const current = state.view?.language ?? state.startLanguage;
  const languages = state.info?.languages ?? [];
  if (languages.length < 2) return null;
  return (
    <>
      <Button className="header-button" onPress={() => setOpen(true)}>
        <svg className="header-button__svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="9" />
          <path d="M3 12h18M12 3c3 3.5 3 14.5 0 18M12 3c-3 3.5-3 14.5 0 18" />
        </svg>
        {t('language.current', { name: t('language.nativeName') })}
      </Button>
      <KioskModal title={t('language.dialogTitle')} isOpen={isOpen} onOpenChange={setOpen}>
        <LanguageButtons
          languages={languages}
          current={current}
          autoFocusCurrent
          onChoose={(language) => {
            setOpen(false);
            if (language !== current) void actions.setLanguage(language);
          }}
        />
        <div className="button-group">
          <Button className="button button--secondary" onPress={() => setOpen(false)}>
            {t('language.close')}
          </Button>
        </div>
      </KioskModal>
    </>
  );
}
