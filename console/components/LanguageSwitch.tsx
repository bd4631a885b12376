import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/** German ⇄ English for the console itself (staff preference), named in the language it switches to. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'de' : 'en';
  return (
    <Button className="button button--header" onPress={() => void i18n.changeLanguage(other)}>
      <span lang={other}>{t('header.switchLanguage')}</span>
    </Button>
  );
}
