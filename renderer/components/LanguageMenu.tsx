import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { languageEntry } from '../../contract/languages';
import { useKioskActions, useKioskSettings } from '../app/context';
import { languageScript } from '../speech/dialog-scripts';
import { LanguageButtons } from './LanguageButtons';
import { MenuDialog } from './MenuDialog';

/** Compact language control in the session header; answers are kept when the language changes. */
export const LanguageMenu = memo(function LanguageMenu() {
  const { t } = useTranslation();
  const actions = useKioskActions();
  const { language: current, info } = useKioskSettings();
  const languages = info?.languages ?? [];
  if (languages.length < 2) return null;
  return (
    <MenuDialog
      triggerClassName="header-button"
      trigger={
        <>
          <svg className="header-button__svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="9" />
            <path d="M3 12h18M12 3c3 3.5 3 14.5 0 18M12 3c-3 3.5-3 14.5 0 18" />
          </svg>
          {t('language.current', { name: t('language.nativeName') })}
        </>
      }
      title={t('language.dialogTitle')}
      closeLabel={t('language.close')}
      speechName="language"
      // Each language's name in itself, from the contract: other languages' texts are not loaded.
      speech={() => languageScript(t, languages, (code) => languageEntry(code).nativeName)}
    >
      {(close) => (
        <LanguageButtons
          languages={languages}
          current={current}
          autoFocusCurrent
          onChoose={(language) => {
            close();
            if (language !== current) void actions.setLanguage(language);
          }}
        />
      )}
    </MenuDialog>
  );
});
